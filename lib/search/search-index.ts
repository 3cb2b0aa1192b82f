// Our typed wrapper around FlexSearch: builds the index from our terms, exports/imports it, and
// answers "where does this term occur, how often, in which fields" (`TermHits`). FlexSearch holds
// where each term occurs; `EntryStats` what ranking needs beside it (counts of repeated terms, field
// lengths, dates). It also carries what the query planner needs: the Latin vocabulary (exact word
// frequencies, spelling corrections), the term dictionary and the alias table. Ranking is in rank.ts.

import { Document, Encoder } from 'flexsearch';
import type { CollectionStats } from './rank';
import { AnalyzedDocCache } from './analyzed-doc-cache';
import { loadAliasTable, type AliasLookup, type AliasTable } from './alias-lookup';
import { countEntryTerms, EntryStats, type EntryStatsData } from './entry-stats';
import type { AliasTarget, Correction, MatchTerm, TermLookup } from './query-plan';
import { SEARCH_FIELDS, type SearchDoc, type SearchField } from './search-doc';
import type { SortedIds } from './sorted-ids';
import { TermDictionary, termDictionaryOf, type TermDictionaryData } from './term-dictionary';
import { hitsFromPostings, minHits, NO_HITS, sumHits, type TermHits } from './term-hits';
import { terms } from './tokenize';
import {
  correctLatinWord,
  documentFrequencyOf,
  isVocabularyTerm,
  latinVocabularyOf,
  loadLatinVocabulary,
  type LatinVocabulary,
  type LoadedVocabulary,
} from './typo-correction';

/** Bump when the encoder, tokenizer, fields or export shape change: another version is rebuilt. */
export const SEARCH_INDEX_VERSION = 4;

/** Everything is a candidate: ranking needs the full candidate set to know how rare a unit is. */
const CANDIDATE_LIMIT = 1_000_000_000;
/** A word being typed counts the longer words it begins at this share (`comf` in ComfyUI). */
export const PREFIX_QUALITY = 0.5;

export type SearchIndexExport = {
  version: number;
  corpusHash: string;
  parts: Record<string, string>;
  stats: CollectionStats;
  /** Latin words and how many entries contain each: exact-word checks and spelling corrections. */
  vocabulary: LatinVocabulary;
  /** Other names for what a query word means; built from build-time data only (see alias-table.ts). */
  aliases: AliasTable;
  /** Every term, sorted: widens a word being typed and a lone CJK character; a term's id is its place here. */
  terms: TermDictionaryData;
  /** Per entry (by ordinal): lengths, dates, handles; per term, where it repeats. */
  entries: EntryStatsData;
};

export const NO_ALIASES: AliasTable = { version: 1, groups: [] };

export class SearchIndexVersionError extends Error {
  constructor(found: unknown) {
    super(`search index export has version ${String(found)}, expected ${SEARCH_INDEX_VERSION}`);
    this.name = 'SearchIndexVersionError';
  }
}

/** What FlexSearch is given: the entry's ordinal, and each field's distinct terms joined by spaces. */
type IndexedFields = { id: number } & Record<SearchField, string>;

function createDocument(): Document<IndexedFields> {
  const encoder = new Encoder({
    // FlexSearch is given our terms, space-separated, and asked for one term at a time: it must
    // not fold, regroup digits or dedupe letters.
    normalize: false,
    numeric: false,
    dedupe: false,
    split: ' ',
  });
  return new Document<IndexedFields>({
    document: {
      id: 'id',
      // Whole terms only: prefixes come from the term dictionary (a third of the memory).
      index: SEARCH_FIELDS.map((field) => ({ field, tokenize: 'strict' as const, encoder })),
    },
    // Ranking happens in rank.ts, so FlexSearch's score slots would only bloat the export.
    resolution: 1,
    fastupdate: false,
  });
}

function collectionStats(docs: SearchDoc[]): CollectionStats {
  const averageLength = { title: 0, author: 0, body: 0 };
  for (const doc of docs) for (const field of SEARCH_FIELDS) averageLength[field] += doc[field].length;
  for (const field of SEARCH_FIELDS) averageLength[field] = docs.length === 0 ? 1 : averageLength[field] / docs.length;
  return { docCount: docs.length, averageLength };
}

export class SearchIndex implements TermLookup {
  private readonly loadedVocabulary: LoadedVocabulary;
  private readonly aliasLookup: AliasLookup;
  private readonly dictionary: TermDictionary;
  /** Folded text of recently shown entries (highlights, snippets); lives as long as the index. */
  readonly analyzedDocs = new AnalyzedDocCache();

  private constructor(
    private readonly document: Document<IndexedFields>,
    readonly corpusHash: string,
    readonly stats: CollectionStats,
    private readonly vocabulary: LatinVocabulary,
    private readonly aliasTable: AliasTable,
    private readonly terms: TermDictionaryData,
    dictionary: TermDictionary,
    readonly entries: EntryStats,
  ) {
    this.loadedVocabulary = loadLatinVocabulary(vocabulary);
    this.aliasLookup = loadAliasTable(aliasTable);
    this.dictionary = dictionary;
  }

