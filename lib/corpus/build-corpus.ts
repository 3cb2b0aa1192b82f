// Build step: seed files → the assets the extension ships (corpus, search index export, meta, and
// the author and URL tables).
// Pure (files come in as bytes, decoded and bounded here); wxt.config.ts reads the files and writes
// the assets.

import { buildAliasTable } from '../search/alias-table';
import { parseGlossary } from '../search/glossary';
import { SearchIndex, SEARCH_INDEX_VERSION, type SearchIndexFiles } from '../search/search-index';
import { searchDocOf } from '../search/search-doc';
import { buildUrlIndex } from '../annotate/page-match';
import { summarizeAuthors } from './authors';
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
} from './corpus-assets';
import { decodeSeed } from './decode-seed';
import { entryIdOf, VOLUME_SIZE } from './entry-id';
import { assignEntryUids } from './entry-identity';
import { hashText } from './hash-text';
import { linkRevisions } from './link-revisions';
import { CorpusFormatError, parseSeed } from './parse-digest';
import type { Corpus } from './types';

/** A seed file as read from disk: its bytes are checked here (UTF-8, controls, lengths), not by the reader. */
export type SeedFile = { name: string; bytes: Uint8Array };

export type CorpusAssets = {
  corpus: Corpus;
  /** The index proper (`SEARCH_INDEX_ASSET`) and its shards (`searchIndexShardAsset`). */
  searchIndex: SearchIndexFiles;
  meta: CorpusMeta;
  authors: CorpusAuthorsTable;
  urls: CorpusUrlTable;
};

export {
  CORPUS_ASSET,
  CORPUS_AUTHORS_ASSET,
  CORPUS_META_ASSET,
  CORPUS_URLS_ASSET,
  SEARCH_INDEX_ASSET,
  searchIndexShardAsset,
  type CorpusMeta,
};

/** The curated glossary beside the seeds; the build reads it with them (see alias-table.ts). */
export const GLOSSARY_FILE = 'glossary.tsv';

/** Code-unit order, not `localeCompare`: the volume order (and so every id) must not depend on the build machine's locale. */
function byName(a: SeedFile, b: SeedFile): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Each seed file is a volume, numbered by its place in name order (`000_…` first); its entries get
 * ids `entryIdOf(volume, heading number)`. Reposts and uids are worked out on the merged list, so
 * an entry repeating one from an earlier volume links to it and both keep distinct uids.
 */
export function buildCorpus(seeds: SeedFile[]): Corpus {
  const entries = [...seeds]
    .sort(byName)
    .flatMap((seed, volumeOrdinal) => {
      const { entries: parsed, headingLineOf } = parseSeed(decodeSeed(seed.bytes, seed.name), seed.name);
      return parsed.map((entry) => {
        if (entry.id >= VOLUME_SIZE) {
          throw new CorpusFormatError(
            seed.name,
            headingLineOf.get(entry.id) ?? 1,
            `entry number ${entry.id} does not fit a volume (at most ${VOLUME_SIZE - 1}: ids are volume × ${VOLUME_SIZE} + number; see lib/corpus/entry-id.ts)`,
          );
        }
        return { ...entry, id: entryIdOf(volumeOrdinal, entry.id) };
      });
    })
    .sort((a, b) => a.id - b.id);
  linkRevisions(entries);
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
    // Tables the background would otherwise derive from every entry's full text on each wake.
    authors: { corpusHash: corpus.hash, authors: summarizeAuthors(corpus.entries) },
    urls: { corpusHash: corpus.hash, entryIdsByKey: [...buildUrlIndex(corpus.entries)] },
  };
}
