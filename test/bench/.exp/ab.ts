import { launchChromium } from '../../support/browsers';
import { serveFixtures } from '../../support/fixture-pages';
const dirs = process.argv.slice(2);
const RUNS = Number(process.env.RUNS ?? 40);
const sessions = [];
for (const d of dirs) { const s = await launchChromium({ extensionDir: d }); await serveFixtures(s.context); sessions.push(s); }
const results: number[][] = dirs.map(() => []);
for (let i = 0; i < RUNS; i++) {
  for (let k = 0; k < sessions.length; k++) {
    const ctx = sessions[k]!.context;
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto('https://github.com/some-owner/some-repo', { waitUntil: 'load' });
    for (let j = 0; j < 2; j++) await page.evaluate(() => new Promise((done) => requestIdleCallback(() => done(null), { timeout: 500 })));
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    results[k]!.push((metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000);
    await page.close();
  }
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const q = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.floor(v.length * p)]!;
dirs.forEach((d, k) => console.log(d.padEnd(30), 'median', med(results[k]!).toFixed(2), 'p25', q(results[k]!, 0.25).toFixed(2), 'p75', q(results[k]!, 0.75).toFixed(2)));
for (const s of sessions) await s.close();
