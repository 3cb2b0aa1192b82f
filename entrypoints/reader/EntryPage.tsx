// One entry at #/entry/<n>: every post in order, quoted posts and editor notes set apart, the
// links with site labels, save and note, and newer/older neighbours for j/k. Live: a change made
// in another tab, the popup or a card shows here at once.
import { useEffect, useState } from 'preact/hooks';
import { entryLabel } from '../../lib/corpus/entry-id';
import type { Entry, Post } from '../../lib/corpus/types';
import type { Translate } from '../../lib/i18n/messages';
import type { ShownEntry } from '../../lib/reader/document-title';
import type { EntryView } from '../../lib/reader/entry-view';
import { formatRoute } from '../../lib/reader/route';
import { entryTitle } from '../../lib/search/search-doc';
import { PostBody } from '../../lib/ui/PostBody';
import { describeError } from '../../lib/ui/describe-error';
import { formatEntryDate } from '../../lib/render/display-formats';
import { AuthorLine } from '../../lib/ui/AuthorLine';
import { takeUnsavedDraft, type JournalEntry, type JournalStorage } from '../../lib/user-data/note-draft';
import type { EntryUserState } from '../../lib/user-data/types';
import { siteLabel } from '../../lib/url/site-label';
import { journalTakeoverRule } from './draft-journal';
import { NoteEditor } from './NoteEditor';
import type { PageActions } from './page-actions';
import type { ReaderApi } from './reader-api';
import { useNoteDraft } from './use-note-draft';

export type EntryPageProps = {
  t: Translate;
  id: number;
  startEditingNote: boolean;
  api: ReaderApi;
  journal: JournalStorage;
  actions: { current: PageActions };
  goTo: (id: number) => void;
  /** Tells the reader what this page shows, for the tab's title. */
  onShown: (shown: ShownEntry) => void;
};

type Loaded = { status: 'loading' } | { status: 'missing' } | { status: 'error'; error: unknown } | { status: 'ready'; view: EntryView };

const entryHref = (id: number) => formatRoute({ view: 'entry', id });

function PostView({ post, t }: { post: Post; t: Translate }) {
  return (
    <article class="post">
      <header class="post-header">
        <AuthorLine author={post.author} handle={post.handle} />
        {post.sourceUrl !== undefined && (
          <a class="post-source" href={post.sourceUrl} target="_blank" rel="noreferrer noopener">
            {t('source')} ↗
          </a>
        )}
      </header>
      <PostBody text={post.text} />
      {post.quote && (
        <aside class="post-quote" aria-label={t('quoted')}>
          <header>
            <AuthorLine author={post.quote.author} handle={post.quote.handle} dateText={post.quote.dateLabel} />
          </header>
          <PostBody text={post.quote.text} />
        </aside>
      )}
      {post.notes.map((note) => (
        <aside class="editor-note" key={note.seq} aria-label={t('editorNote', note.date)}>
          <span class="editor-note-date">{t('editorNote', note.date)}</span>
          <p>{note.text}</p>
        </aside>
      ))}
    </article>
  );
}

type NoteSectionProps = {
  t: Translate;
  entry: Entry;
  user: EntryUserState;
  isEditing: boolean;
  setEditing: (isEditing: boolean) => void;
  api: ReaderApi;
  journal: JournalStorage;
  restored?: JournalEntry;
  onUserChange: (user: EntryUserState) => void;
};

/** The note, shown or edited. Its draft lives as long as the entry is on screen, editor open or not. */
function NoteSection({ t, entry, user, isEditing, setEditing, api, journal, restored, onUserChange }: NoteSectionProps) {
  const draft = useNoteDraft({
    entryId: entry.id,
    uid: entry.uid,
    user,
    journal,
    ...(restored ? { restored } : {}),
    save: async (text, baseNoteStamp) => {
      const result = await api.setNote(entry.id, text, baseNoteStamp);
      if (result.status === 'saved') onUserChange(result.user);
      return result;
    },
  });
  if (isEditing) return <NoteEditor t={t} draft={draft} isRestored={restored !== undefined} onDone={() => setEditing(false)} />;
  return draft.text.trim() === '' ? null : (
    <section class="user-note" aria-label={t('note')}>
      <p>{draft.text}</p>
    </section>
  );
}

