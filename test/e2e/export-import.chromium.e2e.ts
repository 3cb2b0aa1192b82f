// Export and import through the options page, as a user does: files downloaded by the browser,
// chosen in a file picker. Import merges, never replaces; a malformed file changes nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../support/browsers';
import { useChromiumSuite } from '../support/chromium-suite';
import { ReaderPage } from '../support/reader-page';

const suite = useChromiumSuite('export-import');
let session: ChromiumSession;
let page: Page;

beforeEach(() => {
  ({ session, page } = suite);
});

async function saveWithNote(id: number, note: string): Promise<void> {
  const reader = new ReaderPage(page, session.extensionUrl('reader.html'));
  await reader.openEntry(id);
  await page.keyboard.press('s');
  await page.waitForSelector('button.save[aria-pressed="true"]');
  await page.keyboard.press('n');
  await page.keyboard.type(note);
  await page.locator('.note-status', { hasText: 'Saved' }).waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
}

async function download(options: Page, action: string): Promise<string> {
  const [file] = await Promise.all([options.waitForEvent('download'), options.click(`[data-action="${action}"]`)]);
  const path = join(tmpdir(), `sidenote-e2e-${action}-${Date.now()}`);
  await file.saveAs(path);
  return path;
}

describe('export and import in the options page', () => {
  it('exports JSON and Markdown, imports by merging, and refuses a malformed file without changing anything', async () => {
    await saveWithNote(58, '长文本的例子');
    const options = await session.context.newPage();
    try {
      await options.goto(session.extensionUrl('options.html'));
      await options.waitForSelector('[data-sync-state]');
      const markdown = readFileSync(await download(options, 'export-markdown'), 'utf8');
      expect(markdown).toContain('长文本的例子');
      expect(markdown).toContain('https://kimi.moonshot.cn');
      const json = await download(options, 'export-json');
      expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ format: 'sidenote-sync', version: 1 });

      // Unsave after the export: importing the older file must not bring the save back.
      await page.keyboard.press('s');
      await page.waitForSelector('button.save[aria-pressed="false"]');
      await options.setInputFiles('input[name="import-file"]', json);
      await options.getByRole('status').filter({ hasText: 'Nothing new in that file.' }).waitFor();
      expect(await page.locator('button.save').getAttribute('aria-pressed')).toBe('false');

      const malformed = join(tmpdir(), `sidenote-e2e-malformed-${Date.now()}.json`);
      writeFileSync(malformed, '{"format": "sidenote-sync", "version": 1, "state": ');
      await options.setInputFiles('input[name="import-file"]', malformed);
      await options.getByRole('alert').filter({ hasText: 'Nothing was imported' }).waitFor();
      expect(await page.locator('.user-note').innerText()).toBe('长文本的例子');
    } finally {
      await options.close();
    }
  });
});
