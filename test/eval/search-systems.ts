// The three searches the evaluation compares, each reduced to "query in, ranked entry ids out".
// Sidenote goes through its public pipeline exactly as the extension calls it; the other two are
// baselines built here from the same entries: a folded substring scan and an off-the-shelf MiniSearch.

import MiniSearch from 'minisearch';
import type { Entry } from '../../lib/corpus/types';
import { createArrayEntrySource } from '../../lib/search/array-entry-source';
import { foldText } from '../../lib/search/fold';
import { searchDocOf } from '../../lib/search/search-doc';
import { searchEntries } from '../../lib/search/search-entries';
import { SearchIndex, type SearchIndexFiles } from '../../lib/search/search-index';
import { CUTOFF } from './metrics';

export type SearchAnswer = {
  /** The ids shown for the query, best first, at most CUTOFF. */
  ids: number[];
  /** The system said that no entry matches the query as typed (a word left out or corrected). */
  saysNoFullMatch: boolean;
};

export type SearchSystem = {
  name: string;
  search(query: string): Promise<SearchAnswer>;
};

const PARTIAL_NOTICES = new Set(['dropped', 'notTogether', 'corrected']);

/**
 * Sidenote as the extension runs it. Only result ids are read, so fields the response may grow
 * (relaxed queries, corrections, …) never break the evaluation.
 */
export function createSidenoteSearch(entries: Entry[], indexFiles: SearchIndexFiles): SearchSystem {
  const index = SearchIndex.fromFiles(indexFiles);
  const source = createArrayEntrySource(entries);
  return {
    name: 'Sidenote',
    async search(query) {
      const response = await searchEntries(() => index, source, { query, limit: CUTOFF });
      return {
        ids: response.results.map((result) => result.id),
        saysNoFullMatch: response.notices.some((notice) => PARTIAL_NOTICES.has(notice.kind)),
      };
    },
  };
}

function searchableText(entry: Entry): string {
  const doc = searchDocOf(entry);
  return `${doc.title}\n${doc.author}\n${doc.body}`;
}

function countOccurrences(text: string, word: string): number {
  let count = 0;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) count++;
  return count;
}

/**
 * The plain baseline: fold query and text (NFKC, lowercase, traditional → simplified), split the
 * query on whitespace; an entry matches when every word is a substring of its folded text.
 * Ranked by total occurrences, then newest first. `limit` ids at most (the benchmark's recall
 * asks for more than the evaluation's CUTOFF).
 */
export function createSubstringScan(entries: Entry[], limit = CUTOFF): SearchSystem {
  const docs = entries.map((entry) => ({ entry, text: foldText(searchableText(entry)) }));
  return {
    name: 'Substring scan',
    async search(query) {
      const words = foldText(query).split(/\s+/).filter(Boolean);
      if (words.length === 0) return { ids: [], saysNoFullMatch: false };
      const ids = docs
        .map(({ entry, text }) => ({ entry, counts: words.map((word) => countOccurrences(text, word)) }))
        .filter(({ counts }) => counts.every((count) => count > 0))
        .map(({ entry, counts }) => ({ entry, total: counts.reduce((sum, count) => sum + count, 0) }))
        .sort((a, b) => b.total - a.total || b.entry.date.localeCompare(a.entry.date) || b.entry.id - a.entry.id)
        .slice(0, limit)
        .map(({ entry }) => entry.id);
      return { ids, saysNoFullMatch: false };
    },
  };
}

const HAN_RUN = /\p{Script=Han}+/u;
// Letters and digits that are not Han: a Latin word glued to Chinese (`Dynamicrafter昨天`) ends at the Han.
const TOKEN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

/** Folded tokens: Latin and digit words whole, Han runs as overlapping bigrams (a lone character stays). */
export function tokenizeForMiniSearch(text: string): string[] {
  const tokens: string[] = [];
  for (const [run] of foldText(text).matchAll(TOKEN)) {
    if (!HAN_RUN.test(run)) {
      tokens.push(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`);
  }
  return tokens;
}

/**
 * MiniSearch 7 as one would configure it off the shelf for this corpus: the bigram tokenizer above
 * for index and query, fields title/author/body boosted 3/2/1, every term required (AND), prefix
 * matching on the last term, fuzzy 0.2 (edit distance up to 20 % of the term's length).
 */
export function createMiniSearch(entries: Entry[]): SearchSystem {
  const miniSearch = new MiniSearch({
    fields: ['title', 'author', 'body'],
    tokenize: tokenizeForMiniSearch,
    processTerm: (term) => term,
    searchOptions: {
      boost: { title: 3, author: 2, body: 1 },
      combineWith: 'AND',
      prefix: (_term, index, terms) => index === terms.length - 1,
      fuzzy: 0.2,
    },
  });
  miniSearch.addAll(entries.map(searchDocOf));
  return {
    name: 'MiniSearch',
    async search(query) {
      const ids = miniSearch
        .search(query)
        .slice(0, CUTOFF)
        .map((result) => Number(result.id));
      return { ids, saysNoFullMatch: false };
    },
  };
}
