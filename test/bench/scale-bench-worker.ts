// One size of the scale benchmark, in a process of its own so heap and cold-start figures start
// from nothing. Spawned by scale-bench.ts with `node --expose-gc --import tsx`:
//   measure <size> <indexFile>  build, rebuild, query latency of the three systems, recall; writes the persisted index
//   cold <size> <indexFile>     from the persisted bytes to the first answer, and the heap that costs
// Prints progress to stderr and, as its last stdout line, `RESULT {json}`.

import { readFileSync, writeFileSync } from 'node:fs';
import type { Entry } from '../../lib/corpus/types';
import { loadJudgments } from '../eval/judgments';
import { createMiniSearch, createSubstringScan, type SearchSystem } from '../eval/search-systems';
import { realCorpus } from '../support/seed';
import { buildPersisted, loadEverything, loadPersisted, prepareCorpus, rebuild, search, searchAllIds } from './sidenote-adapter';
import { generateSyntheticCorpus, measureCorpusText } from './synthetic-corpus';

/** Shown ids per query for latency: the evaluation's top 10 for all three systems. */
const TOP = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SEED = 1;

export type MeasureResult = {
  entries: number;
  textChars: number;
  textBytes: number;
  buildMs: number;
  rebuildMs: number;
  indexBytes: number;
  latency: Record<'sidenote' | 'scan' | 'minisearch', { p50: number; p95: number }>;
  recallVsScan: number;
  recallQueries: number;
  queryCount: number;
  rounds: number;
};

export type ColdResult = { coldStartMs: number; heapBytes: number; heapAllBytes: number; firstQuery: string };

const [mode, sizeArg, indexFile] = process.argv.slice(2);
const size = Number(sizeArg);
if ((mode !== 'measure' && mode !== 'cold') || !Number.isInteger(size) || size < 1 || indexFile === undefined) {
  throw new Error('usage: scale-bench-worker.ts measure|cold <size> <indexFile>');
}
const collectGarbage = (globalThis as { gc?: () => void }).gc;
if (collectGarbage === undefined) throw new Error('run with node --expose-gc');

const log = (message: string) => process.stderr.write(`  [${size}] ${message}\n`);

/** The real digest at its own size; otherwise the deterministic synthetic corpus. */
function corpusOf(count: number): Entry[] {
  return count === realCorpus.entries.length
    ? realCorpus.entries
    : generateSyntheticCorpus(realCorpus.entries, { size: count, seed: SEED });
}

