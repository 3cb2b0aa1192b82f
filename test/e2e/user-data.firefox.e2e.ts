// Firefox ESR differs where user data meets the platform: its event page broadcasts changes, its
// storage.session holds card grants, its Web Locks tell live tabs' drafts from gone ones.
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, screenshotPath, type FirefoxSession } from '../support/browsers';

let session: FirefoxSession;
const opened: Page[] = [];

beforeAll(async () => {
  session = await launchFirefox();
});
afterAll(async () => {
  await session?.close();
});
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    await Promise.all(opened.map((tab, i) => tab.screenshot({ path: screenshotPath(`firefox-user-data-${context.task.name}-${i}`) })));
  }
  await Promise.all(opened.splice(0).map((tab) => tab.close()));
});

async function openEntry(id: number): Promise<Page> {
  // A fresh tab per page: Puppeteer's BiDi page loses track of a tab that moved to the extension process.
  const tab = await session.browser.newPage();
  opened.push(tab);
  await session.openExtensionPage(tab, `reader.html#/entry/${id}`, `.entry[data-entry-id="${id}"]`);
  return tab;
}

describe('user data in Firefox ESR', () => {
  it('two reader tabs converge without reload: a save and an autosaved note', async () => {
    const first = await openEntry(22);
    const second = await openEntry(22);
    await first.bringToFront();
    await first.keyboard.press('s');
    await second.waitForSelector('button.save[aria-pressed="true"]');
    await first.keyboard.press('n');
    await first.keyboard.type('火狐里写的笔记');
    await first.waitForFunction(() => document.querySelector('.note-status')?.textContent === 'Saved');
    await second.waitForFunction(() => document.querySelector('.user-note p')?.textContent === '火狐里写的笔记');
  });

  it('keeps a note typed just before a reload', async () => {
    const tab = await openEntry(23);
    await tab.keyboard.press('n');
    await tab.keyboard.type('刷新之前');
    // As openExtensionPage does: wait for the reload command itself (Firefox sends no load event for
    // an extension document), then for the content of the new document.
    await tab.reload({ waitUntil: [] });
    await tab.waitForSelector('.entry[data-entry-id="23"]');
    const watcher = await openEntry(23);
    await watcher.waitForFunction(() => {
      if (document.querySelector('.user-note p')?.textContent === '刷新之前') return true;
      const field = document.querySelector<HTMLTextAreaElement>('#note-text');
      return field?.value === '刷新之前' && document.querySelector('.note-status')?.textContent === 'Saved';
    });
    expect(await watcher.$eval('.entry', (entry) => entry.getAttribute('data-entry-id'))).toBe('23');
  });
});
