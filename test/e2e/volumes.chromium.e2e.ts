// A digest of two volumes, built from a temporary seeds folder (SIDENOTE_SEEDS_DIR) into a
// temporary output folder, so .output/ is left alone: the second file's entries open by their
// addresses (#/entry/1001), wear their labels (#2-01), and a repost across files is linked both ways.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'wxt';
import { GLOSSARY_FILE } from '../../lib/assets/build-assets';
import { launchChromium, ROOT, screenshotPath, type ChromiumSession } from '../support/browsers';
import { ReaderPage } from '../support/reader-page';
import { readSeedFiles, SEEDS_DIR } from '../support/seed';

/** The real seed's entry 49, word for word, under another heading and date, with a note added. */
function repostOf49(heading: string, date: string): string {
  const [seed] = readSeedFiles();
  if (seed === undefined) throw new Error('no seed file in seeds/');
  const text = new TextDecoder().decode(seed.bytes);
  const block = text.slice(text.indexOf('### 49\n'), text.indexOf('### 50\n'));
  return `${block.replace('### 49', `### ${heading}`).replace('2024-03-16', date).trimEnd()}\n\n1『第二卷重发。（${date}）』\n`;
}

const SECOND_VOLUME = [
  '### 01',
  '',
  '2024-04-03',
  '',
  '宝玉',
  '@dotey',
  '第二卷的测试条目：Volumenprobe 只出现在这里。',
  '',
  repostOf49('07', '2024-04-02'),
].join('\n');

let work: string;
let session: ChromiumSession;
let page: Page;
let reader: ReaderPage;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sidenote-volumes-'));
  const seedsDir = join(work, 'seeds');
  mkdirSync(seedsDir);
  for (const seed of readSeedFiles()) writeFileSync(join(seedsDir, seed.name.replace(/^seeds\//, '')), seed.bytes);
  copyFileSync(join(SEEDS_DIR, GLOSSARY_FILE), join(seedsDir, GLOSSARY_FILE));
  // `001_…` sorts after the real `000_…`: the second volume.
  writeFileSync(join(seedsDir, '001_second_volume.txt'), SECOND_VOLUME);
  const previous = process.env.SIDENOTE_SEEDS_DIR;
  process.env.SIDENOTE_SEEDS_DIR = seedsDir;
  try {
    await build({ root: ROOT, browser: 'chrome', outDir: join(work, 'output') });
  } finally {
    if (previous === undefined) delete process.env.SIDENOTE_SEEDS_DIR;
    else process.env.SIDENOTE_SEEDS_DIR = previous;
  }
  const corpus = JSON.parse(readFileSync(join(work, 'output', 'chrome-mv3', 'corpus.json'), 'utf8')) as { entries: { id: number }[] };
  expect(corpus.entries.map((entry) => entry.id).filter((id) => id > 1000)).toEqual([1001, 1007]);
  session = await launchChromium({ extensionDir: join(work, 'output', 'chrome-mv3') });
  page = await session.context.newPage();
  reader = new ReaderPage(page, session.extensionUrl('reader.html'));
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail')
    await page.screenshot({ path: screenshotPath(`chromium-volumes-${context.task.name}`), fullPage: true });
});

afterAll(async () => {
  await session?.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('a digest of two volumes', () => {
  it('opens an entry of the second volume by its address and labels it with volume and number', async () => {
    await reader.openEntry(1001);
    expect(await page.locator('#entry-title').innerText()).toBe('Entry #2-01 · 2024-04-03');
    // The first volume keeps its addresses and labels.
    await reader.openEntry(49);
    expect(await page.locator('#entry-title').innerText()).toBe('Entry #49 · 2024-03-16');
  });

  it('links a repost in the second volume to the first appearance in the first, both ways', async () => {
    await reader.openEntry(1007);
    await expect.poll(() => page.locator('.related a').allInnerTexts()).toEqual(['Same post as #49']);
    await page.locator('.related a', { hasText: '#49' }).click();
    await reader.waitForEntry(49);
    expect(await page.locator('.related a').allInnerTexts()).toEqual([
      'Repeated with an added note in #50',
      'Repeated with an added note in #2-07',
    ]);
    expect(await page.locator('.related a').last().getAttribute('href')).toBe('#/entry/1007');
  });

  it('finds a second-volume entry in search and shows its label in the result row', async () => {
    const hash = '#/search?q=Volumenprobe';
    await reader.open(hash);
    await reader.waitForList(hash);
    expect(await reader.listIds()).toEqual([1001]);
    expect(await page.locator('.result[data-entry-id="1001"] .author-entry').innerText()).toBe('#2-01');
  });
});
