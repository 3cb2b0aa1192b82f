// Prints how fast the reader and the page card show the worst entries the seed limits accept
// (lib/corpus/seed-limits.ts): builds the extension from a temporary seeds folder (the real seed
// plus worst cases at the limits; SIDENOTE_SEEDS_DIR) into a temporary output folder, so .output/
// is left alone, then opens each entry in Chromium. `npm run bench`, or `tsx test/bench/render-bench.ts`.
// Figures come from the page's own clock and CDP's Performance metrics (the renderer's script,
// style and layout time). The card part reads the card's shadow root, so it needs it open.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { build } from 'wxt';
import { buildCorpus } from '../../lib/corpus/build-corpus';
import { entryIdOf, entryLabel, entryPlaceOf } from '../../lib/corpus/entry-id';
import { findUrlsInText } from '../../lib/corpus/extract-urls';
import { MAX_ENTRY_LENGTH, MAX_ENTRY_LINES, MAX_ENTRY_URLS, MAX_LINE_LENGTH } from '../../lib/corpus/seed-limits';
import { launchChromium, ROOT } from '../support/browsers';
import { CardPage } from '../support/card-page';
import { evaluateInContentScript } from '../support/content-script-world';
import { serveFixtures } from '../support/fixture-pages';
import { SEEDS_DIR } from '../support/seed';

const RUNS = 3;
/** The worst cases are the second volume (`zzz_…` sorts after the real seed): ids 1001, 1002… */
const FIRST_ID = entryIdOf(1, 1);

/** `unit` repeated to a full line. */
const fullLine = (unit: string) => unit.repeat(Math.ceil(MAX_LINE_LENGTH / unit.length)).slice(0, MAX_LINE_LENGTH);
/** Lines cycling through `lines`, more than any entry may hold (the builder stops at the limits). */
const cycle = (lines: string[]) => Array.from({ length: MAX_ENTRY_LINES }, (_, i) => lines[i % lines.length] ?? '');
/** Text with no break opportunity, for padding an entry to its length limit. */
const CJK = fullLine('大语言模型的推理能力才是根本');
/** `count` URLs joined by spaces, wrapped into lines of at most MAX_LINE_LENGTH. */
function spacedUrls(count: number, url: (i: number) => string): string[] {
  const lines = [''];
  for (let i = 0; i < count; i++) {
    const last = lines.length - 1;
    const next = `${lines[last] === '' ? '' : `${lines[last]} `}${url(i)}`;
    if (next.length <= MAX_LINE_LENGTH) lines[last] = next;
    else lines.push(url(i));
  }
  return lines;
}
/** URLs the body may hold: the limit, less the one on the entry's first line. */
const URL_BUDGET = MAX_ENTRY_URLS - 1;

/** Worst cases for the reader at the limits; each body is cut to MAX_ENTRY_LENGTH / MAX_ENTRY_LINES. */
const WORST_CASES: { label: string; body: string[] }[] = [
  { label: 'URL + run of ) per line', body: cycle([`https://a.example.com/x${fullLine(')')}`.slice(0, MAX_LINE_LENGTH)]) },
  { label: 'URL + run of .) per line', body: cycle([`https://a.example.com/x${fullLine('.)')}`.slice(0, MAX_LINE_LENGTH)]) },
  { label: 'runs of [', body: cycle([fullLine('[')]) },
  { label: '[a](http:// repeated', body: cycle([fullLine('[a](http://')]) },
  { label: 'http://a.b/ glued (1 link a line)', body: cycle([fullLine('http://a.b/')]) },
  { label: `${URL_BUDGET} links, then CJK`, body: [...spacedUrls(URL_BUDGET, () => 'http://a.b/'), ...cycle([CJK])] },
  {
    label: `${URL_BUDGET} distinct URLs, then CJK`,
    body: [...spacedUrls(URL_BUDGET, (i) => `https://a.example.com/page/${i}`), ...cycle([CJK])],
  },
  { label: '\\\\ escapes', body: cycle([fullLine('\\')]) },
  { label: 'CJK, no spaces', body: cycle([CJK]) },
  { label: 'Latin, no spaces', body: cycle([fullLine('a')]) },
  {
    label: `${MAX_ENTRY_LINES} lines, a block each`,
    body: cycle([
      '## 一个标题 a heading of some length, like a real one',
      '- 列表项 a list item with a link https://a.example.com/l',
      '> 引用 a quoted line of text, about fifty characters',
      '1. 第一 an ordered item, about as long as the others',
      '普通段落 a paragraph line of text, fifty characters…',
    ]),
  },
];

