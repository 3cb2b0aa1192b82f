// Build step: seed files (and the glossary beside them) → every asset the extension ships. Pure
// (files come in as bytes); wxt.config.ts reads them from disk. Build time and tests only: it
// builds the search index and mines aliases, which the background must never import.

import { buildUrlIndex } from '../annotate/page-match';
import { summarizeAuthors } from '../corpus/authors';
import { buildCorpus, type SeedFile } from '../corpus/build-corpus';
import { decodeSeed } from '../corpus/decode-seed';
import { buildAliasTable } from '../search/alias-table';
import { parseGlossary } from '../search/glossary';
import { searchDocOf } from '../search/search-doc';
import { SearchIndex, SEARCH_INDEX_VERSION } from '../search/search-index';
import type { ShippedAssets } from './shipped-assets';

/** The curated glossary beside the seeds; the build reads it with them (see alias-table.ts). */
export const GLOSSARY_FILE = 'glossary.tsv';

/** `glossary` is `seeds/glossary.tsv`; without it the index has only the digest's own aliases. */
export function buildAssets(seeds: SeedFile[], glossary?: SeedFile): ShippedAssets {
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
