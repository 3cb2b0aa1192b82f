// Build step: seed files → the assets the extension ships (corpus, search index export, meta).
// Pure (files come in as text); wxt.config.ts reads the files and writes the assets.

import { SearchIndex, SEARCH_INDEX_VERSION, type SearchIndexExport } from '../search/search-index';
import { searchDocOf } from '../search/search-doc';
import { assignEntryUids } from './entry-identity';
import { hashText } from './hash-text';
import { CorpusFormatError, parseDigest } from './parse-digest';
import type { Corpus } from './types';

export type SeedFile = { name: string; text: string };

/** Small enough to fetch on every service-worker wake to decide whether anything must change. */
export type CorpusMeta = { hash: string; entryCount: number; searchIndexVersion: number };

export type CorpusAssets = { corpus: Corpus; searchIndex: SearchIndexExport; meta: CorpusMeta };

export const CORPUS_ASSET = 'corpus.json';
export const SEARCH_INDEX_ASSET = 'search-index.json';
export const CORPUS_META_ASSET = 'corpus-meta.json';

export function buildCorpus(seeds: SeedFile[]): Corpus {
  const ownerOf = new Map<number, string>();
  const entries = [...seeds]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((seed) => {
      const parsed = parseDigest(seed.text, seed.name);
      for (const entry of parsed) {
        const owner = ownerOf.get(entry.id);
        if (owner !== undefined) {
          throw new CorpusFormatError(seed.name, 1, `entry ${entry.id} is also defined in ${owner}`);
        }
        ownerOf.set(entry.id, seed.name);
      }
      return parsed;
    })
    .sort((a, b) => a.id - b.id);
  const withUids = assignEntryUids(entries);
  return { hash: hashText(JSON.stringify(withUids)), entries: withUids };
}

export function buildCorpusAssets(seeds: SeedFile[]): CorpusAssets {
  const corpus = buildCorpus(seeds);
  const searchIndex = SearchIndex.build(corpus.entries.map(searchDocOf), corpus.hash).export();
  return {
    corpus,
    searchIndex,
    meta: { hash: corpus.hash, entryCount: corpus.entries.length, searchIndexVersion: SEARCH_INDEX_VERSION },
  };
}