/** An entry whose first line cites a page of its own, cut to the entry limits. */
function worstCaseEntry(id: number, label: string, body: string[]): string {
  const lines = ['', '2024-03-31', '', 'Render bench', '@render_bench', `Worst case: ${label} https://bench-${id}.example.com/page`];
  // Characters so far, each line with its break, plus the blank line before the next heading.
  let used = lines.reduce((sum, text) => sum + text.length + 1, 0) + 1;
  for (const line of body) {
    const fitted = line.slice(0, Math.max(0, MAX_ENTRY_LENGTH - used - 1));
    if (fitted === '' || lines.length + 1 >= MAX_ENTRY_LINES) break;
    lines.push(fitted);
    used += fitted.length + 1;
  }
  return `### ${entryPlaceOf(id).headingNumber}\n${lines.join('\n')}\n\n`;
}

type Shown = { shown: number; frame: number };
type Figures = Shown & RendererTimes;

/** In the reader: resolves when `selector` exists, with the time to it (layout forced) and to the next frame. */
function whenShown(page: Page, selector: string, hash: string): Promise<Shown> {
  return page.evaluate(
    ([selector, argument]) =>
      new Promise<Shown>((resolve, reject) => {
        const root = document;
        const start = performance.now();
        const timeout = setTimeout(() => reject(new Error(`${selector} not shown within 30 s`)), 30_000);
        // No named functions in here: tsx would wrap them in a helper the page does not have.
        const observer = new MutationObserver(() => {
          const found = root.querySelector(selector);
          if (found === null) return;
          observer.disconnect();
          clearTimeout(timeout);
          // Forces style and layout now, so the figure includes them.
          found.getBoundingClientRect();
          document.documentElement.getBoundingClientRect();
          const shown = performance.now();
          requestAnimationFrame(() => setTimeout(() => resolve({ shown: shown - start, frame: performance.now() - start })));
        });
        observer.observe(root, { childList: true, subtree: true, attributes: true });
        location.hash = argument;
      }),
    [selector, hash] as const,
  );
}

/**
 * Code for the content script's world (the only one besides DevTools that can open the card's
 * closed root, through `chrome.dom.openOrClosedShadowRoot`): from the user's click on the card to
 * `selector` laid out, and to the next frame, kept in `globalThis.__sidenoteBenchShown`. A string,
 * so the bundler adds no helpers the page does not have.
 */
function watchCardFor(selector: string): string {
  return `(() => {
    const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('sidenote-card'));
    globalThis.__sidenoteBenchShown = new Promise((resolve, reject) => {
      let start = 0;
      const timeout = setTimeout(() => reject(new Error('not shown within 30 s')), 30000);
      root.addEventListener('click', (event) => { if (event.isTrusted && start === 0) start = performance.now(); }, { capture: true });
      const observer = new MutationObserver(() => {
        const found = root.querySelector(${JSON.stringify(selector)});
        if (found === null || start === 0) return;
        observer.disconnect();
        clearTimeout(timeout);
        found.getBoundingClientRect();
        document.documentElement.getBoundingClientRect();
        const shown = performance.now();
        requestAnimationFrame(() => setTimeout(() => resolve({ shown: shown - start, frame: performance.now() - start })));
      });
      observer.observe(root, { childList: true, subtree: true, attributes: true });
    });
  })()`;
}

type RendererTimes = { script: number; style: number; layout: number };

async function cdpTimes(cdp: CDPSession): Promise<RendererTimes> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { script: value('ScriptDuration'), style: value('RecalcStyleDuration'), layout: value('LayoutDuration') };
}

async function measure(cdp: CDPSession, act: () => Promise<Shown>): Promise<Figures> {
  const before = await cdpTimes(cdp);
  const shown = await act();
  const after = await cdpTimes(cdp);
  return { ...shown, script: after.script - before.script, style: after.style - before.style, layout: after.layout - before.layout };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const medianFigures = (runs: Figures[]): Figures => ({
  shown: median(runs.map((r) => r.shown)),
  frame: median(runs.map((r) => r.frame)),
  script: median(runs.map((r) => r.script)),
  style: median(runs.map((r) => r.style)),
  layout: median(runs.map((r) => r.layout)),
});

// 1. A seeds folder: the real seed (entries 1 and 48 as references) plus the worst cases.
const work = mkdtempSync(join(tmpdir(), 'sidenote-render-bench-'));
const seedsDir = join(work, 'seeds');
mkdirSync(seedsDir);
for (const name of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, name), join(seedsDir, name));
writeFileSync(
  join(seedsDir, 'zzz_worst_cases.txt'),
  // Without the last blank line, which would count towards the last entry.
  WORST_CASES.map(({ label, body }, i) => worstCaseEntry(FIRST_ID + i, label, body))
    .join('')
    .replace(/\n$/, ''),
);

