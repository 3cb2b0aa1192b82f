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

/**
 * FlexSearch's exported postings are split by term into this many shards, each its own file,
 * imported into the one FlexSearch index (its import adds to what is there) the first time a query
 * needs one of its terms: a woken worker pays for what it is asked, not for the whole index.
 */
export const SEARCH_INDEX_SHARDS = 32;

/** One shard of FlexSearch's postings: `Document.export`'s map parts, only the entries of this shard's terms. */
export type SearchIndexShardExport = { version: number; corpusHash: string; shard: number; parts: Record<string, string> };

/** What the build ships: the index proper (small, read on wake) and the shards (read on demand). */
export type SearchIndexFiles = { index: SearchIndexExport; shards: SearchIndexShardExport[] };

/** Fetches shard `shard` of the persisted index (an asset in the extension). */
export type ShardLoader = (shard: number) => Promise<unknown>;

export type SearchIndexExport = {
  version: number;
  corpusHash: string;
  shardCount: number;
  /** FlexSearch's registry of entries (its `reg` parts), imported on load. */
  registry: Record<string, string>;
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

/** A shard that is missing, of another version or corpus, or not what FlexSearch wrote. */
export class SearchIndexShardError extends Error {
  constructor(shard: number, reason: string) {
    super(`search index shard ${shard}: ${reason}`);
    this.name = 'SearchIndexShardError';
  }
}

/** A FlexSearch export part holding one field's postings (`body.1.map`). */
const MAP_PART = /^(title|author|body)\.\d+\.map$/;

/** FNV-1a over UTF-16 code units: which shard holds a term. Build and lookup must agree. */
export function shardOfTerm(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % SEARCH_INDEX_SHARDS;
}

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

  /** Shards asked for by a lookup while not loaded; `loadWantedShards` brings them. */
  private readonly wantedShards = new Set<number>();
  private readonly loadingShards = new Map<number, Promise<void>>();
  private misses = 0;

  private constructor(
    private readonly document: Document<IndexedFields>,
    /** Which shards' postings the document holds. */
    private readonly loadedShards: boolean[],
    private readonly loadShard: ShardLoader | undefined,
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
    sorted.forEach((_doc, ordinal) => {
      const [title, author, body] = (entryTerms[ordinal]?.counts ?? []).map((counts) => [...counts.keys()].join(' '));
      document.add({ id: ordinal, title: title ?? '', author: author ?? '', body: body ?? '' });
    });
    const termsOfEntry = function* (counts: Map<string, number>[]) {
      for (const fieldCounts of counts) yield* fieldCounts.keys();
    };
    const vocabulary = latinVocabularyOf(entryTerms.map(({ counts }) => termsOfEntry(counts)));
    const terms = termDictionaryOf(
      (function* () {
        for (const { counts } of entryTerms) yield* termsOfEntry(counts);
      })(),
    );
    const dictionary = new TermDictionary(terms);
    const termIds = dictionary.termIds();
    const entries = EntryStats.build({
      docs: sorted,
      terms: entryTerms,
      termCount: dictionary.termCount,
      termId: (term) => termIds.get(term) ?? -1,
    });
    const allLoaded = new Array<boolean>(SEARCH_INDEX_SHARDS).fill(true);
    return new SearchIndex(
      document,
      allLoaded,
      undefined,
      corpusHash,
      collectionStats(sorted),
      vocabulary,
      aliases,
      terms,
      dictionary,
      entries,
    );
  }

  /** The index proper; its shards are imported through `loadShard` the first time a query needs them. */
  static fromExport(data: SearchIndexExport, loadShard: ShardLoader): SearchIndex {
    if (data.version !== SEARCH_INDEX_VERSION) throw new SearchIndexVersionError(data.version);
    if (data.shardCount !== SEARCH_INDEX_SHARDS) throw new SearchIndexVersionError(`${data.version} with ${data.shardCount} shards`);
    const dictionary = new TermDictionary(data.terms);
    const entries = EntryStats.fromData(data.entries, dictionary.termCount);
    const document = createDocument();
    for (const [key, value] of Object.entries(data.registry)) {
      if (!/^\d+\.reg$/.test(key) || typeof value !== 'string')
        throw new SearchIndexVersionError(`${data.version} with registry part ${key}`);
      document.import(key, value);
    }
    const noneLoaded = new Array<boolean>(SEARCH_INDEX_SHARDS).fill(false);
    return new SearchIndex(
      document,
      noneLoaded,
      loadShard,
      data.corpusHash,
      data.stats,
      data.vocabulary,
      data.aliases,
      data.terms,
      dictionary,
      entries,
    );
  }

  /** For tests and tools holding every file in memory. */
  static fromFiles(files: SearchIndexFiles): SearchIndex {
    return SearchIndex.fromExport(files.index, async (shard) => files.shards[shard]);
  }

  export(): SearchIndexFiles {
    const missing = this.loadedShards.indexOf(false);
    if (missing !== -1) throw new SearchIndexShardError(missing, 'not loaded, cannot export');
    const registry: Record<string, string> = {};
    const shards: SearchIndexShardExport[] = Array.from({ length: SEARCH_INDEX_SHARDS }, (_, shard) => ({
      version: SEARCH_INDEX_VERSION,
      corpusHash: this.corpusHash,
      shard,
      parts: {},
    }));
    // With a synchronous handler FlexSearch exports synchronously.
    void this.document.export((key: string, value: string) => {
      if (/^\d+\.reg$/.test(key)) {
        registry[key] = value;
        return;
      }
      if (!MAP_PART.test(key)) throw new Error(`unexpected FlexSearch export part ${key}`);
      // A map part lists [term, postings]: each entry goes to its term's shard, under the same key.
      const byShard = new Map<number, unknown[]>();
      for (const entry of JSON.parse(value) as [string, unknown][]) {
        const shard = shardOfTerm(entry[0]);
        let list = byShard.get(shard);
        if (list === undefined) byShard.set(shard, (list = []));
        list.push(entry);
      }
      for (const [shard, list] of byShard) (shards[shard] as SearchIndexShardExport).parts[key] = JSON.stringify(list);
    });
    const index: SearchIndexExport = {
      version: SEARCH_INDEX_VERSION,
      corpusHash: this.corpusHash,
      shardCount: SEARCH_INDEX_SHARDS,
      registry,
      stats: this.stats,
      vocabulary: this.vocabulary,
      aliases: this.aliasTable,
      terms: this.terms,
      entries: this.entries.toData(),
    };
    return { index, shards };
  }

  /**
   * Imports the shards lookups asked for since the last call (their terms answered "nowhere"
   * meanwhile) and waits for any import already under way; the caller then plans again.
   */
  async loadWantedShards(): Promise<void> {
    const wanted = [...this.wantedShards];
    this.wantedShards.clear();
    // Also the shards a concurrent query already started: this caller may have missed them too.
    await Promise.all([...wanted.map((shard) => this.importShard(shard)), ...this.loadingShards.values()]);
  }

  /**
   * How many lookups so far answered "nowhere" because their shard was not loaded. Planning is
   * synchronous, so a change across one plan says that plan must be made again.
   */
  get shardMisses(): number {
    return this.misses;
  }

  /** Imports every shard not yet in (to export an index loaded lazily, or to measure it whole). */
  async loadAllShards(): Promise<void> {
    await Promise.all(this.loadedShards.map((_, shard) => this.importShard(shard)));
  }

  private importShard(shard: number): Promise<void> {
    let loading = this.loadingShards.get(shard);
    if (loading === undefined) {
      loading = this.readShard(shard).finally(() => this.loadingShards.delete(shard));
      this.loadingShards.set(shard, loading);
    }
    return loading;
  }

  private async readShard(shard: number): Promise<void> {
    if (this.loadedShards[shard] === true) return;
    if (this.loadShard === undefined) throw new SearchIndexShardError(shard, 'no way to load it');
    let data: unknown;
    try {
      data = await this.loadShard(shard);
    } catch (error) {
      throw new SearchIndexShardError(shard, `could not be read (${String(error)})`);
    }
    const shape = data as Partial<SearchIndexShardExport> | null;
    if (typeof shape !== 'object' || shape === null) throw new SearchIndexShardError(shard, 'not an object');
    if (shape.version !== SEARCH_INDEX_VERSION || shape.corpusHash !== this.corpusHash || shape.shard !== shard) {
      throw new SearchIndexShardError(shard, 'of another index version, corpus or shard');
    }
    // Everything is parsed and checked before anything is imported: a bad shard changes nothing.
    const parsed: [string, [string, unknown][]][] = [];
    for (const [key, value] of Object.entries(shape.parts ?? {})) {
      let entries: unknown;
      try {
        entries = typeof value === 'string' && MAP_PART.test(key) ? JSON.parse(value) : undefined;
      } catch {
        entries = undefined;
      }
      const isMapPart =
        Array.isArray(entries) &&
        entries.every(
          (entry) => Array.isArray(entry) && typeof entry[0] === 'string' && shardOfTerm(entry[0]) === shard && Array.isArray(entry[1]),
        );
      if (!isMapPart) throw new SearchIndexShardError(shard, `part ${key} is not FlexSearch postings of this shard`);
      parsed.push([key, entries as [string, unknown][]]);
    }
    for (const [key, entries] of parsed) this.document.import(key, entries as unknown as string);
    this.loadedShards[shard] = true;
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
    const shard = shardOfTerm(term);
    if (this.loadedShards[shard] !== true) {
      this.wantedShards.add(shard);
      this.misses++;
      return NO_HITS;
    }
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