/** Nearest rank: the smallest value at or above p % of the samples. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((sorted.length * p) / 100) - 1)] ?? Number.NaN;
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const queries = loadJudgments().queries.map((judged) => judged.query);

async function measure(entries: Entry[]): Promise<MeasureResult> {
  const text = measureCorpusText(entries);
  log(`corpus: ${entries.length} entries, ${text.chars} chars / ${text.utf8Bytes} UTF-8 bytes of text`);
  prepareCorpus(entries);
  const { files, buildMs } = buildPersisted(entries);
  let indexBytes = 0;
  for (const [name, bytes] of files) {
    writeFileSync(`${indexFile}.${name}`, bytes);
    indexBytes += bytes.length;
  }
  log(`build ${buildMs.toFixed(0)} ms, persisted ${indexBytes} bytes in ${files.size} files`);
  collectGarbage?.();
  let start = performance.now();
  rebuild(entries);
  const rebuildMs = performance.now() - start;
  log(`rebuild ${rebuildMs.toFixed(0)} ms`);
  collectGarbage?.();

  const handle = loadPersisted(readPersistedFile);
  start = performance.now();
  const scan = createSubstringScan(entries);
  const mini = createMiniSearch(entries);
  log(`scan and MiniSearch ready in ${(performance.now() - start).toFixed(0)} ms`);
  const systems: { key: keyof MeasureResult['latency']; run: (query: string) => Promise<unknown> }[] = [
    { key: 'sidenote', run: (query) => search(handle, entries, query, TOP) },
    { key: 'scan', run: (query) => scan.search(query) },
    { key: 'minisearch', run: (query) => mini.search(query) },
  ];
  const samples: Record<keyof MeasureResult['latency'], number[]> = { sidenote: [], scan: [], minisearch: [] };
  // Round 0 warms every system (JIT, caches) and is not counted; then each round runs every query
  // through all three, the order rotating per query so no system always goes first.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [q, query] of queries.entries()) {
      for (let k = 0; k < systems.length; k++) {
        const system = systems[(round + q + k) % systems.length];
        if (system === undefined) continue;
        const ms = await time(() => system.run(query));
        if (round > 0) samples[system.key].push(ms);
      }
    }
    log(round === 0 ? 'warm-up round done' : `round ${round}/${ROUNDS} done`);
  }
  const latency = Object.fromEntries(
    Object.entries(samples).map(([key, values]) => [key, { p50: percentile(values, 50), p95: percentile(values, 95) }]),
  ) as MeasureResult['latency'];

  const recall = await measureRecall(createSubstringScan(entries, Number.POSITIVE_INFINITY), (query) => searchAllIds(handle, query));
  log(`recall vs scan ${recall.mean.toFixed(3)} over ${recall.queries} queries`);
  return {
    entries: entries.length,
    textChars: text.chars,
    textBytes: text.utf8Bytes,
    buildMs,
    rebuildMs,
    indexBytes,
    latency,
    recallVsScan: recall.mean,
    recallQueries: recall.queries,
    queryCount: queries.length,
    rounds: ROUNDS,
  };
}

/**
 * Mean over the queries the scan answers of |scan ∩ Sidenote| / |scan|: scan = every entry the
 * folded scan matches, Sidenote = every id it lists (all pages), both uncapped.
 */
async function measureRecall(
  scanAll: SearchSystem,
  listAll: (query: string) => Promise<number[]>,
): Promise<{ mean: number; queries: number }> {
  const shares: number[] = [];
  for (const query of queries) {
    const scanIds = (await scanAll.search(query)).ids;
    if (scanIds.length === 0) continue;
    const found = new Set(await listAll(query));
    shares.push(scanIds.filter((id) => found.has(id)).length / scanIds.length);
  }
  return { mean: shares.reduce((sum, share) => sum + share, 0) / Math.max(1, shares.length), queries: shares.length };
}

// Kept reachable so the collector cannot free the index before the heap is read.
const retained: unknown[] = [];

/** The files the build step wrote, read when the engine asks (the extension fetches assets so). */
const readPersistedFile = (name: string): Uint8Array => readFileSync(`${indexFile as string}.${name}`);

/** What the process holds: the JS heap and the typed arrays' buffers outside it. */
function heldBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

async function measureColdStart(entries: Entry[]): Promise<ColdResult> {
  // Before the clock: the entries (Dexie's job in the extension). Reading the persisted files is on
  // the clock, as fetching the assets is in the extension; what stays after gc() is what loading made.
  prepareCorpus(entries);
  const firstQuery = queries[0] ?? '';
  collectGarbage?.();
  collectGarbage?.();
  const heldBefore = heldBytes();
  const start = performance.now();
  const handle = loadPersisted(readPersistedFile);
  await search(handle, entries, firstQuery, TOP);
  const coldStartMs = performance.now() - start;
  retained.push(handle);
  collectGarbage?.();
  collectGarbage?.();
  const heapBytes = heldBytes() - heldBefore;
  // The same once every part is in, as after many different queries.
  await loadEverything(handle);
  collectGarbage?.();
  collectGarbage?.();
  const heapAllBytes = heldBytes() - heldBefore;
  log(`cold start ${coldStartMs.toFixed(0)} ms, heap + array buffers +${heapBytes} bytes (+${heapAllBytes} with everything loaded)`);
  return { coldStartMs, heapBytes, heapAllBytes, firstQuery };
}

const entries = corpusOf(size);
const result = mode === 'measure' ? await measure(entries) : await measureColdStart(entries);
console.log(`RESULT ${JSON.stringify(result)}`);
