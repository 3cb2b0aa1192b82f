// Prints what Sidenote costs a page of the hosts the corpus cites, beside the floor: the same
// extension plus a content script on those hosts that only reads `runtime.id` (what any content
// script costs a page: the browser sets up the extension's world and runs a script). Measured in
// Chromium with CDP's Performance metrics (main-thread script and layout time of the page's
// renderer, which runs content scripts too): a cited host without a match, a matching page (the
// card's script is injected then), and a host Sidenote has no access to. `npm run bench`.
// SIDENOTE_BENCH_BUILD=<dir> measures another Chrome build (e.g. an older commit's) the same way:
// one that declares a per-page content script has it replaced by the floor script instead.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CARD_SCRIPT } from '../../lib/annotate/card-injection';
import { CHROME_BUILD, launchChromium } from '../support/browsers';
import { serveFixtures } from '../support/fixture-pages';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** The floor comparison needs more tabs: the difference sought is a fraction of a millisecond. */
const PAIRED_RUNS = Number(process.env.BENCH_PAIRED_RUNS ?? 100);
const BUILD = process.env.SIDENOTE_BENCH_BUILD ?? CHROME_BUILD;
type Manifest = { content_scripts?: { matches: string[]; js?: string[]; run_at?: string }[]; host_permissions?: string[] };
const MANIFEST = JSON.parse(readFileSync(join(BUILD, 'manifest.json'), 'utf8')) as Manifest;
/** An older build's per-page content script (before, every page of a cited host ran one). */
const PER_PAGE_SCRIPT = MANIFEST.content_scripts?.flatMap((script) => script.js ?? [])[0];
/** The card's own script (builds before the split carried the card in the per-page script). */
const CARD_FILE = existsSync(join(BUILD, CARD_SCRIPT)) ? CARD_SCRIPT.slice(1) : undefined;
const FLOOR_SCRIPT =
  '(() => { const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome; void api.runtime.id; })();\n';

const NO_SCRIPT = ['host the corpus never cites (no access)', 'https://example.com/some/repo'] as const;
const NOT_DISCUSSED = ['cited host, page not discussed', 'https://github.com/some-owner/some-repo'] as const;
const DISCUSSED = ['cited host, discussed page (card shown)', 'https://github.com/myshell-ai/AIlice'] as const;

type Metrics = Record<string, number>;
type Cdp = Awaited<ReturnType<BrowserContext['newCDPSession']>>;
type Figures = { script: number; layout: number; nextPages: number };

async function settledMetrics(page: Page, cdp: Cdp, url: string, expectCard: boolean): Promise<Metrics> {
  // The card's root is closed; its host gets its entry ids in the same task that renders the card.
  if (expectCard && url.includes('AIlice')) await page.waitForSelector('sidenote-card[data-entry-ids]', { state: 'attached' });
  // Let document_idle scripts and their message round trip finish.
  for (let i = 0; i < 2; i++) await page.evaluate(() => new Promise((done) => requestIdleCallback(() => done(null), { timeout: 500 })));
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Medians over fresh tabs (the renderer compiles the script anew), then over later pages of one tab. */
async function measure(context: BrowserContext, url: string, expectCard: boolean): Promise<Figures> {
  const script: number[] = [];
  const layout: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    const metrics = await settledMetrics(page, cdp, url, expectCard);
    script.push((metrics.ScriptDuration ?? 0) * 1000);
    layout.push(((metrics.LayoutDuration ?? 0) + (metrics.RecalcStyleDuration ?? 0)) * 1000);
    await cdp.detach();
    await page.close();
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const again: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const before = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    await page.goto(`${url}${url.includes('?') ? '&' : '?'}visit=${i}`, { waitUntil: 'load' });
    const after = await settledMetrics(page, cdp, url, expectCard);
    const start = before.metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
    // Metrics restart with each document; where they do not, count only this visit.
    const delta = (after.ScriptDuration ?? 0) >= start ? (after.ScriptDuration ?? 0) - start : (after.ScriptDuration ?? 0);
    if (i > 0) again.push(delta * 1000);
  }
  await page.close();
  return { script: median(script), layout: median(layout), nextPages: median(again) };
}

