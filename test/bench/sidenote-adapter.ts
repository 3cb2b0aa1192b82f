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
import { parseQuery } from '../../lib/search/query';
import { rankQuery, searchEntries, type EntrySource } from '../../lib/search/search-entries';
import { SearchIndex, type SearchIndexExport } from '../../lib/search/search-index';
import { readGlossaryFile, realCorpus } from '../support/seed';

/**
 * What would be shipped as assets (one file for the index proper, one per shard of postings), and
 * how long producing them took.
 */
export type PersistedIndex = { files: Map<string, Uint8Array>; buildMs: number };

const INDEX_FILE = 'index.json';
const shardFile = (shard: number) => `shard-${String(shard).padStart(2, '0')}.json`;

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
  const exported = buildIndex(entries).export();
  const encoder = new TextEncoder();
  const files = new Map<string, Uint8Array>([[INDEX_FILE, encoder.encode(JSON.stringify(exported.index))]]);
  for (const shard of exported.shards) files.set(shardFile(shard.shard), encoder.encode(JSON.stringify(shard)));
  return { files, buildMs: performance.now() - start };
}

/**
 * What a waking service worker does with the persisted form: read and parse the index proper; read
 * a shard (`readFile`, as the extension fetches an asset) when a query first needs it.
 */
export function loadPersisted(readFile: (name: string) => Uint8Array): SidenoteHandle {
  const parse = (name: string): unknown => JSON.parse(new TextDecoder().decode(readFile(name)));
  return { index: SearchIndex.fromExport(parse(INDEX_FILE) as SearchIndexExport, async (shard) => parse(shardFile(shard))) };
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

/** Every id Sidenote lists for the query, best first: all pages at once, for recall. */
export async function searchAllIds(handle: SidenoteHandle, query: string): Promise<number[]> {
  const { ranked } = await rankQuery(handle.index, parseQuery(query), { offset: 0, limit: Number.POSITIVE_INFINITY });
  return ranked?.page.map((entry) => entry.entryId) ?? [];
}

/** Brings in every part a lazily loaded index has not loaded yet (what many different queries would). */
export async function loadEverything(handle: SidenoteHandle): Promise<void> {
  await handle.index.loadAllShards();
}

/** The ids of one page of results, best first, as the extension would show them. */
export async function search(handle: SidenoteHandle, entries: Entry[], query: string, limit: number, offset = 0): Promise<number[]> {
  const response = await searchEntries(() => handle.index, entrySourceOf(entries), { query, limit, offset });
  return response.results.map((result) => result.id);
}
