// Build step: seed files → the assets the extension ships (corpus, search index export, meta).
// Pure (files come in as bytes, decoded and bounded here); wxt.config.ts reads the files and writes
// the assets.

import { SearchIndex, SEARCH_INDEX_VERSION, type SearchIndexExport } from '../search/search-index';
import { searchDocOf } from '../search/search-doc';
import { decodeSeed } from './decode-seed';
import { assignEntryUids } from './entry-identity';
import { hashText } from './hash-text';
import { CorpusFormatError, parseSeed } from './parse-digest';
import type { Corpus } from './types';

/** A seed file as read from disk: its bytes are checked here (UTF-8, controls, lengths), not by the reader. */
export type SeedFile = { name: string; bytes: Uint8Array };

/** Small enough to fetch on every service-worker wake to decide whether anything must change. */
export type CorpusMeta = { hash: string; entryCount: number; searchIndexVersion: number };

export type CorpusAssets = { corpus: Corpus; searchIndex: SearchIndexExport; meta: CorpusMeta };

export const CORPUS_ASSET = 'corpus.json';
export const SEARCH_INDEX_ASSET = 'search-index.json';
export const CORPUS_META_ASSET = 'corpus-meta.json';

export function buildCorpus(seeds: SeedFile[]): Corpus {
  const firstDefined = new Map<number, { file: string; line: number }>();
  const entries = [...seeds]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((seed) => {
      const { entries: parsed, headingLineOf } = parseSeed(decodeSeed(seed.bytes, seed.name), seed.name);
      for (const entry of parsed) {
        const line = headingLineOf.get(entry.id) ?? 1;
        const first = firstDefined.get(entry.id);
        if (first !== undefined) {
          throw new CorpusFormatError(seed.name, line, `entry ${entry.id} is also defined in ${first.file}:${first.line}`);
        }
        firstDefined.set(entry.id, { file: seed.name, line });
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
