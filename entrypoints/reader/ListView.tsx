// The timeline (empty query: all entries grouped by date) and search results (ranked), both with
// filters, paging, j/k/s/n/o on the active row, and the timeline's remembered reading position.
// Live: saves and notes made anywhere show on every loaded page of the list.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/messages';
import { translateCount } from '../../lib/i18n/plural';
import { formatRoute } from '../../lib/reader/route';
import { formatEntryDate } from '../../lib/render/display-formats';
import { clipQuery } from '../../lib/search/clip-query';
import type { EntryFilters } from '../../lib/search/entry-filters';
import { MAX_RESULTS } from '../../lib/search/limits';
import type { SearchRequest, SearchResult } from '../../lib/search/search-entries';
import { NoResults } from '../../lib/ui/NoResults';
import { QueryNotices } from '../../lib/ui/QueryNotices';
import { ResultItem } from '../../lib/ui/ResultItem';
import { describeError } from '../../lib/ui/describe-error';
import { useSearch } from '../../lib/ui/use-search';
import type { EntryMarks } from '../../lib/user-data/types';
import type { PageActions } from './page-actions';
import type { ReaderApi } from './reader-api';

const PAGE_SIZE = MAX_RESULTS;
const POSITION_KEY = 'sidenote:timeline-position';

export type ListViewProps = {
  t: Translate;
  query: string;
  filters: EntryFilters;
  api: Pick<ReaderApi, 'search' | 'setSaved' | 'onUserDataChanged'>;
  storage: Storage;
  actions: { current: PageActions };
  openEntry: (id: number, options?: { editNote?: boolean }) => void;
};

function groupByDate(results: SearchResult[]): [string, SearchResult[]][] {
  const groups: [string, SearchResult[]][] = [];
  for (const result of results) {
    const last = groups.at(-1);
    if (last?.[0] === result.date) last[1].push(result);
    else groups.push([result.date, [result]]);
  }
  return groups;
}

/** Marks that arrived after the rows were loaded win over the rows' own. */
function withMarks(rows: SearchResult[], marks: ReadonlyMap<number, EntryMarks>): SearchResult[] {
  if (marks.size === 0) return rows;
  return rows.map((row) => {
    const mark = marks.get(row.id);
    return mark ? { ...row, isSaved: mark.isSaved, hasNote: mark.hasNote } : row;
  });
}

