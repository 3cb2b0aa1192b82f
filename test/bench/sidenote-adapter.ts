// Everything the scale benchmark knows about Sidenote's search engine, in one place: how the
// persisted index is built, stored, loaded and rebuilt, and how a query is answered. When the
// engine changes (a compact persisted index), only this file changes; the benchmark does not.

import { decodeSeed } from '../../lib/corpus/decode-seed';
import { hashText } from '../../lib/corpus/hash-text';
import type { Entry } from '../../lib/corpus/types';
import { createArrayEntrySource } from '../../lib/search/array-entry-source';
import { buildAliasTable, type AliasTable } from '../../lib/search/alias-table';
import { parseGlossary } from '../../lib/search/glossary';
import { searchDocOf } from '../../lib/search/search-doc';
import { searchEntries, type EntrySource } from '../../lib/search/search-entries';
import { SearchIndex, type SearchIndexExport } from '../../lib/search/search-index';
import { readGlossaryFile, realCorpus } from '../support/seed';

/** What would be stored in IndexedDB or shipped as an asset, and how long producing it took. */
export type PersistedIndex = { bytes: Uint8Array; buildMs: number };

/** A loaded index, ready to answer queries. Opaque to the benchmark. */
export type SidenoteHandle = { readonly index: SearchIndex };

let aliasTable: AliasTable | undefined;

/**
 * The alias table of the real digest and the glossary, built once per process. Synthetic corpora
 * reuse it: their authors and glosses are the real ones. Not part of any timed figure.
 */
function realAliasTable(): AliasTable {
  const glossary = readGlossaryFile();
  aliasTable ??= buildAliasTable({
    entries: realCorpus.entries,
    glossary: parseGlossary(decodeSeed(glossary.bytes, glossary.name), glossary.name),
  });
  return aliasTable;
}

function buildIndex(entries: Entry[]): SearchIndex {
  const corpusHash = hashText(entries.map((entry) => entry.uid).join('\n'));
  return SearchIndex.build(entries.map(searchDocOf), corpusHash, realAliasTable());
}

/** Sets up where `search` reads entries from (Dexie's job in the extension), so no timed figure pays for it. */
export function prepareCorpus(entries: Entry[]): void {
  entrySourceOf(entries);
}

/** The build step: entries → the persisted form. `buildMs` covers index build, export and serialization. */
export function buildPersisted(entries: Entry[]): PersistedIndex {
  realAliasTable();
  const start = performance.now();
  const bytes = new TextEncoder().encode(JSON.stringify(buildIndex(entries).export()));
  return { bytes, buildMs: performance.now() - start };
}

/** What a waking service worker does with the persisted form: decode, parse, import. */
export function loadPersisted(bytes: Uint8Array): SidenoteHandle {
  return { index: SearchIndex.fromExport(JSON.parse(new TextDecoder().decode(bytes)) as SearchIndexExport) };
}

/**
 * What a worker without a persisted index does: build it from the entries, in memory. Time it
 * after a `buildPersisted` call, which has built the process's alias table outside its clock.
 */
export function rebuild(entries: Entry[]): SidenoteHandle {
  return { index: buildIndex(entries) };
}

// The extension reads entries from Dexie; here an array stands in, built once per corpus.
const entrySources = new WeakMap<Entry[], EntrySource>();
function entrySourceOf(entries: Entry[]): EntrySource {
  let source = entrySources.get(entries);
  if (source === undefined) {
    source = createArrayEntrySource(entries);
    entrySources.set(entries, source);
  }
  return source;
}

/** The ids of one page of results, best first, as the extension would show them. */
export async function search(handle: SidenoteHandle, entries: Entry[], query: string, limit: number, offset = 0): Promise<number[]> {
  const response = await searchEntries(() => handle.index, entrySourceOf(entries), { query, limit, offset });
  return response.results.map((result) => result.id);
}
