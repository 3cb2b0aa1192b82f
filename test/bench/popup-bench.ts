// Prints popup figures measured in real Chromium with the built extension: popup open → first
// results (first open after install, warm worker, stopped worker) and query round trips.
// `npm run bench` (builds first). Figures come from the page's own clock (see popup-open.ts).
// Also saves the warm-worker figure for scale-bench.ts, which runs after it.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CHROME_BUILD } from '../support/browsers';
import { measurePopup, median, popupFirstResultsMs, savePopupFirstResults, type OpenTimes } from './popup-open';

const ms = (value: number) => `${value.toFixed(0)} ms`;

function sizeOf(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, item) => {
    const path = join(dir, item.name);
    return sum + (item.isDirectory() ? sizeOf(path) : statSync(path).size);
  }, 0);
}

const figures = await measurePopup();
const { firstOpen, warm, stoppedWorker, trips } = figures;
savePopupFirstResults(popupFirstResultsMs(figures));

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
