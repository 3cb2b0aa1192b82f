// The timeline (empty query: all entries grouped by date) and search results (ranked), both with
// filters, paging, j/k/s/n/o on the active row, and the timeline's remembered reading position.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/messages';
import { formatRoute } from '../../lib/reader/route';
import type { EntryFilters } from '../../lib/search/entry-filters';
import type { SearchRequest, SearchResult } from '../../lib/search/search-entries';
import { NoResults } from '../../lib/ui/NoResults';
import { ResultItem } from '../../lib/ui/ResultItem';
import { errorMessage } from '../../lib/ui/error-message';
import { useSearch, type SearchFunction } from '../../lib/ui/use-search';
import type { PageActions } from './page-actions';

const PAGE_SIZE = 100;
const POSITION_KEY = 'sidenote:timeline-position';

export type ListViewProps = {
  t: Translate;
  query: string;
  filters: EntryFilters;
  search: SearchFunction;
  setSaved: (entryId: number, isSaved: boolean) => Promise<unknown>;
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

export function ListView({ t, query, filters, search, setSaved, storage, actions, openEntry }: ListViewProps) {
  const request: SearchRequest = { query, limit: PAGE_SIZE, filters };
  const key = formatRoute({ view: 'search', query, filters });
  const state = useSearch(search, request, key);
  const [more, setMore] = useState<SearchResult[]>([]);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [actionError, setActionError] = useState<string | undefined>();
  const hasRestored = useRef(false);
  const isTimeline = query.trim() === '' && Object.keys(filters).length === 0;
  const response = state.response;
  const results = [...(response?.results ?? []), ...more];
  const hasMore = response !== undefined && results.length < response.total && response.query === query;

  useEffect(() => {
    setMore([]);
    setActiveIndex(-1);
  }, [key]);

  const loadMore = async () => {
    const page = await search({ ...request, offset: results.length });
    setMore((previous) => [...previous, ...page.results]);
    return page.results;
  };

  // Reading position: restore once on the timeline, then remember the row at the top.
  useEffect(() => {
    if (!isTimeline || state.status !== 'ready' || hasRestored.current) return;
    hasRestored.current = true;
    const saved = Number(storage.getItem(POSITION_KEY));
    if (!saved) return;
    const restore = (rows: SearchResult[]) => {
      const index = rows.findIndex((r) => r.id === saved);
      if (index === -1) return false;
      setActiveIndex(index);
      requestAnimationFrame(() => document.querySelector(`.result[data-entry-id="${saved}"]`)?.scrollIntoView({ block: 'start' }));
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
        const top = [...document.querySelectorAll<HTMLElement>('.timeline .result')].find((row) => row.getBoundingClientRect().bottom > 80);
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
          setSaved(active.id, !active.isSaved).then(
            () => {
              setActionError(undefined);
              state.reload();
            },
            (error: unknown) => setActionError(t('saveFailed', errorMessage(error))),
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
      class={isTimeline ? 'list timeline' : 'list'}
      aria-busy={state.status === 'loading'}
      data-route={state.shownKey}
      aria-labelledby="list-title"
    >
      <h1 id="list-title" class="list-title">
        {isTimeline ? t('timeline') : query.trim() === '' ? t('filters') : t('matchingCount', response?.total ?? 0)}
      </h1>
      {state.status === 'error' && (
        <div class="error" role="alert">
          <p>{t('corpusError', state.message)}</p>
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
      {response && results.length === 0 && <NoResults t={t} query={query} unmatched={response.unmatched} />}
      {query.trim() === '' ? (
        groupByDate(results).map(([date, rows]) => (
          <section key={date} class="day" aria-labelledby={`day-${date}`}>
            <h2 id={`day-${date}`} class="day-title">
              <time dateTime={date}>{date}</time>
            </h2>
            <ul class="results">{rows.map(renderRow)}</ul>
          </section>
        ))
      ) : (
        <ul class="results">{results.map(renderRow)}</ul>
      )}
      {hasMore && (
        <button type="button" class="load-more" onClick={() => void loadMore()}>
          {t('loadMore')}
        </button>
      )}
    </section>
  );
}