try {
  // 2. Build it (Chrome only) into the temporary folder; .output/ is left alone.
  process.env.SIDENOTE_SEEDS_DIR = seedsDir;
  const buildStart = performance.now();
  await build({ root: ROOT, browser: 'chrome', outDir: join(work, 'output') });
  const buildMs = performance.now() - buildStart;
  const entries = new Map(
    buildCorpus(readdirSync(seedsDir).map((name) => ({ name, bytes: readFileSync(join(seedsDir, name)) }))).entries.map((entry) => [
      entry.id,
      entry,
    ]),
  );
  /** Characters and lines of post text, and URLs written (links the reader makes). */
  const sizeOf = (id: number) => {
    const texts = entries.get(id)?.posts.flatMap((post) => [post.text, post.quote?.text ?? '']) ?? [];
    return [
      texts.reduce((sum, text) => sum + text.length, 0),
      texts.reduce((sum, text) => sum + (text === '' ? 0 : text.split('\n').length), 0),
      texts.reduce((sum, text) => sum + [...findUrlsInText(text)].length, 0),
    ];
  };

  // 3. Each entry in the reader, switched to from entry 2 (the background is warm; this is render
  //    cost), and the card's "Show the whole entry" on a page the entry cites.
  const session = await launchChromium({ extensionDir: join(work, 'output', 'chrome-mv3') });
  try {
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    // Every measured switch starts from entry 2, a short one.
    await page.goto(session.extensionUrl('reader.html#/entry/2'));
    await page.waitForSelector('.entry[data-entry-id="2"]');
    const cases: [number, string][] = [
      [1, 'real entry 1 (reference)'],
      [48, 'real entry 48, the longest'],
      ...WORST_CASES.map(({ label }, i): [number, string] => [FIRST_ID + i, label]),
    ];
    const reader = new Map<number, Figures>();
    for (const [id] of cases) {
      const runs: Figures[] = [];
      for (let run = 0; run < RUNS; run++) {
        runs.push(await measure(cdp, () => whenShown(page, `.entry[data-entry-id="${id}"]`, `#/entry/${id}`)));
        await whenShown(page, '.entry[data-entry-id="2"]', '#/entry/2');
      }
      reader.set(id, medianFigures(runs));
    }

    await serveFixtures(session.context);
    const card = new Map<number, Figures>();
    for (const [id] of cases.filter(([id]) => id >= FIRST_ID)) {
      const runs: Figures[] = [];
      for (let run = 0; run < RUNS; run++) {
        const tab = await session.context.newPage();
        const cardPage = await CardPage.attach(tab);
        const tabCdp = await session.context.newCDPSession(tab);
        await tabCdp.send('Performance.enable');
        await tab.goto(`https://bench-${id}.example.com/page`);
        // The card's root is closed: reached over the DevTools protocol, clicked with real input.
        await cardPage.waitForHost('attached', String(id));
        await cardPage.waitFor(`.card-entry[data-entry-id="${id}"] button[aria-expanded="false"]`);
        await evaluateInContentScript(tab, watchCardFor(`.card-entry[data-entry-id="${id}"] .card-post`));
        runs.push(
          await measure(tabCdp, async () => {
            await cardPage.click('Show the whole entry');
            return (await evaluateInContentScript(tab, 'globalThis.__sidenoteBenchShown')) as Shown;
          }),
        );
        await cardPage.detach();
        await tab.close();
      }
      card.set(id, medianFigures(runs));
    }

    const column = (values: (string | number)[], widths: number[]) =>
      values.map((value, i) => (i === 0 ? String(value).padEnd(widths[i] ?? 0) : String(value).padStart(widths[i] ?? 0))).join(' ');
    const widths = [38, 6, 5, 4, 6, 6, 6, 6, 6, 2, 6, 6, 6, 6, 6];
    const times = (f: Figures | undefined) =>
      f === undefined ? ['—', '', '', '', ''] : [f.shown, f.frame, f.script, f.style, f.layout].map((t) => t.toFixed(0));
    console.log(`Sidenote render benchmark (Debian Chromium, headless; medians of ${RUNS}; times in ms)`);
    console.log(
      `  limits: ${MAX_LINE_LENGTH} characters a line; an entry ${MAX_ENTRY_LENGTH} characters, ${MAX_ENTRY_LINES} lines, ${MAX_ENTRY_URLS} URLs`,
    );
    console.log(`  build (Chrome) of the real seed + ${WORST_CASES.length} worst cases at those limits: ${(buildMs / 1000).toFixed(1)} s`);
    console.log('  reader: hash change → the entry in the DOM and laid out (shown), → the next frame; includes the background');
    console.log("          round trip (see the reference entries). Then the renderer's script, style and layout time (CDP).");
    console.log("  card:   click on 'Show the whole entry' on a page the entry cites; the same figures.");
    const phases = ['shown', 'frame', 'script', 'style', 'layout'];
    console.log(`  ${column(['', '', '', '', 'reader', '', '', '', '', '', 'card'], widths)}`);
    console.log(`  ${column(['entry', 'chars', 'lines', 'URLs', ...phases, '', ...phases], widths)}`);
    for (const [id, label] of cases) {
      console.log(
        `  ${column([`#${entryLabel(id)} ${label}`, ...sizeOf(id), ...times(reader.get(id)), '', ...times(card.get(id))], widths)}`,
      );
    }
  } finally {
    await session.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
