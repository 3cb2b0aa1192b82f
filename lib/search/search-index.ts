// Our typed wrapper around FlexSearch: builds the index with our encoder, exports/imports it,
// and answers "which entries may contain this term, in which fields". It also carries what the
// query planner and ranking need beside FlexSearch: collection statistics, the Latin vocabulary
// (exact word frequencies, spelling corrections) and the alias table. Ranking is in rank.ts.

import { Document, Encoder } from 'flexsearch';
import { foldText } from './fold';
import type { CollectionStats } from './rank';
import { AnalyzedDocCache } from './analyzed-doc-cache';
import { loadAliasTable, type AliasLookup, type AliasTable } from './alias-lookup';
import { FIELD_BITS, type AliasTarget, type Correction, type MatchTerm, type TermLookup } from './query-plan';
import { SEARCH_FIELDS, type SearchDoc, type SearchField } from './search-doc';
import { TermDictionary, buildTermDictionary, type TermDictionaryData } from './term-dictionary';
import { terms } from './tokenize';
import {
  buildLatinVocabulary,
  correctLatinWord,
  documentFrequencyOf,
  isVocabularyTerm,
  loadLatinVocabulary,
  type LatinVocabulary,
  type LoadedVocabulary,
} from './typo-correction';

/** Bump when the encoder, tokenizer, fields or export shape change: another version is rebuilt. */
export const SEARCH_INDEX_VERSION = 3;

/** Everything is a candidate: ranking needs the full candidate set to know how rare a unit is. */
const CANDIDATE_LIMIT = 1_000_000;

export type SearchIndexExport = {
  version: number;
  corpusHash: string;
  parts: Record<string, string>;
  stats: CollectionStats;
  /** Latin words and how many entries contain each: exact-word checks and spelling corrections. */
  vocabulary: LatinVocabulary;
  /** Other names for what a query word means; built from build-time data only (see alias-table.ts). */
  aliases: AliasTable;
  /** Every term, sorted: widens a word being typed and a lone CJK character. */
  terms: TermDictionaryData;
};

export const NO_ALIASES: AliasTable = { version: 1, groups: [] };

export class SearchIndexVersionError extends Error {
  constructor(found: unknown) {
    super(`search index export has version ${String(found)}, expected ${SEARCH_INDEX_VERSION}`);
    this.name = 'SearchIndexVersionError';
  }
}

type IndexedFields = Pick<SearchDoc, 'id' | SearchField>;

function createDocument(): Document<IndexedFields> {
  const encoder = new Encoder({
    // Folding and splitting are ours; FlexSearch must not regroup digits or dedupe letters.
    normalize: false,
    numeric: false,
    dedupe: false,
    prepare: (text: string) => terms(foldText(text)).join(' '),
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
  /** Folded text of recently ranked entries; lives as long as the index (one corpus). */
  readonly analyzedDocs = new AnalyzedDocCache();

  private constructor(
    private readonly document: Document<IndexedFields>,
    readonly corpusHash: string,
    readonly stats: CollectionStats,
    private readonly vocabulary: LatinVocabulary,
    private readonly aliasTable: AliasTable,
    private readonly terms: TermDictionaryData,
  ) {
    this.loadedVocabulary = loadLatinVocabulary(vocabulary);
    this.aliasLookup = loadAliasTable(aliasTable);
    this.dictionary = new TermDictionary(terms);
  }

  static build(docs: SearchDoc[], corpusHash: string, aliases: AliasTable = NO_ALIASES): SearchIndex {
    const document = createDocument();
    for (const doc of docs) document.add({ id: doc.id, title: doc.title, author: doc.author, body: doc.body });
    const folded = docs.map((doc) => ({ id: doc.id, text: foldText(`${doc.title}\n${doc.author}\n${doc.body}`) }));
    const vocabulary = buildLatinVocabulary(folded);
    const dictionary = buildTermDictionary(folded.map((doc) => doc.text));
    return new SearchIndex(document, corpusHash, collectionStats(docs), vocabulary, aliases, dictionary);
  }

  static fromExport(data: SearchIndexExport): SearchIndex {
    if (data.version !== SEARCH_INDEX_VERSION) throw new SearchIndexVersionError(data.version);
    const document = createDocument();
    for (const [key, value] of Object.entries(data.parts)) document.import(key, value);
    return new SearchIndex(document, data.corpusHash, data.stats, data.vocabulary, data.aliases, data.terms);
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
    };
  }

  entriesWith(term: MatchTerm, fields: readonly SearchField[]): Map<number, number> {
    const byId = new Map<number, number>();
    // A word being typed is any word it begins; a lone CJK character any bigram holding it.
    const lookups =
      !term.isCjk && term.allowsPrefix
        ? this.dictionary.latinWithPrefix(term.text, term.maxPrefixExtension)
        : term.isCjk && [...term.text].length === 1
          ? this.dictionary.cjkTermsWith(term.text)
          : [term.text];
    for (const text of lookups) {
      for (const { field, result } of this.document.search(text, { index: [...fields], limit: CANDIDATE_LIMIT })) {
        const bit = FIELD_BITS[field as SearchField];
        for (const id of result) byId.set(Number(id), (byId.get(Number(id)) ?? 0) | bit);
      }
    }
    return byId;
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