export function ListView({ t, query, filters, api, storage, actions, openEntry }: ListViewProps) {
  // A long query (a paste, a hand-made link) is searched by its start, and the notices say so.
  const { query: searched, isClipped } = clipQuery(query);
  const request: SearchRequest = { query: searched, limit: PAGE_SIZE, filters };
  const key = formatRoute({ view: 'search', query, filters });
  const state = useSearch(api.search, request, key);
  const [more, setMore] = useState<SearchResult[]>([]);
  const [marks, setMarks] = useState<ReadonlyMap<number, EntryMarks>>(new Map());
  const [activeIndex, setActiveIndex] = useState(-1);
  const [actionError, setActionError] = useState<string | undefined>();
  const [loadMoreError, setLoadMoreError] = useState<unknown>();
  const hasRestored = useRef(false);
  const isTimeline = query.trim() === '' && Object.keys(filters).length === 0;
  /** Which entries the list holds depends on marks: a change reloads it rather than patching. */
  const isMarkFiltered = filters.isSavedOnly === true || filters.hasNote === true;
  const response = state.response;
  const results = withMarks([...(response?.results ?? []), ...more], marks);
  const hasMore = response !== undefined && results.length < response.total && response.query === searched;
  const loadedCount = useRef(0);
  loadedCount.current = results.length;
  const loadedRows = useRef(new Map<number, SearchResult>());
  loadedRows.current = new Map(results.map((row) => [row.id, row]));

  useEffect(() => {
    setMore([]);
    setMarks(new Map());
    setActiveIndex(-1);
    setLoadMoreError(undefined);
  }, [key]);

  const loadMore = async () => {
    try {
      const page = await api.search({ ...request, offset: results.length });
      setLoadMoreError(undefined);
      setMore((previous) => [...previous, ...page.results]);
      return page.results;
    } catch (error) {
      setLoadMoreError(error);
      return [];
    }
  };

  /** Reads the list again, as many rows as were loaded (after a change that can move rows). */
  const reloadAll = async () => {
    const wanted = loadedCount.current;
    state.reload();
    const rows: SearchResult[] = [];
    try {
      for (let offset = PAGE_SIZE; offset < wanted; offset += PAGE_SIZE) {
        const page = await api.search({ ...request, offset });
        rows.push(...page.results);
        if (page.results.length < PAGE_SIZE) break;
      }
      setMore(rows);
      setMarks(new Map());
    } catch (error) {
      setLoadMoreError(error);
    }
  };

  useEffect(
    () =>
      api.onUserDataChanged((change) => {
        if (change.kind === 'settings' || change.kind === 'sync') return;
        // A note's text shows in its row and, in a search, decides which rows match: read again.
        const touchesNotes = (mark: EntryMarks) => {
          const row = loadedRows.current.get(mark.entryId);
          return row === undefined ? query.trim() !== '' && mark.hasNote : mark.hasNote || row.hasNote;
        };
        if (change.kind === 'entries' && !isMarkFiltered && !change.marks.some(touchesNotes)) {
          setMarks((previous) => new Map([...previous, ...change.marks.map((mark) => [mark.entryId, mark] as const)]));
          return;
        }
        void reloadAll();
      }),
    [key],
  );

  // Reading position: restore once on the timeline, then remember the row at the top.
  useEffect(() => {
    if (!isTimeline || state.status !== 'ready' || hasRestored.current) return;
    hasRestored.current = true;
    const saved = Number(storage.getItem(POSITION_KEY));
    if (!saved) return;
    // The restore may land a frame or a page load later: if the reader has scrolled meanwhile,
    // where they went wins over where they were last time.
    const startY = window.scrollY;
    const restore = (rows: SearchResult[]) => {
      const index = rows.findIndex((r) => r.id === saved);
      if (index === -1) return false;
      if (window.scrollY !== startY) return true;
      setActiveIndex(index);
      requestAnimationFrame(() => {
        if (window.scrollY === startY) document.querySelector(`.result[data-entry-id="${saved}"]`)?.scrollIntoView({ block: 'start' });
      });
      return true;
    };
    if (!restore(results) && hasMore) void loadMore().then((page) => restore([...results, ...page]));
  }, [state.status, isTimeline]);

  useEffect(() => {
    if (!isTimeline) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // The first row mostly clear of the sticky header (the band scroll-padding-top declares).
        const covered = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
        const top = [...document.querySelectorAll<HTMLElement>('.timeline .result')].find((row) => {
          const box = row.getBoundingClientRect();
          return (box.top + box.bottom) / 2 > covered;
        });
        const id = top?.dataset.entryId;
        if (id) storage.setItem(POSITION_KEY, id);
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
    };
  }, [isTimeline]);

  const move = (step: 1 | -1) => {
    if (results.length === 0) return;
    const next = Math.min(results.length - 1, Math.max(0, activeIndex + step));
    setActiveIndex(next);
    const row = results[next];
    if (!row) return;
    if (isTimeline) storage.setItem(POSITION_KEY, String(row.id));
    const element = document.querySelector<HTMLElement>(`.result[data-entry-id="${row.id}"] a`);
    element?.focus({ preventScroll: true });
    element?.closest('.result')?.scrollIntoView({ block: 'nearest' });
  };
  const active = results[activeIndex];
  actions.current = {
    next: () => move(1),
    previous: () => move(-1),
    toggleSave: active
      ? () => {
          api.setSaved(active.id, !active.isSaved).then(
            (user) => {
              setActionError(undefined);
              setMarks(
                (previous) =>
                  new Map([...previous, [active.id, { entryId: active.id, isSaved: user.isSaved, hasNote: user.note.trim() !== '' }]]),
              );
            },
            (error: unknown) => setActionError(t('saveFailed', describeError(t, error))),
          );
        }
      : undefined,
    editNote: active ? () => openEntry(active.id, { editNote: true }) : undefined,
  };

  const renderRow = (result: SearchResult) => {
    const index = results.indexOf(result);
    return (
      <ResultItem
        key={result.id}
        result={result}
        domId={`row-${result.id}`}
        isActive={index === activeIndex}
        t={t}
        href={formatRoute({ view: 'entry', id: result.id })}
        onOpen={openEntry}
      />
    );
  };

  return (
    <section
      // A row focused by Tab or click becomes the row j/k/s/n act on.
      onFocusIn={(event) => {
        const row = (event.target as Element).closest<HTMLElement>('.result');
        const index = row ? results.findIndex((r) => String(r.id) === row.dataset.entryId) : -1;
        if (index !== -1) setActiveIndex(index);
      }}
      class={isTimeline ? 'list timeline' : 'list'}
      aria-busy={state.status === 'loading'}
      data-route={state.shownKey}
      aria-labelledby="list-title"
    >
      <h1 id="list-title" class="list-title">
        {isTimeline ? t('timeline') : query.trim() === '' ? t('filters') : translateCount(t, 'matchingCount', response?.total ?? 0)}
      </h1>
      {state.status === 'error' && (
        <div class="error" role="alert">
          <p>{t('corpusError', describeError(t, state.error))}</p>
          <button type="button" onClick={state.reload}>
            {t('retry')}
          </button>
        </div>
      )}
      {actionError !== undefined && (
        <p class="error" role="alert">
          {actionError}
        </p>
      )}
      {response && query.trim() !== '' && <QueryNotices t={t} notices={response.notices ?? []} isClipped={isClipped} />}
      {response && results.length === 0 && (
        <NoResults t={t} query={searched} filters={filters} unmatched={response.unmatched} hasNoSearchTerms={response.hasNoSearchTerms} />
      )}
      {query.trim() === '' ? (
        groupByDate(results).map(([date, rows]) => (
          <section key={date} class="day" aria-labelledby={`day-${date}`}>
            <h2 id={`day-${date}`} class="day-title">
              <time dateTime={date}>{formatEntryDate(date)}</time>
            </h2>
            <ul class="results">{rows.map(renderRow)}</ul>
          </section>
        ))
      ) : (
        <ul class="results">{results.map(renderRow)}</ul>
      )}
      {loadMoreError !== undefined && (
        <p class="error" role="alert">
          {t('loadMoreFailed', describeError(t, loadMoreError))}
        </p>
      )}
      {hasMore && (
        <button type="button" class="load-more" onClick={() => void loadMore()}>
          {loadMoreError === undefined ? t('loadMore') : t('retry')}
        </button>
      )}
    </section>
  );
}