async function measureBuild(extensionDir: string, cases: (readonly [string, string])[]): Promise<Map<string, Figures>> {
  const session = await launchChromium({ extensionDir });
  try {
    await serveFixtures(session.context);
    const figures = new Map<string, Figures>();
    for (const [label, url] of cases) figures.set(label, await measure(session.context, url, extensionDir === BUILD));
    return figures;
  } finally {
    await session.close();
  }
}

/** The same build with the floor script as a content script on the cited hosts (in place of an older build's per-page script). */
function floorBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sidenote-floor-'));
  cpSync(BUILD, dir, { recursive: true });
  if (PER_PAGE_SCRIPT !== undefined) {
    writeFileSync(join(dir, PER_PAGE_SCRIPT), FLOOR_SCRIPT);
  } else {
    writeFileSync(join(dir, 'floor.js'), FLOOR_SCRIPT);
    const content_scripts = [{ matches: MANIFEST.host_permissions ?? [], js: ['floor.js'], run_at: 'document_idle' }];
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...MANIFEST, content_scripts }));
  }
  return dir;
}

/** How many times the bench stops the worker and lets a tab update on another site wake it. */
const WORKER_WAKES = Number(process.env.BENCH_WORKER_WAKES ?? 9);

type WorkerMarks = { origin: number; runStart: number; runEnd: number };

/**
 * What a wake of the background costs: Chrome starts the stopped worker for any event it listens
 * to, and a tab update on any site is one (tabs.onUpdated takes no filter). A copy of the build
 * whose background notes when its script's run began and ended; the worker is stopped (DevTools
 * protocol), a tab loads a page on a host Sidenote has no access to, and the worker's own clock says
 * when it started, how long its script ran, and when it was ready. Only wakes that began after that
 * navigation and before the bench asked count (the asking could wake it too).
 */
async function workerWakes(extensionDir: string): Promise<{ run: number; ready: number; counted: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sidenote-worker-'));
  cpSync(extensionDir, dir, { recursive: true });
  const script = readFileSync(join(dir, 'background.js'), 'utf8');
  const mark = (name: string) => `globalThis.${name} = performance.now();\n`;
  writeFileSync(join(dir, 'background.js'), `${mark('__benchRunStart')}${script}\n${mark('__benchRunEnd')}`);
  const session = await launchChromium({ extensionDir: dir });
  try {
    await serveFixtures(session.context);
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const run: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < WORKER_WAKES; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await page.waitForTimeout(300);
      const navigatedAt = Date.now();
      await page.goto(`${NO_SCRIPT[1]}?wake=${i}`, { waitUntil: 'load' });
      await page.waitForTimeout(500);
      const askedAt = Date.now();
      const worker = session.context.serviceWorkers()[0];
      if (worker === undefined) continue;
      const marks: WorkerMarks = await worker.evaluate(() => {
        const globals = globalThis as unknown as { __benchRunStart: number; __benchRunEnd: number };
        return { origin: performance.timeOrigin, runStart: globals.__benchRunStart, runEnd: globals.__benchRunEnd };
      });
      if (marks.origin < navigatedAt || marks.origin > askedAt - 100) continue;
      run.push(marks.runEnd - marks.runStart);
      ready.push(marks.runEnd);
    }
    return { run: median(run), ready: median(ready), counted: run.length };
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The least a worker that listens to tab updates can be: that listener and nothing else. */
function emptyWorkerExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sidenote-empty-worker-'));
  const manifest = { manifest_version: 3, name: 'Empty worker', version: '1', background: { service_worker: 'background.js' } };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'background.js'), 'chrome.tabs.onUpdated.addListener(() => undefined);\n');
  return dir;
}

const kib = (bytes: number) => `${bytes.toLocaleString('en')} bytes (${(bytes / 1024).toFixed(1)} KiB)`;
const row = (label: string, { script, layout, nextPages }: Figures) =>
  `  ${label.padEnd(52)} first page in a fresh tab: script ${script.toFixed(1)} ms, layout+style ${layout.toFixed(1)} ms; next pages in that tab: script ${nextPages.toFixed(1)} ms`;

