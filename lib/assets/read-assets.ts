// Reads the shipped assets on load: checks each one's shape and that it belongs to the shipped
// corpus, and throws CorpusAssetError when it does not (the background decides what to do then).
// Imported by the background: nothing build-time here (no alias mining, no pinyin, no index build).

import type { UrlIndex } from '../annotate/page-match';
import type { AuthorSummary } from '../corpus/authors';
import type { Corpus } from '../corpus/types';
import { loadAliasTable, type AliasTable } from '../search/alias-lookup';
import { SearchIndex, type SearchIndexExport } from '../search/search-index';
import {
  CORPUS_ASSET,
  CORPUS_AUTHORS_ASSET,
  CORPUS_META_ASSET,
  CORPUS_URLS_ASSET,
  SEARCH_INDEX_ASSET,
  searchIndexShardAsset,
  type CorpusAuthorsTable,
  type CorpusMeta,
  type CorpusUrlTable,
} from './shipped-assets';

/** Loads a shipped JSON asset by its path inside the extension. */
export type AssetLoader = (path: string) => Promise<unknown>;

export class CorpusAssetError extends Error {
  constructor(asset: string, reason: string) {
    super(`bundled ${asset} is unusable: ${reason}`);
    this.name = 'CorpusAssetError';
  }
}

export function readCorpusMeta(value: unknown): CorpusMeta {
  const meta = value as Partial<CorpusMeta> | null;
  if (typeof meta?.hash !== 'string' || typeof meta.entryCount !== 'number') {
    throw new CorpusAssetError(CORPUS_META_ASSET, 'missing hash or entryCount');
  }
  return meta as CorpusMeta;
}

/** The corpus, if it is the one `corpus-meta.json` announced. */
export function readCorpus(value: unknown, expectedHash: string): Corpus {
  const corpus = value as Partial<Corpus> | null;
  if (typeof corpus?.hash !== 'string' || !Array.isArray(corpus.entries)) {
    throw new CorpusAssetError(CORPUS_ASSET, 'missing hash or entries');
  }
  if (corpus.hash !== expectedHash) throw new CorpusAssetError(CORPUS_ASSET, `hash ${corpus.hash} does not match meta ${expectedHash}`);
  return corpus as Corpus;
}

function tableOf<T extends { corpusHash: string }>(asset: string, value: unknown, corpusHash: string): Partial<T> {
  const table = value as Partial<T> | null;
  if (typeof table?.corpusHash !== 'string') throw new CorpusAssetError(asset, 'missing corpusHash');
  if (table.corpusHash !== corpusHash) throw new CorpusAssetError(asset, `made for corpus ${table.corpusHash}, not ${corpusHash}`);
  return table;
}

export function readAuthorList(value: unknown, corpusHash: string): AuthorSummary[] {
  const { authors } = tableOf<CorpusAuthorsTable>(CORPUS_AUTHORS_ASSET, value, corpusHash);
  if (!Array.isArray(authors)) throw new CorpusAssetError(CORPUS_AUTHORS_ASSET, 'missing authors');
  return authors;
}

export function readUrlIndex(value: unknown, corpusHash: string): UrlIndex {
  const { entryIdsByKey: rows } = tableOf<CorpusUrlTable>(CORPUS_URLS_ASSET, value, corpusHash);
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row) && typeof row[0] === 'string' && Array.isArray(row[1]))) {
    throw new CorpusAssetError(CORPUS_URLS_ASSET, 'missing or malformed entryIdsByKey');
  }
  return new Map(rows);
}

/** The index export's alias table if it reads (a rebuilt index cannot make one: it needs build-time data). */
export function readShippedAliases(exported: unknown): AliasTable | undefined {
  const aliases = (exported as { aliases?: unknown } | null)?.aliases;
  try {
    loadAliasTable(aliases);
    return aliases as AliasTable;
  } catch {
    // An unreadable table costs only the other names for words: the index works without them.
    return undefined;
  }
}

/**
 * The shipped index; its shards are loaded through `loadAsset` the first time a query needs them.
 * Throws on an export of another version or shape (SearchIndex checks the rest).
 */
export function readShippedIndex(exported: unknown, loadAsset: AssetLoader): SearchIndex {
  if (typeof exported !== 'object' || exported === null) throw new CorpusAssetError(SEARCH_INDEX_ASSET, 'not an object');
  return SearchIndex.fromExport(exported as SearchIndexExport, (shard) => loadAsset(searchIndexShardAsset(shard)));
}
