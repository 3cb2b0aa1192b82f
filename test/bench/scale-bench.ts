// Search at reader scale: Sidenote against the folded scan and MiniSearch on synthetic corpora of
// 1k, 10k and 50k entries (BENCH_SIZES=1000,10000 to choose; 119 is the real digest). Each size
// runs in fresh processes (scale-bench-worker.ts). Last line: `BENCH {json}`. `npm run bench` runs
// it last, after popup-bench.ts has saved the popup figure (see popup-open.ts).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROME_BUILD } from '../support/browsers';
import { measurePopup, median, popupFirstResultsMs, readPopupFirstResults } from './popup-open';
import type { ColdResult, MeasureResult } from './scale-bench-worker';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
// Today's engine needs several GB to build the 50k index.
const MAX_OLD_SPACE_MB = Number(process.env.BENCH_MAX_OLD_SPACE_MB ?? 8192);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const WORKER = fileURLToPath(new URL('./scale-bench-worker.ts', import.meta.url));

if (SIZES.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`BENCH_SIZES: bad size in ${process.env.BENCH_SIZES}`);

const progress = (message: string) => process.stderr.write(`scale bench: ${message}\n`);

function runWorker<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', `--max-old-space-size=${MAX_OLD_SPACE_MB}`, '--import', 'tsx', WORKER, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('RESULT ')) reject(new Error(`worker ${args.join(' ')} exited with ${code}`));
      else resolve(JSON.parse(line.slice('RESULT '.length)) as T);
    });
  });
}

type SizeResult = MeasureResult & { coldStartMs: number; heapBytes: number; heapAllBytes: number; firstQuery: string; wallMs: number };

async function measureSize(size: number, dir: string): Promise<SizeResult> {
  const started = performance.now();
  const indexFile = join(dir, `index-${size}.bin`);
  progress(`${size} entries: build, rebuild, queries, recall`);
  const measured = await runWorker<MeasureResult>(['measure', String(size), indexFile]);
  const colds: ColdResult[] = [];
  for (let run = 1; run <= COLD_RUNS; run++) {
    progress(`${size} entries: cold start ${run}/${COLD_RUNS}`);
    colds.push(await runWorker<ColdResult>(['cold', String(size), indexFile]));
  }
  const wallMs = performance.now() - started;
  progress(`${size} entries done in ${(wallMs / 1000).toFixed(0)} s`);
  return {
    ...measured,
    coldStartMs: median(colds.map((cold) => cold.coldStartMs)),
    heapBytes: median(colds.map((cold) => cold.heapBytes)),
    heapAllBytes: median(colds.map((cold) => cold.heapAllBytes)),
    firstQuery: colds[0]?.firstQuery ?? '',
    wallMs,
  };
}

