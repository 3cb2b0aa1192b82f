// Answers a query: plan the units (aliases, corrections, relaxation) → FlexSearch candidates →
// AND across units → rank in our code → results with highlighted title and snippet, built once.
// Pure apart from the entry source it is given.

import type { Entry } from '../corpus/types';
import { MAX_RESULTS } from './limits';
import { parseQuery } from './query';
import { FIELD_BITS, intersectUnits, planQuery, type MatchTerm, type QueryNotice, type TermLookup } from './query-plan';
import { hasFilters, matchesFilters, type EntryFilters, type LatestEntriesQuery, type UserMarks } from './entry-filters';
import { compareScored, FIELD_WEIGHTS, scoreDoc, unitRarity, type AnalyzedDoc, type RankedUnit, type ScoredDoc } from './rank';
import { SEARCH_FIELDS, searchDocOf, type SearchField } from './search-doc';
import type { SearchIndex } from './search-index';
import { buildSnippet, highlightField, type Highlighted, type Snippet } from './snippet';

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
};

/** Answers found only through other names (aliases, pinyin) must score this share of the best. */
const OTHER_WORDS_SCORE_FLOOR = 0.3;

/** Above this many candidates, a cheap pre-score picks which ones get loaded and fully ranked. */
export const MAX_RANKED = 200;

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

/** The index's lookups, remembered for one query (splitting a run asks for the same pieces). */
function cachedLookup(index: TermLookup): TermLookup {
  const seen = new Map<string, Map<number, number>>();
  return {
    entriesWith(term: MatchTerm, fields: readonly SearchField[]) {
      const key = `${term.isCjk}:${term.allowsPrefix}:${fields.join()}:${term.text}`;
      let found = seen.get(key);
      if (found === undefined) {
        found = index.entriesWith(term, fields);
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

function bestFieldWeight(bits: number): number {
  return Math.max(0, ...SEARCH_FIELDS.filter((field) => (bits & FIELD_BITS[field]) !== 0).map((field) => FIELD_WEIGHTS[field]));
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
    // Filters as data: the Dexie source answers them from its indexes instead of reading every entry.
    const page = await source.latestEntries({ offset, limit, ...(isFiltered ? { filters, marks } : {}) });
    return { query, offset, total: page.total, results: page.entries.map((e) => summarizeEntry(e, marks)), unmatched: [], notices: [] };
  }
  const index = await getIndex();
  const plan = planQuery(parsed, cachedLookup(index));
  if (plan.units.length === 0) return { query, offset, total: 0, results: [], unmatched: plan.unmatched, notices: [] };

  const totalDocs = index.stats.docCount || (await source.countEntries());
  const units: RankedUnit[] = plan.units.map((unit) => ({ ...unit, rarity: unitRarity(totalDocs, unit.candidates.size) }));
  let ids = intersectUnits(units);
  let filtered: Entry[] | undefined;
  if (isFiltered) {
    // Filters first, so the cap below never hides an entry the filters would keep.
    filtered = (await source.getEntries(ids)).filter(passes);
    ids = filtered.map((entry) => entry.id);
  }
  const matching = ids.length;
  const isCapped = matching > MAX_RANKED;
  if (isCapped) {
    const preScore = (id: number) => units.reduce((sum, unit) => sum + unit.rarity * bestFieldWeight(unit.candidates.get(id) ?? 0), 0);
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
    const doc = index.analyzedDocs.get(entry);
    const score = scoreDoc(doc, units, parsed.phrase, index.stats);
    if (score !== undefined) scored.push({ entry, doc, score });
  }
  scored.sort((a, b) => compareScored(a.score, b.score));
  const floor = (scored[0]?.score.score ?? 0) * OTHER_WORDS_SCORE_FLOOR;
  // An answer reached only through other words and far weaker than the best is a passing
  // mention of the other word; what is literally written is always listed.
  const listed = scored.filter(({ score }) => score.isLiteral || score.score >= floor);
  const page = listed.slice(offset, offset + limit);
  const results = page.map(({ entry, doc, score }) =>
    listItem(entry, marks, highlightField({ text: doc.displayTitle }, score.ranges.title), buildSnippet(doc.body, score.ranges.body, true)),
  );
  return {
    query,
    offset,
    total: isCapped ? matching : listed.length,
    results,
    unmatched: [],
    notices: [...plan.notices, ...aliasNotices(units, page)],
  };
}

/** Names the other words that found results on this page, once each. */
function aliasNotices(units: RankedUnit[], page: { score: ScoredDoc }[]): QueryNotice[] {
  const used = new Set<string>();
  for (const { score } of page) for (const shown of score.matchedVia) used.add(shown);
  const notices: QueryNotice[] = [];
  for (const unit of units) {
    for (const form of unit.forms) {
      if (form.via === undefined || (form.via.kind !== 'alias' && form.via.kind !== 'pinyin') || !used.has(form.via.shown)) continue;
      notices.push({ kind: 'alias', typed: unit.typed, shown: form.via.shown });
    }
  }
  return notices;
}