  static build(docs: SearchDoc[], corpusHash: string, aliases: AliasTable = NO_ALIASES): SearchIndex {
    // Ordinal = place in id order: FlexSearch's posting lists come out sorted that way.
    const sorted = [...docs].sort((a, b) => a.id - b.id);
    const entryTerms = sorted.map(countEntryTerms);
    const document = createDocument();
    sorted.forEach((doc, ordinal) => {
      const [title, author, body] = (entryTerms[ordinal]?.counts ?? []).map((counts) => [...counts.keys()].join(' '));
      document.add({ id: ordinal, title: title ?? '', author: author ?? '', body: body ?? '' });
    });
    const termsByEntry = entryTerms.map(({ counts }) => counts.flatMap((fieldCounts) => [...fieldCounts.keys()]));
    const vocabulary = latinVocabularyOf(termsByEntry);
    const terms = termDictionaryOf(termsByEntry.flat());
    const dictionary = new TermDictionary(terms);
    const termIds = dictionary.termIds();
    const entries = EntryStats.build({
      docs: sorted,
      terms: entryTerms,
      termCount: dictionary.termCount,
      termId: (term) => termIds.get(term) ?? -1,
    });
    return new SearchIndex(document, corpusHash, collectionStats(sorted), vocabulary, aliases, terms, dictionary, entries);
  }

  static fromExport(data: SearchIndexExport): SearchIndex {
    if (data.version !== SEARCH_INDEX_VERSION) throw new SearchIndexVersionError(data.version);
    const document = createDocument();
    for (const [key, value] of Object.entries(data.parts)) document.import(key, value);
    const dictionary = new TermDictionary(data.terms);
    const entries = EntryStats.fromData(data.entries, dictionary.termCount);
    return new SearchIndex(document, data.corpusHash, data.stats, data.vocabulary, data.aliases, data.terms, dictionary, entries);
  }

  export(): SearchIndexExport {
    const parts: Record<string, string> = {};
    // With a synchronous handler FlexSearch exports synchronously.
    void this.document.export((key: string, value: string) => {
      parts[key] = value;
    });
    return {
      version: SEARCH_INDEX_VERSION,
      corpusHash: this.corpusHash,
      parts,
      stats: this.stats,
      vocabulary: this.vocabulary,
      aliases: this.aliasTable,
      terms: this.terms,
      entries: this.entries.toData(),
    };
  }

  /**
   * Where a query term occurs, with counts per field. A word being typed is every word it begins
   * (longer ones at `PREFIX_QUALITY`); a lone CJK character every bigram holding it; a longer
   * CJK run is where all its bigrams occur, as often as the rarest.
   */
  termHits(term: MatchTerm, fields: readonly SearchField[]): TermHits {
    if (!term.isCjk) {
      const words = term.allowsPrefix ? this.dictionary.latinWithPrefix(term.text, term.maxPrefixExtension) : [term.text];
      return sumHits(
        words.map((word) => ({ hits: this.indexTermHits(word, false, fields), weight: word === term.text ? 1 : PREFIX_QUALITY })),
      );
    }
    if ([...term.text].length === 1) {
      return sumHits(
        this.dictionary.cjkTermsWith(term.text).map((bigram) => ({ hits: this.indexTermHits(bigram, true, fields), weight: 1 })),
      );
    }
    return minHits(terms(term.text).map((bigram) => this.indexTermHits(bigram, true, fields)));
  }

  /** One term of the index, as FlexSearch and the repeats table have it. */
  private indexTermHits(term: string, isCjk: boolean, fields: readonly SearchField[]): TermHits {
    const id = this.dictionary.termId(term, isCjk);
    if (id === -1) return NO_HITS;
    const postings: (SortedIds | undefined)[] = SEARCH_FIELDS.map(() => undefined);
    for (const { field, result } of this.document.search(term, { index: [...fields], limit: CANDIDATE_LIMIT })) {
      // Read-only: this is FlexSearch's own posting list, ascending because entries were added in ordinal order.
      postings[SEARCH_FIELDS.indexOf(field as SearchField)] = result as unknown as SortedIds;
    }
    return hitsFromPostings(postings, this.entries.repeatsOf(id));
  }

  latinFrequency(word: string): number | undefined {
    return isVocabularyTerm(word) ? documentFrequencyOf(this.loadedVocabulary, word) : undefined;
  }

  corrections(word: string): Correction[] {
    return correctLatinWord(this.loadedVocabulary, word);
  }

  aliases(unitText: string): AliasTarget[] {
    return this.aliasLookup.aliasesOf(unitText);
  }

  phraseAliases(foldedWords: string[]): { start: number; end: number; aliases: AliasTarget[] }[] {
    return this.aliasLookup.aliasesOfPhrase(foldedWords);
  }
}
