// Build step: seed files → the assets the extension ships (corpus, search index export, meta).
// Pure (files come in as bytes, decoded and bounded here); wxt.config.ts reads the files and writes
// the assets.

import { buildAliasTable } from '../search/alias-table';
import { parseGlossary } from '../search/glossary';
import { SearchIndex, SEARCH_INDEX_VERSION, type SearchIndexExport } from '../search/search-index';
import { searchDocOf } from '../search/search-doc';
import { CORPUS_ASSET, CORPUS_META_ASSET, SEARCH_INDEX_ASSET, type CorpusMeta } from './corpus-assets';
import { decodeSeed } from './decode-seed';
import { assignEntryUids } from './entry-identity';
import { hashText } from './hash-text';
import { CorpusFormatError, parseSeed } from './parse-digest';
import type { Corpus } from './types';

/** A seed file as read from disk: its bytes are checked here (UTF-8, controls, lengths), not by the reader. */
export type SeedFile = { name: string; bytes: Uint8Array };

export type CorpusAssets = { corpus: Corpus; searchIndex: SearchIndexExport; meta: CorpusMeta };

export { CORPUS_ASSET, CORPUS_META_ASSET, SEARCH_INDEX_ASSET, type CorpusMeta };

/** The curated glossary beside the seeds; the build reads it with them (see alias-table.ts). */
export const GLOSSARY_FILE = 'glossary.tsv';

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

/** `glossary` is `seeds/glossary.tsv`; without it the index has only the digest's own aliases. */
export function buildCorpusAssets(seeds: SeedFile[], glossary?: SeedFile): CorpusAssets {
  const corpus = buildCorpus(seeds);
  const concepts = glossary === undefined ? [] : parseGlossary(decodeSeed(glossary.bytes, glossary.name), glossary.name);
  const aliases = buildAliasTable({ entries: corpus.entries, glossary: concepts });
  const searchIndex = SearchIndex.build(corpus.entries.map(searchDocOf), corpus.hash, aliases).export();
  return {
    corpus,
    searchIndex,
    meta: { hash: corpus.hash, entryCount: corpus.entries.length, searchIndexVersion: SEARCH_INDEX_VERSION },
  };
}
