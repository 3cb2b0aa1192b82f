// Answers a query: plan the units (aliases, corrections, relaxation) → FlexSearch candidates →
// AND across units → filters from the index's entry table → rank every candidate from counts and
// keep the page → load just the page's entries for highlighted titles and snippets.
// Pure apart from the entry source it is given.

import type { Entry } from '../corpus/types';
import { MAX_RESULTS } from './limits';
import { parseQuery, type ParsedQuery } from './query';
import { intersectUnits, planQuery, type MatchTerm, type QueryNotice, type QueryPlan, type TermLookup } from './query-plan';
import { hasFilters, type EntryFilters, type LatestEntriesQuery, type UserMarks } from './entry-filters';
import { matchRanges, rankCandidates, scoringUnitsOf, unitRarity, type RankedPage, type RankedUnit } from './rank';
import { searchDocOf, type SearchField } from './search-doc';
import type { SearchIndex } from './search-index';
import { buildSnippet, highlightField, type Highlighted, type Snippet } from './snippet';
import type { TermHits } from './term-hits';
import type { EntryStats } from './entry-stats';

/** Where full entries come from (Dexie in the extension, an array in tests and benchmarks). */
export type EntrySource = {
  getEntries(ids: number[]): Promise<Entry[]>;
  /** Newest first (date, then number), optionally filtered; `total` counts all that pass. */
  latestEntries(page: LatestEntriesQuery): Promise<{ entries: Entry[]; total: number }>;
  countEntries(): Promise<number>;
};

export type SearchRequest = {
  query: string;
  limit: number;
  /** For paging through the timeline or long result lists. */
  offset?: number;
  filters?: EntryFilters;
};

const NO_MARKS: UserMarks = { savedIds: new Set(), notedIds: new Set() };

export type SearchResult = {
  id: number;
  date: string;
  title: Highlighted;
  author: string;
  handle: string;
  snippet: Snippet;
  linkCount: number;
  isSaved: boolean;
  hasNote: boolean;
  /** A short excerpt of the user's note on the entry (the background adds it; the index never sees notes). */
  note?: Snippet;
};

export type SearchResponse = {
  query: string;
  offset: number;
  /** How many entries match every unit that was kept. */
  total: number;
  results: SearchResult[];
  /** Units no entry contains at all (the no-result view names them). */
  unmatched: string[];
  /** What the answer did with the query: words left out, corrected, matched by another name. */
  notices: QueryNotice[];
  /** The query is not blank but has nothing search reads (only emoji or symbols): nothing matches. */
  hasNoSearchTerms?: boolean;
};

function firstPost(entry: Entry): { author: string; handle: string } {
  const post = entry.posts[0];
  return { author: post?.author ?? '', handle: post?.handle ?? '' };
}

function listItem(entry: Entry, marks: UserMarks, title: Highlighted, snippet: Snippet): SearchResult {
  return {
    id: entry.id,
    date: entry.date,
    title,
    ...firstPost(entry),
    snippet,
    linkCount: entry.urls.length,
    isSaved: marks.savedIds.has(entry.id),
    hasNote: marks.notedIds.has(entry.id),
  };
}

/** A result without highlights: the empty query lists the latest entries this way. */
export function summarizeEntry(entry: Entry, marks: UserMarks = NO_MARKS): SearchResult {
  const doc = searchDocOf(entry);
  return listItem(entry, marks, { text: doc.displayTitle, highlights: [] }, buildSnippet({ text: doc.body }, [], true));
}

/** The index's lookups, remembered for one query (splitting a run asks for the same pieces; ranking asks again). */
function cachedLookup(index: TermLookup): TermLookup {
  const seen = new Map<string, TermHits>();
  return {
    termHits(term: MatchTerm, fields: readonly SearchField[]) {
      const key = `${term.isCjk}:${term.allowsPrefix}:${term.maxPrefixExtension ?? ''}:${fields.join()}:${term.text}`;
      let found = seen.get(key);
      if (found === undefined) {
        found = index.termHits(term, fields);
        seen.set(key, found);
      }
      return found;
    },
    latinFrequency: (word) => index.latinFrequency(word),
    corrections: (word) => index.corrections(word),
    aliases: (text) => index.aliases(text),
    phraseAliases: (words) => index.phraseAliases(words),
  };
}

/**
 * Plans the query, importing the index shards its lookups need and planning again until none is
 * missing (a lookup in a shard not yet loaded answers "nowhere"; what is found decides what is
 * looked up next: splits, corrections). Usually one or two rounds.
 */
export async function planWithShards(parsed: ParsedQuery, index: SearchIndex): Promise<{ lookup: TermLookup; plan: QueryPlan }> {
  for (;;) {
    const missesBefore = index.shardMisses;
    const lookup = cachedLookup(index);
    const plan = planQuery(parsed, lookup);
    // Counted per plan, not from the shared wish list: a concurrent query may have taken it.
    if (index.shardMisses === missesBefore) return { lookup, plan };
    await index.loadWantedShards();
  }
}

