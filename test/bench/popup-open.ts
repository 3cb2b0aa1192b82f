// Measures the popup in real Chromium with the built extension: popup open → first results (first
// open after install, warm worker, stopped worker) and query round trips, by the page's own clock.
// popup-bench.ts prints the figures; it also saves the headline one for the scale benchmark.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROME_BUILD, launchChromium, RESULTS_DIR } from '../support/browsers';

const QUERIES = ['长文本', '長文本', '归藏 ComfyUI', '@dotey', 'claude 3', 'comf', '提示词'];

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export type OpenTimes = { fresh: number; paint: number };

export type PopupFigures = {
  firstOpen: OpenTimes;
  warm: OpenTimes[];
  stoppedWorker: OpenTimes[];
  trips: number[];
};

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

/** Launches Chromium with the built extension (`npm run build` first) and measures the popup. */
export async function measurePopup(): Promise<PopupFigures> {
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
    return { firstOpen, warm, stoppedWorker, trips };
  } finally {
    await session.close();
  }
}

/** The headline figure: popup open → the background's fresh first results, median over warm-worker opens. */
export function popupFirstResultsMs(figures: PopupFigures): number {
  return median(figures.warm.map((times) => times.fresh));
}

/** Where popup-bench.ts leaves the headline figure for scale-bench.ts (`npm run bench` runs both). */
export const POPUP_RESULT_FILE = join(RESULTS_DIR, 'bench', 'popup-first-results.json');

export function savePopupFirstResults(ms: number): void {
  mkdirSync(join(RESULTS_DIR, 'bench'), { recursive: true });
  writeFileSync(POPUP_RESULT_FILE, JSON.stringify({ popupFirstResultsMs: ms, measuredAt: new Date().toISOString() }));
}

/** The saved figure, if it was measured on the current build (newer than the built manifest). */
export function readPopupFirstResults(): number | undefined {
  const manifest = join(CHROME_BUILD, 'manifest.json');
  if (!existsSync(POPUP_RESULT_FILE) || !existsSync(manifest)) return undefined;
  if (statSync(POPUP_RESULT_FILE).mtimeMs < statSync(manifest).mtimeMs) return undefined;
  const { popupFirstResultsMs: ms } = JSON.parse(readFileSync(POPUP_RESULT_FILE, 'utf8')) as { popupFirstResultsMs?: unknown };
  return typeof ms === 'number' ? ms : undefined;
}
