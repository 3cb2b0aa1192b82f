// What the extension ships beside its code: each asset's file name and shape. build-assets.ts makes
// them, shipped-files.ts lists them for the build to write, read-assets.ts checks them on load.
// Names and types only: the background imports this, so nothing build-time belongs here.

import type { AuthorSummary } from '../corpus/authors';
import type { Corpus } from '../corpus/types';
import type { SearchIndexFiles } from '../search/search-index';

export const CORPUS_ASSET = 'corpus.json';
export const SEARCH_INDEX_ASSET = 'search-index.json';
/** Shard `shard` of the index's postings, fetched the first time a query needs it. */
export const searchIndexShardAsset = (shard: number): string => `search-index-${String(shard).padStart(2, '0')}.json`;
export const CORPUS_META_ASSET = 'corpus-meta.json';
/** The reader's author list, counted at build time (`CorpusAuthorsTable`). */
export const CORPUS_AUTHORS_ASSET = 'corpus-authors.json';
/** The cards' URL index, keyed at build time (`CorpusUrlTable`). */
export const CORPUS_URLS_ASSET = 'corpus-urls.json';

/** Small enough to fetch on every service-worker wake to decide whether anything must change. */
export type CorpusMeta = { hash: string; entryCount: number; searchIndexVersion: number };

/**
 * What the background would otherwise work out from every entry's full text on each wake. Each
 * names the corpus it was made from; the background ignores a table of another corpus.
 */
export type CorpusAuthorsTable = { corpusHash: string; authors: AuthorSummary[] };

/** Each cited URL's exact key (`urlKeys(url).exact`) → the ids of the entries citing it, in id order. */
export type CorpusUrlTable = { corpusHash: string; entryIdsByKey: [key: string, entryIds: number[]][] };

/** Every asset made from the seeds, as the build holds them before writing. */
export type ShippedAssets = {
  corpus: Corpus;
  /** The index proper (`SEARCH_INDEX_ASSET`) and its shards (`searchIndexShardAsset`). */
  searchIndex: SearchIndexFiles;
  meta: CorpusMeta;
  authors: CorpusAuthorsTable;
  urls: CorpusUrlTable;
};
