// Prints what the annotate content script costs a page, measured in Chromium with CDP's
// Performance metrics (main-thread script and layout time of the page's renderer, which runs the
// content script too): a cited host without a match, a matching page, and a host where the
// script does not run at all (the baseline). `npm run bench`.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROME_BUILD, launchChromium } from '../support/browsers';
import { serveFixtures } from '../support/fixture-pages';

const RUNS = 12;
const CASES = [
  ['host the corpus never cites (no content script)', 'https://example.com/some/repo'],
  ['cited host, page not discussed', 'https://github.com/some-owner/some-repo'],
  ['cited host, discussed page (card shown)', 'https://github.com/myshell-ai/AIlice'],
] as const;

type Metrics = Record<string, number>;

async function metricsAfterLoad(page: Page, url: string): Promise<Metrics> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  const metrics = await settledMetrics(page, cdp, url);
  await cdp.detach();
  return metrics;
}

async function settledMetrics(page: Page, cdp: Awaited<ReturnType<BrowserContext['newCDPSession']>>, url: string): Promise<Metrics> {
  // The card's root is closed; its host gets its entry ids in the same task that renders the card.
  if (url.includes('AIlice')) await page.waitForSelector('sidenote-card[data-entry-ids]', { state: 'attached' });
  // Let document_idle scripts and their message round trip finish.
  for (let i = 0; i < 2; i++) await page.evaluate(() => new Promise((done) => requestIdleCallback(() => done(null), { timeout: 500 })));
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const session = await launchChromium();
try {
  await serveFixtures(session.context);
  console.log('Sidenote content-script benchmark (Debian Chromium, headless; medians of', RUNS, 'fresh tabs)');
  console.log(
    `  annotate.js ${(statSync(join(CHROME_BUILD, 'content-scripts', 'annotate.js')).size / 1024).toFixed(1)} KiB, no Dexie, no FlexSearch`,
  );
  for (const [label, url] of CASES) {
    const script: number[] = [];
    const layout: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await session.context.newPage();
      const metrics = await metricsAfterLoad(page, url);
      script.push((metrics.ScriptDuration ?? 0) * 1000);
      layout.push(((metrics.LayoutDuration ?? 0) + (metrics.RecalcStyleDuration ?? 0)) * 1000);
      await page.close();
    }
    // The same tab loading further pages of the site: the renderer has compiled the script already.
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const again: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const before = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      await page.goto(`${url}${url.includes('?') ? '&' : '?'}visit=${i}`, { waitUntil: 'load' });
      const after = await settledMetrics(page, cdp, url);
      const start = before.metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
      // Metrics restart with each document; where they do not, count only this visit.
      const delta = (after.ScriptDuration ?? 0) >= start ? (after.ScriptDuration ?? 0) - start : (after.ScriptDuration ?? 0);
      if (i > 0) again.push(delta * 1000);
    }
    await page.close();
    console.log(
      `  ${label.padEnd(50)} first page in a fresh tab: script ${median(script).toFixed(1)} ms, layout+style ${median(layout).toFixed(1)} ms; next pages in that tab: script ${median(again).toFixed(1)} ms`,
    );
  }
} finally {
  await session.close();
}