/**
 * What a page not discussed pays against the floor, tab for tab: two browsers side by side, a fresh tab in each
 * in turn, so that drift on the machine (±0.5 ms between runs of the same build) falls on both.
 */
async function compareWithFloor(floorDir: string): Promise<{ ours: number[]; floor: number[] }> {
  const sessions = [await launchChromium({ extensionDir: BUILD }), await launchChromium({ extensionDir: floorDir })];
  try {
    for (const session of sessions) await serveFixtures(session.context);
    const ours: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < PAIRED_RUNS; i++) {
      for (const [session, into] of [
        [sessions[0]!, ours],
        [sessions[1]!, floor],
      ] as const) {
        const page = await session.context.newPage();
        const cdp = await session.context.newCDPSession(page);
        await cdp.send('Performance.enable');
        await page.goto(NOT_DISCUSSED[1], { waitUntil: 'load' });
        into.push(((await settledMetrics(page, cdp, NOT_DISCUSSED[1], false)).ScriptDuration ?? 0) * 1000);
        await cdp.detach();
        await page.close();
      }
    }
    return { ours, floor };
  } finally {
    for (const session of sessions) await session.close();
  }
}

const floorDir = floorBuild();
try {
  console.log(`Sidenote content-script benchmark (Debian Chromium, headless; medians of ${RUNS} fresh tabs; ${BUILD})`);
  console.log(
    PER_PAGE_SCRIPT === undefined
      ? "  per-page script: none (no content script is declared: the background reads a cited tab's URL and injects on a match)"
      : `  per-page script (${PER_PAGE_SCRIPT}): ${kib(statSync(join(BUILD, PER_PAGE_SCRIPT)).size)}`,
  );
  console.log(
    CARD_FILE === undefined
      ? '  card UI: part of the per-page script in this build'
      : `  card's script (${CARD_FILE}, injected only on a match): ${kib(statSync(join(BUILD, CARD_FILE)).size)}`,
  );
  const sidenote = await measureBuild(BUILD, [NO_SCRIPT, NOT_DISCUSSED, DISCUSSED]);
  const floor = await measureBuild(floorDir, [NOT_DISCUSSED]);
  for (const [label, figures] of sidenote) console.log(row(label, figures));
  const floorFigures = floor.get(NOT_DISCUSSED[0])!;
  console.log(row(`floor: ${NOT_DISCUSSED[0]}, script reads runtime.id only`, floorFigures));
  const ours = sidenote.get(NOT_DISCUSSED[0])!;
  console.log(`  next pages in a tab, above the floor: ${(ours.nextPages - floorFigures.nextPages).toFixed(1)} ms`);
  const paired = await compareWithFloor(floorDir);
  const [oursMedian, floorMedian] = [median(paired.ours), median(paired.floor)];
  console.log(
    `  first page in a fresh tab, ${PAIRED_RUNS} tabs each, alternating with the floor: Sidenote ${oursMedian.toFixed(2)} ms, floor ${floorMedian.toFixed(2)} ms: ${(oursMedian - floorMedian).toFixed(2)} ms from the floor (goal: within 1 ms above it)`,
  );
  const emptyDir = emptyWorkerExtension();
  try {
    for (const [label, dir] of [
      ['Sidenote', BUILD],
      ['an empty worker', emptyDir],
    ] as const) {
      const wake = await workerWakes(dir);
      console.log(
        `  a wake of the stopped background by a tab update on a host without access, ${label} (its own process, not a page's; medians of ${wake.counted} of ${WORKER_WAKES}): script run ${wake.run.toFixed(1)} ms, ready ${wake.ready.toFixed(1)} ms after the worker's start`,
      );
    }
  } finally {
    rmSync(emptyDir, { recursive: true, force: true });
  }
} finally {
  rmSync(floorDir, { recursive: true, force: true });
}
