// The reader shell: header with search and preferences, filters, the routed view, and the
// keyboard shortcuts (none fire while typing or composing; none destroys anything).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/messages';
import { readerDocumentTitle, type ShownEntry } from '../../lib/reader/document-title';
import { readerCommandFor, type ReaderCommand } from '../../lib/reader/keymap';
import type { EntryFilters } from '../../lib/search/entry-filters';
import { describeError } from '../../lib/ui/describe-error';
import { SearchInput } from '../../lib/ui/SearchInput';
import { saveAbandonedDrafts } from '../../lib/user-data/note-draft';
import { journalTakeoverRule, tabJournalId } from './draft-journal';
import { EntryPage } from './EntryPage';
import { FiltersPanel } from './FiltersPanel';
import { ListView } from './ListView';
import { OrphansView } from './OrphansView';
import { isEditableTarget, type PageActions } from './page-actions';
import { usePreferences, type Theme } from './preferences';
import type { ReaderApi } from './reader-api';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SyncBadge } from './SyncBadge';
import { useHashRoute } from './use-hash-route';

export type ReaderProps = { t: Translate; api: ReaderApi; storage: Storage };

/** How many saves and notes have lost their entry; kept current as data changes. */
function useOrphanCount(api: ReaderApi): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const refresh = () => {
      api.listOrphans().then(
        (orphans) => setCount(orphans.length),
        // The count is a pointer to the orphans view, which reports its own errors.
        () => undefined,
      );
    };
    refresh();
    return api.onUserDataChanged((change) => (change.kind === 'entries' || change.kind === 'all') && refresh());
  }, []);
  return count;
}

