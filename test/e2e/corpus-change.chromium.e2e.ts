// A new digest volume changes the corpus under the user's data: a renumbered entry keeps its note,
// an edited entry keeps its note, a removed entry's save and note stay visible as an orphan.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Corpus } from '../../lib/corpus/types';
import { CHROME_BUILD, createProfileDir, launchChromium, screenshotPath, type ChromiumSession } from '../support/browsers';
import { ReaderPage } from '../support/reader-page';

/** The next volume, as a build would ship it: 21 renumbered to 121, 12 edited, 30 removed. */
function shipNextVolume(extensionDir: string): void {
  const corpusPath = join(extensionDir, 'corpus.json');
  const corpus = JSON.parse(readFileSync(corpusPath, 'utf8')) as Corpus;
  const entries = corpus.entries
    .filter((entry) => entry.id !== 30)
    .map((entry) => {
      if (entry.id === 21) return { ...entry, id: 121 };
      if (entry.id !== 12) return entry;
      const [first, ...rest] = entry.posts;
      if (first === undefined) throw new Error('entry 12 has no post');
      // An edit makes a new identity (the build hashes the text).
      return {
        ...entry,
        uid: `${entry.uid}-edited`,
        posts: [{ ...first, text: `${first.text}\n（编者补充：已有 ComfyUI 版本）` }, ...rest],
      };
    });
  writeFileSync(corpusPath, JSON.stringify({ hash: 'next-volume', entries }));
  writeFileSync(
    join(extensionDir, 'corpus-meta.json'),
    JSON.stringify({ hash: 'next-volume', entryCount: entries.length, searchIndexVersion: 0 }),
  );
}

async function withReader(extensionDir: string, profileDir: string, use: (reader: ReaderPage) => Promise<void>): Promise<void> {
  const session: ChromiumSession = await launchChromium({ extensionDir, profileDir });
  const page = await session.context.newPage();
  try {
    await use(new ReaderPage(page, session.extensionUrl('reader.html')));
  } catch (error) {
    await page.screenshot({ path: screenshotPath('chromium-corpus-change'), fullPage: true });
    throw error;
  } finally {
    await session.close();
  }
}

async function writeNote(reader: ReaderPage, id: number, text: string): Promise<void> {
  await reader.openEntry(id);
  await reader.page.keyboard.press('n');
  await reader.page.keyboard.type(text);
  await reader.page.locator('.note-status', { hasText: 'Saved' }).waitFor();
}

describe('a new digest volume', () => {
  it('keeps each save and note on its entry through renumbering and edits, and shows removed ones apart', async () => {
    // One copy of the build for both runs: an unpacked extension's id comes from its path.
    const extensionDir = mkdtempSync(join(tmpdir(), 'sidenote-volume-'));
    const profileDir = createProfileDir();
    cpSync(CHROME_BUILD, extensionDir, { recursive: true });
    try {
      await withReader(extensionDir, profileDir, async (reader) => {
        await writeNote(reader, 21, 'Karpathy 的容错观点');
        await writeNote(reader, 12, '透明图，值得一试');
        await reader.openEntry(30);
        await reader.page.keyboard.press('s');
        await reader.page.waitForSelector('button.save[aria-pressed="true"]');
        await writeNote(reader, 30, 'LeCun 的带宽论');
      });

      shipNextVolume(extensionDir);

      await withReader(extensionDir, profileDir, async (reader) => {
        const { page } = reader;
        await reader.openEntry(121);
        expect(await page.locator('.user-note').innerText()).toBe('Karpathy 的容错观点');
        await reader.openEntry(12);
        expect(await page.locator('.user-note').innerText()).toBe('透明图，值得一试');
        expect(await page.locator('.post').first().innerText()).toContain('编者补充');
        // The old number is free now: nothing there, and the note did not stay behind on it.
        await reader.open('#/entry/21');
        await page.getByRole('heading', { name: 'There is no entry #21.' }).waitFor();

        await reader.open();
        await reader.waitForList('#/');
        await page.getByRole('link', { name: 'No longer in the digest (1)' }).click();
        const orphan = page.locator('.orphan');
        await orphan.waitFor();
        expect(await orphan.locator('.orphan-header').innerText()).toContain('Formerly #30 · 2024-03-10');
        expect(await orphan.locator('.mark-saved').count()).toBe(1);
        expect(await orphan.locator('.user-note').innerText()).toBe('LeCun 的带宽论');
        expect(await orphan.innerText()).toContain('Language is low bandwidth');
      });
    } finally {
      rmSync(extensionDir, { recursive: true, force: true });
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
