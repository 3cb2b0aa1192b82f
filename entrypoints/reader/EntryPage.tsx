// One entry at #/entry/<n>: every post in order, quoted posts and editor notes set apart, the
// links with site labels, save and note, and newer/older neighbours for j/k.
import { useEffect, useState } from 'preact/hooks';
import type { Post } from '../../lib/corpus/types';
import type { EntryUserState } from '../../lib/db/database';
import type { Translate } from '../../lib/i18n/messages';
import type { EntryView } from '../../lib/messaging/protocol';
import { formatRoute } from '../../lib/reader/route';
import { PostBody } from '../../lib/ui/PostBody';
import { errorMessage } from '../../lib/ui/error-message';
import { siteLabel } from '../../lib/url/site-label';
import { NoteEditor } from './NoteEditor';
import type { PageActions } from './page-actions';

export type EntryPageProps = {
  t: Translate;
  id: number;
  startEditingNote: boolean;
  getEntry: (id: number) => Promise<EntryView | null>;
  setSaved: (entryId: number, isSaved: boolean) => Promise<EntryUserState>;
  setNote: (entryId: number, text: string) => Promise<EntryUserState>;
  actions: { current: PageActions };
  goTo: (id: number) => void;
};

type Loaded = { status: 'loading' } | { status: 'missing' } | { status: 'error'; message: string } | { status: 'ready'; view: EntryView };

const entryHref = (id: number) => formatRoute({ view: 'entry', id });

function PostView({ post, t }: { post: Post; t: Translate }) {
  return (
    <article class="post">
      <header class="post-header">
        <strong class="post-author">{post.author}</strong> <span class="post-handle">@{post.handle}</span>
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
            <strong>{post.quote.author}</strong> <span class="post-handle">@{post.quote.handle}</span> · {post.quote.dateLabel}
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

export function EntryPage({ t, id, startEditingNote, getEntry, setSaved, setNote, actions, goTo }: EntryPageProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [isEditing, setEditing] = useState(startEditingNote);
  const [saveError, setSaveError] = useState<string | undefined>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    setLoaded({ status: 'loading' });
    setEditing(startEditingNote);
    getEntry(id).then(
      (view) => isCurrent && setLoaded(view ? { status: 'ready', view } : { status: 'missing' }),
      (error: unknown) => isCurrent && setLoaded({ status: 'error', message: errorMessage(error) }),
    );
    window.scrollTo(0, 0);
    return () => {
      isCurrent = false;
    };
  }, [id, generation]);

  const view = loaded.status === 'ready' ? loaded.view : undefined;
  const updateUser = (user: EntryUserState) => view && setLoaded({ status: 'ready', view: { ...view, user } });
  const toggleSave = () => {
    if (!view) return;
    setSaved(view.entry.id, !view.user.isSaved).then(
      (user) => {
        setSaveError(undefined);
        updateUser(user);
      },
      (error: unknown) => setSaveError(t('saveFailed', errorMessage(error))),
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
        <h1 id="missing-title">{loaded.status === 'missing' ? t('noSuchEntry', id) : t('corpusError', loaded.message)}</h1>
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
              ↑ {t('previousEntry')} #{previousId}
            </a>
          )}
          {nextId !== undefined && (
            <a href={entryHref(nextId)} rel="next">
              ↓ {t('nextEntry')} #{nextId}
            </a>
          )}
        </span>
      </nav>
      <header class="entry-header">
        <h1 id="entry-title">
          {t('entryNumber', entry.id)} · <time dateTime={entry.date}>{entry.date}</time>
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
          {saveError}
        </p>
      )}
      {isEditing ? (
        <NoteEditor
          t={t}
          initialText={user.note}
          onSave={async (text) => updateUser(await setNote(entry.id, text))}
          onDone={() => setEditing(false)}
        />
      ) : (
        user.note.trim() !== '' && (
          <section class="user-note" aria-label={t('note')}>
            <p>{user.note}</p>
          </section>
        )
      )}
      {(entry.revisionOf !== undefined || (entry.revisedBy ?? []).length > 0) && (
        <p class="related">
          {entry.revisionOf !== undefined && <a href={entryHref(entry.revisionOf)}>{t('samePostAs', entry.revisionOf)}</a>}
          {(entry.revisedBy ?? []).map((later) => (
            <a key={later} href={entryHref(later)}>
              {t('repeatedIn', later)}
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
