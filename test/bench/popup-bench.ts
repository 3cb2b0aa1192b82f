// Prints popup figures measured in real Chromium with the built extension: popup open → first
// results (first open after install, warm worker, stopped worker) and query round trips.
// `npm run bench` (builds first). Figures come from the page's own clock.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROME_BUILD, launchChromium } from '../support/browsers';

const QUERIES = ['长文本', '長文本', '归藏 ComfyUI', '@dotey', 'claude 3', 'comf', '提示词'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const ms = (value: number) => `${value.toFixed(0)} ms`;

type OpenTimes = { fresh: number; paint: number };

async function openPopup(page: Page, url: string): Promise<OpenTimes> {
  await page.goto(url);
  await page.waitForSelector('#results[data-query=""][aria-busy="false"]', { state: 'attached' });
  if (process.env.BENCH_DEBUG) {
    console.log(
      await page.evaluate(() =>
        JSON.stringify({
          nav: performance
            .getEntriesByType('navigation')
            .map((n) => [
              (n as PerformanceNavigationTiming).responseEnd,
              (n as PerformanceNavigationTiming).domInteractive,
              (n as PerformanceNavigationTiming).domContentLoadedEventEnd,
            ]),
          marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
        }),
      ),
    );
  }
  return page.evaluate(() => ({
    fresh: performance.getEntriesByName('sidenote:first-results')[0]?.startTime ?? Number.NaN,
    paint: performance.getEntriesByName('sidenote:first-paint')[0]?.startTime ?? Number.NaN,
  }));
}

/** Time from the input event to the results for that query on screen, by the page's clock. */
function roundTrip(page: Page, query: string): Promise<number> {
  return page.evaluate(
    (q) =>
      new Promise<number>((resolve) => {
        const list = document.getElementById('results') as HTMLElement;
        const input = document.querySelector('input[type="search"]') as HTMLInputElement;
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (list.dataset.query === q && list.getAttribute('aria-busy') === 'false') {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(list, { attributes: true });
        input.value = q;
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }),
    query,
  );
}

function sizeOf(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, item) => {
    const path = join(dir, item.name);
    return sum + (item.isDirectory() ? sizeOf(path) : statSync(path).size);
  }, 0);
}

const session = await launchChromium();
try {
  const url = session.extensionUrl('popup.html');
  const page = await session.context.newPage();
  const firstOpen = await openPopup(page, url);
  const warm: OpenTimes[] = [];
  for (let i = 0; i < 10; i++) warm.push(await openPopup(page, url));
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const stoppedWorker: OpenTimes[] = [];
  for (let i = 0; i < 5; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    stoppedWorker.push(await openPopup(page, url));
  }
  const trips: number[] = [];
  for (let round = 0; round < 3; round++) for (const query of QUERIES) trips.push(await roundTrip(page, query));

  console.log('Sidenote popup benchmark (Debian Chromium, headless, built extension)');
  const fresh = (times: OpenTimes[]) => median(times.map((t) => t.fresh));
  const paint = (times: OpenTimes[]) => median(times.map((t) => t.paint));
  console.log("  popup open → results on screen: the last list, cached, then the background's fresh answer");
  console.log(`  first open after install (loads IndexedDB)   fresh ${ms(firstOpen.fresh)} (nothing cached yet)`);
  console.log(
    `  warm service worker                          cached ${ms(paint(warm))}, fresh ${ms(fresh(warm))}  medians of ${warm.length}`,
  );
  console.log(
    `  service worker stopped                       cached ${ms(paint(stoppedWorker))}, fresh ${ms(fresh(stoppedWorker))}  medians of ${stoppedWorker.length}`,
  );
  console.log(
    `  query typed → results shown, round trip                ${ms(median(trips))} median, ${ms(Math.max(...trips))} max of ${trips.length}`,
  );
  console.log(`  built extension (chrome-mv3)                           ${(sizeOf(CHROME_BUILD) / 1024).toFixed(0)} KiB`);
  for (const file of ['background.js', 'corpus.json', 'search-index.json']) {
    console.log(`    ${file.padEnd(20)} ${(statSync(join(CHROME_BUILD, file)).size / 1024).toFixed(0)} KiB`);
  }
} finally {
  await session.close();
}