/** Candidates the filters keep, decided from the index's entry table and the user's marks: no entry is read. */
function filterCandidates(candidates: Int32Array, filters: EntryFilters, marks: UserMarks, entries: EntryStats): Int32Array {
  const author = filters.author?.toLowerCase();
  return candidates.filter((ordinal) => {
    if (author !== undefined && !entries.hasHandle(ordinal, author)) return false;
    const date = entries.date(ordinal);
    if (filters.from !== undefined && date < filters.from) return false;
    if (filters.to !== undefined && date > filters.to) return false;
    const id = entries.entryId(ordinal);
    if (filters.isSavedOnly && !marks.savedIds.has(id)) return false;
    if (filters.hasNote && !marks.notedIds.has(id)) return false;
    return true;
  });
}

/**
 * A parsed query's plan and the ranked window of what matches (ids and scores, no entry read):
 * `searchEntries` loads and shows the window; the benchmark asks for every match at once.
 */
export async function rankQuery(
  index: SearchIndex,
  parsed: ParsedQuery,
  window: { offset: number; limit: number },
  filters?: EntryFilters,
  marks: UserMarks = NO_MARKS,
  excludedIds: ReadonlySet<number> = new Set(),
): Promise<{ plan: QueryPlan; units: RankedUnit[]; ranked: RankedPage | undefined }> {
  const { lookup, plan } = await planWithShards(parsed, index);
  const units: RankedUnit[] = plan.units.map((unit) => ({ ...unit, rarity: unitRarity(index.stats.docCount, unit.candidates.length) }));
  if (units.length === 0) return { plan, units, ranked: undefined };
  let candidates = intersectUnits(units);
  if (filters !== undefined) candidates = filterCandidates(candidates, filters, marks, index.entries);
  // Entries listed another way (by the user's notes) are left out as a filter would leave them: the rest score as before.
  if (excludedIds.size > 0) candidates = candidates.filter((ordinal) => !excludedIds.has(index.entries.entryId(ordinal)));
  const scoring = scoringUnitsOf(units, (term, fields) => lookup.termHits(term, fields));
  return { plan, units, ranked: rankCandidates(scoring.units, scoring.hits, candidates, index.entries, index.stats, window) };
}

/**
 * `getIndex` is only awaited for a non-empty query: the latest-entries list needs no index.
 * `excludedIds`: entries the caller lists itself (note matches), left out of a query's answer and its total.
 */
export async function searchEntries(
  getIndex: () => SearchIndex | Promise<SearchIndex>,
  source: EntrySource,
  request: SearchRequest,
  marks: UserMarks = NO_MARKS,
  excludedIds: ReadonlySet<number> = new Set(),
): Promise<SearchResponse> {
  const { query } = request;
  const limit = Math.max(1, Math.min(request.limit, MAX_RESULTS));
  const offset = Math.max(0, request.offset ?? 0);
  const filters = request.filters ?? {};
  const isFiltered = hasFilters(filters);
  const parsed = parseQuery(query);
  // `🙂` or `!!!` is not the empty query: listing the latest entries would claim they all match.
  if (parsed.units.length === 0 && query.trim() !== '') {
    return { query, offset, total: 0, results: [], unmatched: [], notices: [], hasNoSearchTerms: true };
  }
  if (parsed.units.length === 0) {
    // Filters as data: the Dexie source answers them from its indexes instead of reading every entry.
    const page = await source.latestEntries({ offset, limit, ...(isFiltered ? { filters, marks } : {}) });
    return { query, offset, total: page.total, results: page.entries.map((e) => summarizeEntry(e, marks)), unmatched: [], notices: [] };
  }
  const index = await getIndex();
  const { plan, units, ranked } = await rankQuery(index, parsed, { offset, limit }, isFiltered ? filters : undefined, marks, excludedIds);
  if (ranked === undefined) return { query, offset, total: 0, results: [], unmatched: plan.unmatched, notices: [] };

  const pageEntries = new Map((await source.getEntries(ranked.page.map((hit) => hit.entryId))).map((entry) => [entry.id, entry]));
  const results: SearchResult[] = [];
  for (const hit of ranked.page) {
    const entry = pageEntries.get(hit.entryId);
    // An entry the index has but storage lost (a corpus swap under way) is left out, not shown broken.
    if (entry === undefined) continue;
    const doc = index.analyzedDocs.get(entry);
    const ranges = matchRanges(doc, units);
    results.push(
      listItem(entry, marks, highlightField({ text: doc.displayTitle }, ranges.title), buildSnippet(doc.body, ranges.body, true)),
    );
  }
  return {
    query,
    offset,
    total: ranked.total,
    results,
    unmatched: [],
    notices: [...plan.notices, ...aliasNotices(units, ranked.matchedVia)],
  };
}

/** Names the other words that found results on this page, once each. */
function aliasNotices(units: RankedUnit[], used: ReadonlySet<string>): QueryNotice[] {
  const notices: QueryNotice[] = [];
  for (const unit of units) {
    for (const form of unit.forms) {
      if (form.via === undefined || (form.via.kind !== 'alias' && form.via.kind !== 'pinyin') || !used.has(form.via.shown)) continue;
      notices.push({ kind: 'alias', typed: unit.typed, shown: form.via.shown });
    }
  }
  return notices;
}