export function EntryPage({ t, id, startEditingNote, api, journal, actions, goTo, onShown }: EntryPageProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [isEditing, setEditing] = useState(startEditingNote);
  const [restored, setRestored] = useState<JournalEntry | undefined>();
  const [saveError, setSaveError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    setLoaded({ status: 'loading' });
    setEditing(startEditingNote);
    setRestored(undefined);
    Promise.all([api.getEntry(id), journalTakeoverRule()]).then(
      ([view, canTake]) => {
        if (!isCurrent) return;
        setLoaded(view ? { status: 'ready', view } : { status: 'missing' });
        // Text this tab typed before a reload, or a closed tab typed, and not saved yet.
        const draft = view ? takeUnsavedDraft(journal, view.entry, view.user.note, canTake) : undefined;
        if (draft) {
          setRestored(draft);
          setEditing(true);
        }
      },
      (error: unknown) => isCurrent && setLoaded({ status: 'error', error }),
    );
    window.scrollTo(0, 0);
    // Changes from anywhere else: read this entry's state again.
    const unsubscribe = api.onUserDataChanged((change) => {
      if (
        change.kind === 'settings' ||
        change.kind === 'sync' ||
        (change.kind === 'entries' && !change.marks.some((m) => m.entryId === id))
      )
        return;
      api.getEntry(id).then(
        (view) => isCurrent && view && setLoaded({ status: 'ready', view }),
        (error: unknown) => isCurrent && setSaveError(error),
      );
    });
    return () => {
      isCurrent = false;
      unsubscribe();
    };
  }, [id, generation]);

  const view = loaded.status === 'ready' ? loaded.view : undefined;
  // The entry's own id: for a render or two after `id` changes, `view` is still the previous entry.
  const shownId = view?.entry.id;
  const shownTitle = view === undefined ? undefined : entryTitle(view.entry);
  useEffect(() => {
    if (shownId !== undefined && shownTitle !== undefined) onShown({ id: shownId, title: shownTitle });
    else if (loaded.status === 'missing') onShown({ id, isMissing: true });
  }, [id, shownId, shownTitle, loaded.status]);
  const updateUser = (user: EntryUserState) =>
    setLoaded((current) => (current.status === 'ready' ? { status: 'ready', view: { ...current.view, user } } : current));
  const toggleSave = () => {
    if (!view) return;
    api.setSaved(view.entry.id, !view.user.isSaved).then(
      (user) => {
        setSaveError(undefined);
        updateUser(user);
      },
      (error: unknown) => setSaveError(error),
    );
  };

  actions.current = view
    ? {
        next: view.nextId === undefined ? undefined : () => goTo(view.nextId as number),
        previous: view.previousId === undefined ? undefined : () => goTo(view.previousId as number),
        toggleSave,
        editNote: () => setEditing(true),
        openFirstLink: view.entry.urls[0] === undefined ? undefined : () => window.open(view.entry.urls[0], '_blank', 'noopener'),
      }
    : {};

  if (loaded.status === 'loading') return <p class="status">{t('loadingDigest')}</p>;
  if (loaded.status === 'missing' || loaded.status === 'error') {
    return (
      <section class="missing" role="alert" aria-labelledby="missing-title">
        <h1 id="missing-title">
          {loaded.status === 'missing' ? t('noSuchEntry', entryLabel(id)) : t('corpusError', describeError(t, loaded.error))}
        </h1>
        {loaded.status === 'error' && (
          <button type="button" onClick={() => setGeneration((g) => g + 1)}>
            {t('retry')}
          </button>
        )}
        <p>
          <a href="#/">{t('backToTimeline')}</a>
        </p>
      </section>
    );
  }

  const { entry, user, previousId, nextId } = loaded.view;
  return (
    <article class="entry" data-entry-id={String(entry.id)} aria-labelledby="entry-title">
      <nav class="entry-nav" aria-label={t('timeline')}>
        <a href="#/">← {t('backToTimeline')}</a>
        <span class="entry-nav-steps">
          {previousId !== undefined && (
            <a href={entryHref(previousId)} rel="prev">
              ↑ {t('previousEntry')} #{entryLabel(previousId)}
            </a>
          )}
          {nextId !== undefined && (
            <a href={entryHref(nextId)} rel="next">
              ↓ {t('nextEntry')} #{entryLabel(nextId)}
            </a>
          )}
        </span>
      </nav>
      <header class="entry-header">
        <h1 id="entry-title">
          {t('entryNumber', entryLabel(entry.id))} · <time dateTime={entry.date}>{formatEntryDate(entry.date)}</time>
        </h1>
        <div class="entry-actions">
          <button type="button" class={user.isSaved ? 'save is-saved' : 'save'} aria-pressed={user.isSaved} onClick={toggleSave}>
            {user.isSaved ? t('unsave') : t('save')}
          </button>
          {!isEditing && (
            <button type="button" class="secondary" onClick={() => setEditing(true)}>
              {user.note.trim() === '' ? t('addNote') : t('editNote')}
            </button>
          )}
        </div>
      </header>
      {saveError !== undefined && (
        <p class="error" role="alert">
          {t('saveFailed', describeError(t, saveError))}
        </p>
      )}
      <NoteSection
        key={entry.uid}
        t={t}
        entry={entry}
        user={user}
        isEditing={isEditing}
        setEditing={setEditing}
        api={api}
        journal={journal}
        {...(restored ? { restored } : {})}
        onUserChange={updateUser}
      />
      {(entry.revisionOf !== undefined || (entry.revisedBy ?? []).length > 0) && (
        <p class="related">
          {entry.revisionOf !== undefined && <a href={entryHref(entry.revisionOf)}>{t('samePostAs', entryLabel(entry.revisionOf))}</a>}
          {(entry.revisedBy ?? []).map((later) => (
            <a key={later} href={entryHref(later)}>
              {t('repeatedIn', entryLabel(later))}
            </a>
          ))}
        </p>
      )}
      {entry.posts.map((post, i) => (
        <PostView key={i} post={post} t={t} />
      ))}
      {entry.urls.length > 0 && (
        <section class="entry-links" aria-labelledby="links-title">
          <h2 id="links-title">{t('links')}</h2>
          <ul>
            {entry.urls.map((url) => (
              <li key={url}>
                <span class="site-label">{siteLabel(url)}</span>
                <a href={url} target="_blank" rel="noreferrer noopener">
                  {url}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
