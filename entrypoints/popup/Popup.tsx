// The toolbar popup: instant search over the digest, ↑/↓/Enter, a saved-only toggle; a result
// opens in the reader, and so does the rest of a list longer than the popup shows. Live: saves
// and notes made elsewhere while it is open show at once.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/messages';
import { translateCount } from '../../lib/i18n/plural';
import { clipQuery } from '../../lib/search/clip-query';
import type { SearchRequest, SearchResponse } from '../../lib/search/search-entries';
import { NoResults } from '../../lib/ui/NoResults';
import { QueryNotices } from '../../lib/ui/QueryNotices';
import { describeError } from '../../lib/ui/describe-error';
import { ResultItem } from '../../lib/ui/ResultItem';
import { SearchInput } from '../../lib/ui/SearchInput';
import { useSearch, type SearchFunction } from '../../lib/ui/use-search';
import type { Route } from '../../lib/reader/route';
import type { EntryMarks, UserDataChange } from '../../lib/user-data/types';

export const RESULT_LIMIT = 30;

export type PopupProps = {
  t: Translate;
  search: SearchFunction;
  /** Opens the reader in a tab (and closes the popup); rejects if the tab cannot be opened. */
  openReader: (route: Route) => Promise<void>;
  /** Opens the options page (and closes the popup). */
  openSettings: () => Promise<void>;
  storage: Storage;
  onUserDataChanged: (listener: (change: UserDataChange) => void) => () => void;
};

const LATEST_CACHE_KEY = 'sidenote:latest-results';

/** The last answer for the empty query, painted at once while the background answers again. */
function readCachedLatest(storage: Storage): SearchResponse | undefined {
  try {
    const cached = JSON.parse(storage.getItem(LATEST_CACHE_KEY) ?? 'null') as SearchResponse | null;
    return cached && cached.query === '' && Array.isArray(cached.results) ? cached : undefined;
  } catch {
    // A corrupt cache is only a missed head start: the fresh answer follows.
    return undefined;
  }
}

