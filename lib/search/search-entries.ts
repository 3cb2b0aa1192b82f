// Answers a query: FlexSearch candidates per unit → AND across units → rank in our code →
// results with highlighted title and snippet. Pure apart from the entry source it is given.

import type { Entry } from '../corpus/types';
import { MAX_RESULTS } from './limits';
import { parseQuery } from './query';
import { hasFilters, matchesFilters, type EntryFilters, type UserMarks } from './entry-filters';
import { analyzeDoc, compareScored, FIELD_WEIGHTS, scoreDoc, unitRarity, type AnalyzedDoc, type ScoredDoc } from './rank';
import { searchDocOf, type SearchField } from './search-doc';
import type { SearchIndex } from './search-index';
import { buildSnippet, highlightField, type Highlighted, type Snippet } from './snippet';

/** Where full entries come from (Dexie in the extension, an array in tests and benchmarks). */
export type EntrySource = {
  getEntries(ids: number[]): Promise<Entry[]>;
  /** Newest first (date, then number), optionally filtered; `total` counts all that pass. */
  latestEntries(page: { offset: number; limit: number; where?: (entry: Entry) => boolean }): Promise<{ entries: Entry[]; total: number }>;
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
};

export type SearchResponse = {
  query: string;
  offset: number;
  /** How many entries match every unit. */
  total: number;
  results: SearchResult[];
  /** Units no entry contains at all (the no-result view names them). */
  unmatched: string[];
};

/** Above this many candidates, a cheap pre-score picks which ones get loaded and fully ranked. */
export const MAX_RANKED = 200;

function firstPost(entry: Entry): { author: string; handle: string } {
  const post = entry.posts[0];
  return { author: post?.author ?? '', handle: post?.handle ?? '' };
}

/** A result without highlights: the empty query lists the latest entries this way. */
export function summarizeEntry(entry: Entry, marks: UserMarks = NO_MARKS): SearchResult {
  const doc = searchDocOf(entry);
  return {
    id: entry.id,
    date: entry.date,
    title: { text: doc.title, highlights: [] },
    ...firstPost(entry),
    snippet: buildSnippet({ text: doc.body }, [], true),
    linkCount: entry.urls.length,
    isSaved: marks.savedIds.has(entry.id),
    hasNote: marks.notedIds.has(entry.id),
  };
}

function intersect(sets: Map<number, Set<SearchField>>[]): number[] {
  const [smallest, ...others] = [...sets].sort((a, b) => a.size - b.size);
  if (smallest === undefined) return [];
  return [...smallest.keys()].filter((id) => others.every((set) => set.has(id)));
}

/** `getIndex` is only awaited for a non-empty query: the latest-entries list needs no index. */
export async function searchEntries(
  getIndex: () => SearchIndex | Promise<SearchIndex>,
  source: EntrySource,
  request: SearchRequest,
  marks: UserMarks = NO_MARKS,
): Promise<SearchResponse> {
  const { query } = request;
  const limit = Math.max(1, Math.min(request.limit, MAX_RESULTS));
  const offset = Math.max(0, request.offset ?? 0);
  const filters = request.filters ?? {};
  const isFiltered = hasFilters(filters);
  const passes = (entry: Entry) => matchesFilters(entry, filters, marks);
  const parsed = parseQuery(query);
  if (parsed.units.length === 0) {
    const page = await source.latestEntries({ offset, limit, ...(isFiltered ? { where: passes } : {}) });
    return { query, offset, total: page.total, results: page.entries.map((e) => summarizeEntry(e, marks)), unmatched: [] };
  }
  const index = await getIndex();
  const perUnit = parsed.units.map((unit) => index.candidates(unit));
  const unmatched = parsed.units.filter((_, i) => perUnit[i]?.size === 0).map((unit) => unit.text);
  if (unmatched.length > 0) return { query, offset, total: 0, results: [], unmatched };

  const totalDocs = await source.countEntries();
  const rarity = perUnit.map((set) => unitRarity(totalDocs, set.size));
  let ids = intersect(perUnit);
  let total = ids.length;
  let filtered: Entry[] | undefined;
  if (isFiltered) {
    // Filters first, so the cap below never hides an entry the filters would keep.
    filtered = (await source.getEntries(ids)).filter(passes);
    total = filtered.length;
    ids = filtered.map((entry) => entry.id);
  }
  if (ids.length > MAX_RANKED) {
    const preScore = (id: number) =>
      perUnit.reduce((sum, set, i) => {
        const fields = set.get(id) ?? new Set<SearchField>();
        return sum + (rarity[i] ?? 1) * Math.max(0, ...[...fields].map((f) => FIELD_WEIGHTS[f]));
      }, 0);
    ids = ids
      .map((id) => ({ id, score: preScore(id) }))
      .sort((a, b) => b.score - a.score || b.id - a.id)
      .slice(0, MAX_RANKED)
      .map(({ id }) => id);
  }
  const kept = new Set(ids);
  const entries = filtered ? filtered.filter((entry) => kept.has(entry.id)) : await source.getEntries(ids);

  const scored: { entry: Entry; doc: AnalyzedDoc; score: ScoredDoc }[] = [];
  for (const entry of entries) {
    const doc = analyzeDoc(searchDocOf(entry));
    const score = scoreDoc(doc, parsed, rarity);
    if (score !== undefined) scored.push({ entry, doc, score });
  }
  scored.sort((a, b) => compareScored(a.score, b.score));
  const results = scored.slice(offset, offset + limit).map(({ entry, doc, score }) => ({
    ...summarizeEntry(entry, marks),
    title: highlightField(doc.title, score.ranges.title),
    snippet: buildSnippet(doc.body, score.ranges.body, true),
  }));
  return { query, offset, total: total > MAX_RANKED ? total : scored.length, results, unmatched: [] };
}