export function Reader({ t, api, storage }: ReaderProps) {
  const [route, navigate] = useHashRoute();
  const preferences = usePreferences(storage);
  const [isHelpOpen, setHelpOpen] = useState(false);
  const [noteRequestFor, setNoteRequestFor] = useState<number | undefined>();
  const [wasStorageCleared, setStorageCleared] = useState(false);
  const [settingsError, setSettingsError] = useState<unknown>();
  const orphanCount = useOrphanCount(api);
  const [shownEntry, setShownEntry] = useState<ShownEntry | undefined>();
  const actions = useRef<PageActions>({});
  const searchInput = useRef<HTMLInputElement>(null);
  const header = useRef<HTMLElement>(null);

  // The sticky header covers the top of the page: its height feeds scroll-padding-top
  // (reader.css), so a row scrolled to (the restored position, j/k) lands below it. It wraps on
  // narrow windows, so it is measured rather than assumed.
  useEffect(() => {
    const element = header.current;
    // Without ResizeObserver (a DOM without layout, as in the component tests) reader.css's fallback holds.
    if (element === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() =>
      document.documentElement.style.setProperty('--reader-header-height', `${element.offsetHeight}px`),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    // Claim this tab's journal lock early, so other tabs see its drafts as live at once.
    tabJournalId();
    // Drafts a closed or crashed tab did not get to save. A failure leaves them in the journal
    // for their entry pages to restore, so there is nothing to report here.
    journalTakeoverRule()
      .then((canTake) =>
        saveAbandonedDrafts(storage, { entryUid: async (id) => (await api.getEntry(id))?.entry.uid, save: api.setNote }, canTake),
      )
      .catch(() => undefined);
    return api.onUserDataChanged((change) => {
      if (change.kind === 'all' && change.reason === 'storageCleared') setStorageCleared(true);
    });
  }, []);

  useEffect(() => {
    document.title = readerDocumentTitle(t, route, shownEntry);
  }, [route, shownEntry]);

  const query = route.view === 'search' ? route.query : '';
  const filters: EntryFilters = route.view === 'search' ? route.filters : {};

  const showList = (nextQuery: string, nextFilters: EntryFilters, replace: boolean) =>
    navigate({ view: 'search', query: nextQuery, filters: nextFilters }, { replace });
  const openEntry = (id: number, options: { editNote?: boolean } = {}) => {
    setNoteRequestFor(options.editNote ? id : undefined);
    navigate({ view: 'entry', id });
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const isTyping = isEditableTarget(event.target);
      const command = readerCommandFor(event, { isTyping, isHelpOpen });
      if (command === undefined) return;
      const page = actions.current;
      // Every command of the keymap, typed so that none can be left without an action.
      const actionOf: Record<ReaderCommand, (() => void) | undefined> = {
        next: page.next,
        previous: page.previous,
        toggleSave: page.toggleSave,
        editNote: page.editNote,
        openFirstLink: page.openFirstLink,
        focusSearch: () => searchInput.current?.focus(),
        showHelp: () => setHelpOpen(true),
        close: isHelpOpen ? () => setHelpOpen(false) : isTyping ? () => (event.target as HTMLElement).blur() : undefined,
      };
      const action = actionOf[command];
      if (!action) return;
      // Escape keeps its default too (a search field clears itself).
      if (command !== 'close') event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isHelpOpen]);

  return (
    <>
      <header class="reader-header" ref={header}>
        <a href="#/" class="brand">
          {t('extensionName')}
        </a>
        <form class="reader-search" role="search" onSubmit={(event) => event.preventDefault()}>
          <SearchInput
            inputRef={searchInput}
            label={t('searchLabel')}
            placeholder={t('searchPlaceholder')}
            // The route's query, always: Back, Forward and entry pages (which have none) show theirs.
            value={query}
            // Typing refines one history entry instead of adding one per keystroke.
            onQuery={(text) => showList(text, filters, route.view === 'search')}
          />
        </form>
        <div class="preferences">
          <label class="field-inline">
            <span>{t('theme')}</span>
            <select value={preferences.theme} onChange={(event) => preferences.setTheme(event.currentTarget.value as Theme)}>
              <option value="system">{t('themeSystem')}</option>
              <option value="light">{t('themeLight')}</option>
              <option value="dark">{t('themeDark')}</option>
            </select>
          </label>
          {/* Visible symbol first, then the words: the accessible name contains what is seen. */}
          <button type="button" class="icon-button" title={t('smaller')} onClick={preferences.smaller}>
            A−<span class="visually-hidden"> {t('smaller')}</span>
          </button>
          <button type="button" class="icon-button" title={t('larger')} onClick={preferences.larger}>
            A+<span class="visually-hidden"> {t('larger')}</span>
          </button>
          <SyncBadge t={t} api={api} />
          <button type="button" onClick={() => void api.openSettings().then(() => setSettingsError(undefined), setSettingsError)}>
            <span aria-hidden="true">⚙ </span>
            {t('openSettings')}
          </button>
          <button type="button" class="icon-button" title={t('shortcuts')} onClick={() => setHelpOpen(true)}>
            ?<span class="visually-hidden"> {t('shortcuts')}</span>
          </button>
        </div>
      </header>
      {settingsError !== undefined && (
        <p class="banner error" role="alert">
          {t('openSettingsFailed', describeError(t, settingsError))}
        </p>
      )}
      {wasStorageCleared && (
        <p class="banner error" role="alert">
          {t('storageCleared')}
        </p>
      )}
      <div class={route.view === 'entry' ? 'reader-body is-entry' : 'reader-body'}>
        {(route.view === 'timeline' || route.view === 'search' || route.view === 'orphans') && (
          <div class="side">
            <FiltersPanel t={t} filters={filters} loadAuthors={api.listAuthors} onChange={(next) => showList(query, next, false)} />
            {orphanCount > 0 && (
              <a class="orphans-link" href="#/orphans">
                {t('orphansLink', orphanCount)}
              </a>
            )}
          </div>
        )}
        <main id="main" class="reader-main">
          {route.view === 'entry' && (
            <EntryPage
              t={t}
              id={route.id}
              startEditingNote={noteRequestFor === route.id}
              api={api}
              journal={storage}
              actions={actions}
              goTo={(id) => navigate({ view: 'entry', id })}
              onShown={setShownEntry}
            />
          )}
          {(route.view === 'timeline' || route.view === 'search') && (
            <ListView t={t} query={query} filters={filters} api={api} storage={storage} actions={actions} openEntry={openEntry} />
          )}
          {route.view === 'orphans' && <OrphansView t={t} api={api} />}
          {route.view === 'unknown' && (
            <section class="missing" role="alert">
              <h1>{t('noSuchPage')}</h1>
              <a href="#/">{t('backToTimeline')}</a>
            </section>
          )}
        </main>
      </div>
      {isHelpOpen && <ShortcutsDialog t={t} onClose={() => setHelpOpen(false)} />}
    </>
  );
}