/** The figure popup-bench.ts saved for this build; measured here when it is missing or stale. */
async function popupFigure(): Promise<number | null> {
  const saved = readPopupFirstResults();
  if (saved !== undefined) return saved;
  if (!existsSync(CHROME_BUILD)) {
    progress('no built extension (npm run build): popupFirstResultsMs is null');
    return null;
  }
  progress('popup figure missing or older than the build: measuring it in Chromium');
  return popupFirstResultsMs(await measurePopup());
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const pair = (a: number, b: number) => `${ms(a)} / ${ms(b)}`;

function printTable(results: SizeResult[]): void {
  const columns = [
    'entries',
    'Sidenote p50/p95',
    'scan p50/p95',
    'MiniSearch p50/p95',
    'recall',
    'build',
    'rebuild',
    'cold start',
    'index',
    'heap',
    'heap, all loaded',
    'corpus text (chars, UTF-8)',
  ];
  const rows = results.map((r) => [
    String(r.entries),
    pair(r.latency.sidenote.p50, r.latency.sidenote.p95),
    pair(r.latency.scan.p50, r.latency.scan.p95),
    pair(r.latency.minisearch.p50, r.latency.minisearch.p95),
    r.recallVsScan.toFixed(3),
    ms(r.buildMs),
    ms(r.rebuildMs),
    ms(r.coldStartMs),
    mib(r.indexBytes),
    mib(r.heapBytes),
    mib(r.heapAllBytes),
    `${(r.textChars / 1e6).toFixed(1)} M, ${mib(r.textBytes)}`,
  ]);
  const widths = columns.map((column, i) => Math.max(column.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => (i === 0 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ')}`;
  console.log(line(columns));
  for (const row of rows) console.log(line(row));
  console.log(
    '\n  ratios (measured, not judged): scan p95 / Sidenote p95, MiniSearch p95 / Sidenote p95, cold start / rebuild, heap / text (after load and one query; with everything loaded)',
  );
  for (const r of results) {
    console.log(
      `  ${String(r.entries).padStart(widths[0] ?? 0)}  ${(r.latency.scan.p95 / r.latency.sidenote.p95).toFixed(2)}×  ${(r.latency.minisearch.p95 / r.latency.sidenote.p95).toFixed(2)}×  ${((100 * r.coldStartMs) / r.rebuildMs).toFixed(1)} %  ${(r.heapBytes / r.textBytes).toFixed(2)}× of UTF-8 (${(r.heapAllBytes / r.textBytes).toFixed(2)}× all loaded)  (${(r.wallMs / 1000).toFixed(0)} s to measure)`,
    );
  }
}

const started = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'sidenote-scale-bench-'));
const results: SizeResult[] = [];
try {
  for (const size of SIZES) results.push(await measureSize(size, dir));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const popup = await popupFigure();

const first = results[0];
console.log(`\nSidenote search at scale (Node ${process.version}, --max-old-space-size=${MAX_OLD_SPACE_MB}, sizes ${SIZES.join(', ')})`);
console.log(`  Queries: the ${first?.queryCount ?? 0} judged reader queries, ${first?.rounds ?? 0} rounds after a warm-up round; in each round every query runs
  through Sidenote (top 10), the folded scan and MiniSearch (CJK bigrams) in an order rotating per query. p50/p95: nearest rank.
  recall: mean, over queries the scan answers, of |scan ∩ Sidenote| / |scan|; scan = every entry it matches,
    Sidenote = every id it lists (all pages), both uncapped.
  build: entries → persisted bytes (index build, export, serialization). rebuild: entries → index in memory.
  cold start: a fresh process holding the entries, from reading the persisted files (the index proper, then the
    shards the query needs) to the answer of "${first?.firstQuery ?? ''}" (median of ${COLD_RUNS} processes). index: all persisted bytes.
  heap: in that process, heapUsed + arrayBuffers (typed arrays live outside the JS heap) after load + that query, minus
    the same before, both after gc(); the entries are in memory before the baseline. "all loaded": the same once every
    shard is in, as after many different queries. Corpus text: posts, quotes, editor notes.
  Corpora: synthetic-corpus.ts, seed 1; ${popup === null ? 'no popup figure' : `popup open → first results (warm worker, real digest, median): ${ms(popup)}`}.
`);
printTable(results);
console.log(`\n  whole scale bench: ${((performance.now() - started) / 1000).toFixed(0)} s`);

const bench = {
  sizes: results.map((r) => ({
    entries: r.entries,
    searchP50Ms: round1(r.latency.sidenote.p50),
    searchP95Ms: round1(r.latency.sidenote.p95),
    naiveP95Ms: round1(r.latency.scan.p95),
    minisearchP95Ms: round1(r.latency.minisearch.p95),
    recallVsScan: Math.round(r.recallVsScan * 1000) / 1000,
    buildMs: round1(r.buildMs),
    rebuildMs: round1(r.rebuildMs),
    coldStartMs: round1(r.coldStartMs),
    indexBytes: r.indexBytes,
    heapBytes: r.heapBytes,
    heapAllLoadedBytes: r.heapAllBytes,
  })),
  popupFirstResultsMs: popup === null ? null : round1(popup),
};
console.log(`BENCH ${JSON.stringify(bench)}`);