export function Popup({ t, search, openReader: openReaderTab, openSettings: openSettingsTab, storage, onUserDataChanged }: PopupProps) {
  const [openError, setOpenError] = useState<unknown>();
  const [settingsError, setSettingsError] = useState<unknown>();
  const openReader = (route: Route) => void openReaderTab(route).catch(setOpenError);
  const openSettings = () => void openSettingsTab().catch(setSettingsError);
  const [query, setQuery] = useState('');
  const [isSavedOnly, setSavedOnly] = useState(false);
  const [activeIndex, setActiveIndex] = useState(0);
  // A long paste is searched by its start (the protocol refuses more), and the notices say so.
  const { query: searched, isClipped } = clipQuery(query);
  const request: SearchRequest = { query: searched, limit: RESULT_LIMIT, ...(isSavedOnly ? { filters: { isSavedOnly: true } } : {}) };
  const cachedLatest = useMemo(() => readCachedLatest(storage), []);
  const state = useSearch(search, request, JSON.stringify(request), cachedLatest);
  const response = state.response;
  const [marks, setMarks] = useState<ReadonlyMap<number, EntryMarks>>(new Map());
  const results = (response?.results ?? []).map((row) => {
    const mark = marks.get(row.id);
    return mark ? { ...row, isSaved: mark.isSaved, hasNote: mark.hasNote } : row;
  });
  useEffect(() => setMarks(new Map()), [response]);
  useEffect(
    () =>
      onUserDataChanged((change) => {
        if (change.kind === 'settings' || change.kind === 'sync') return;
        // The saved-only list changes membership: ask again. Otherwise mark the rows in place.
        if (change.kind === 'entries' && !isSavedOnly) {
          setMarks((previous) => new Map([...previous, ...change.marks.map((mark) => [mark.entryId, mark] as const)]));
        } else state.reload();
      }),
    [isSavedOnly],
  );
  const hasMarkedFirstResults = useRef(false);
  const hasMarkedFirstPaint = useRef(false);

  useLayoutEffect(() => {
    if (results.length > 0 && !hasMarkedFirstPaint.current) {
      hasMarkedFirstPaint.current = true;
      // Read by the benchmark: popup open → results on screen (cached or fresh).
      performance.mark('sidenote:first-paint');
    }
  });
  useEffect(() => {
    if (state.status === 'ready' && state.response.query === '' && !isSavedOnly)
      storage.setItem(LATEST_CACHE_KEY, JSON.stringify(state.response));
  }, [state]);

  useEffect(() => setActiveIndex(0), [response]);
  useEffect(() => {
    if (state.status === 'ready' && !hasMarkedFirstResults.current) {
      hasMarkedFirstResults.current = true;
      // Read by the benchmark: popup open → fresh results from the background on screen.
      performance.mark('sidenote:first-results');
    }
  }, [state.status]);
  useEffect(() => {
    document.getElementById(`result-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const openEntry = (id: number) => openReader({ view: 'entry', id });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((i) => (results.length === 0 ? 0 : (i + step + results.length) % results.length));
    } else if (event.key === 'Enter') {
      const result = results[activeIndex];
      if (result) openEntry(result.id);
    }
  };

  const trimmed = query.trim();
  /** The reader's view of what the popup lists: the same query and filter, all of it. */
  const readerRoute: Route =
    trimmed === '' && !isSavedOnly
      ? { view: 'timeline' }
      : { view: 'search', query: trimmed, filters: isSavedOnly ? { isSavedOnly: true } : {} };
  const hasMoreThanShown = state.status !== 'error' && response !== undefined && response.total > response.results.length;
  return (
    <main class="popup">
      {/* The page's heading for screen readers (axe page-has-heading-one); the design shows none. */}
      <h1 class="visually-hidden">{t('extensionName')}</h1>
      <div class="search-box">
        <SearchInput
          class="search-input"
          label={t('searchLabel')}
          placeholder={t('searchPlaceholder')}
          autoFocus
          value={query}
          onQuery={setQuery}
          controls="results"
          activeDescendant={results.length > 0 ? `result-${activeIndex}` : undefined}
          onKeyDown={onKeyDown}
        />
        <div class="popup-tools">
          <label class="toggle">
            <input type="checkbox" checked={isSavedOnly} onChange={(event) => setSavedOnly(event.currentTarget.checked)} />
            {t('savedOnly')}
          </label>
          <span class="popup-links">
            <button type="button" class="link-button" onClick={openSettings}>
              <span aria-hidden="true">⚙ </span>
              {t('openSettings')}
            </button>
            <button type="button" class="link-button" onClick={() => openReader(readerRoute)}>
              {t('openReader')} ↗
            </button>
          </span>
        </div>
      </div>
      <p class="status" aria-live="polite">
        {state.status === 'error' && <span class="status-error">{t('searchFailed', describeError(t, state.error))}</span>}
        {openError !== undefined && <span class="status-error">{t('openReaderFailed', describeError(t, openError))}</span>}
        {settingsError !== undefined && <span class="status-error">{t('openSettingsFailed', describeError(t, settingsError))}</span>}
        {state.status !== 'error' && response && translateCount(t, trimmed === '' ? 'latestOf' : 'matchingCount', response.total)}
        {state.status === 'loading' && !response && t('loadingDigest')}
      </p>
      {response && trimmed !== '' && <QueryNotices t={t} notices={response.notices ?? []} isClipped={isClipped} />}
      {response && response.results.length === 0 && (trimmed !== '' || isSavedOnly) && (
        <NoResults
          t={t}
          query={searched}
          filters={request.filters ?? {}}
          unmatched={response.unmatched}
          hasNoSearchTerms={response.hasNoSearchTerms}
        />
      )}
      <ul
        id="results"
        class="results"
        role="listbox"
        aria-label={t('results')}
        // Scrollable, so it must be reachable by keyboard too (the input's ↑/↓ is the main way).
        tabIndex={0}
        aria-busy={state.status === 'loading'}
        data-query={state.status === 'error' ? undefined : response?.query}
      >
        {results.map((result, i) => (
          <ResultItem
            key={result.id}
            result={result}
            domId={`result-${i}`}
            isActive={i === activeIndex}
            t={t}
            onOpen={openEntry}
            onHover={() => setActiveIndex(i)}
          />
        ))}
      </ul>
      {hasMoreThanShown && (
        // Outside the listbox (which holds only options), below it: always in view, one Tab away.
        <button type="button" class="link-button more-in-reader" onClick={() => openReader(readerRoute)}>
          {translateCount(t, 'allInReader', response.total)} ↗
        </button>
      )}
    </main>
  );
}
