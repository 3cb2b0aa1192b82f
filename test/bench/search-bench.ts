// Prints search figures for the real digest: asset build time, index export size, import time and
// query latency. `npm run bench`. Larger corpora: scale-bench.ts.
import { gzipSync } from 'node:zlib';
import { buildAssets } from '../../lib/assets/build-assets';
import type { Entry } from '../../lib/corpus/types';
import { createArrayEntrySource } from '../../lib/search/array-entry-source';
import { searchDocOf } from '../../lib/search/search-doc';
import { searchEntries } from '../../lib/search/search-entries';
import { SearchIndex, type SearchIndexFiles } from '../../lib/search/search-index';
import { loadJudgments } from '../eval/judgments';
import { readGlossaryFile, readSeedFiles } from '../support/seed';

const QUERIES = [
  '长文本',
  '長文本',
  '归藏 ComfyUI',
  '@dotey',
  'dotey 提示词',
  'Claude',
  'claude 3',
  'comf',
  'GPT-4',
  '模型',
  'AIlice',
  '提示词 xyzzy',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}
function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

async function measure(label: string, entries: Entry[], repeats: number): Promise<void> {
  const docs = entries.map(searchDocOf);
  const builds = Array.from({ length: repeats }, () => time(() => SearchIndex.build(docs, 'bench'))[1]);
  const built = SearchIndex.build(docs, 'bench');
  const json = JSON.stringify(built.export());
  // The index proper only: shards are imported by the first query that needs them (in the latencies).
  const imports = Array.from({ length: repeats }, () => time(() => SearchIndex.fromFiles(JSON.parse(json) as SearchIndexFiles))[1]);
  const index = SearchIndex.fromFiles(JSON.parse(json) as SearchIndexFiles);
  const source = createArrayEntrySource(entries);
  const latencies: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const query of QUERIES) {
      const start = performance.now();
      await searchEntries(() => index, source, { query, limit: 30 });
      latencies.push(performance.now() - start);
    }
  }
  console.log(`\n${label}: ${entries.length} entries`);
  console.log(`  index build (median of ${repeats})      ${ms(median(builds))}`);
  console.log(`  index export                  ${kb(utf8(json))} JSON, ${kb(gzipSync(json).length)} gzipped`);
  console.log(`  index import incl. JSON.parse ${ms(median(imports))}`);
  console.log(`  query latency p50 / p95       ${ms(median(latencies))} / ${ms(percentile(latencies, 95))}  (${latencies.length} queries)`);
}

/** The evaluation's 159 judged queries (`npm run eval:search`) against the index as it ships. */
async function measureJudged(entries: Entry[]): Promise<void> {
  const index = SearchIndex.fromFiles(JSON.parse(JSON.stringify(assets.searchIndex)) as SearchIndexFiles);
  const source = createArrayEntrySource(entries);
  const queries = loadJudgments().queries.map((judged) => judged.query);
  const latencies: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const query of queries) {
      const start = performance.now();
      await searchEntries(() => index, source, { query, limit: 30 });
      latencies.push(performance.now() - start);
    }
  }
  console.log(
    `  judged queries p50 / p95       ${ms(median(latencies))} / ${ms(percentile(latencies, 95))}  (${latencies.length} queries, shipped index)`,
  );
}

const seeds = readSeedFiles();
const [assets, buildMs] = time(() => buildAssets(seeds, readGlossaryFile()));
console.log('Sidenote search benchmark (Node', process.version + ')');
console.log(`\nbuild step (parse + index + export of seeds/)  ${ms(buildMs)}`);
console.log(`  corpus.json ${kb(utf8(JSON.stringify(assets.corpus)))}, search-index.json ${kb(utf8(JSON.stringify(assets.searchIndex)))}`);
await measure('real digest', assets.corpus.entries, 5);
await measureJudged(assets.corpus.entries);
