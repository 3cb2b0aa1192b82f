// What the user writes is never lost: note drafts through Esc, j/k, reload and a closed tab; two
// reader tabs that converge without reload; a conflicting note kept in both versions.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../support/browsers';
import { useChromiumSuite } from '../support/chromium-suite';
import { ReaderPage } from '../support/reader-page';

const suite = useChromiumSuite('user-data');
let session: ChromiumSession;
let page: Page;
let reader: ReaderPage;

beforeEach(() => {
  ({ session, page } = suite);
  reader = new ReaderPage(page, session.extensionUrl('reader.html'));
});

const NOTE = '.user-note';
const noteField = (tab: Page) => tab.getByLabel('Note', { exact: true });

type StoredEntry = { entry: { uid: string }; user: { isSaved: boolean; note: string; noteStamp?: string } };

/** Asks the background for an entry, as the reader itself does (from an extension page). */
async function storedEntry(tab: Page, id: number): Promise<StoredEntry> {
  return tab.evaluate(async (entryId) => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } };
    const answer = (await chrome.runtime.sendMessage({ protocol: 'sidenote/1', name: 'getEntry', data: { id: entryId } })) as {
      value: StoredEntry;
    };
    return answer.value;
  }, id);
}

const storedUserState = async (tab: Page, id: number) => (await storedEntry(tab, id)).user;

/**
 * Waits until the stored note of an entry is `text`: a fresh reader tab shows the stored note and
 * updates live, so it shows `text` once the autosave or a flush has landed.
 */
async function waitForStoredNote(id: number, text: string): Promise<void> {
  const watcher = await session.context.newPage();
  try {
    await watcher.goto(session.extensionUrl(`reader.html#/entry/${id}`));
    // The stored note on show, or (when the watcher itself took over an abandoned draft) the draft saved.
    await watcher.waitForFunction((expected) => {
      if (document.querySelector('.user-note p')?.textContent === expected) return true;
      const field = document.querySelector<HTMLTextAreaElement>('#note-text');
      return field?.value === expected && document.querySelector('.note-status')?.textContent === 'Saved';
    }, text);
  } finally {
    await watcher.close();
  }
}

async function openReaderTab(hash: string): Promise<[Page, ReaderPage]> {
  const tab = await session.context.newPage();
  const tabReader = new ReaderPage(tab, session.extensionUrl('reader.html'));
  await tabReader.open(hash);
  return [tab, tabReader];
}

describe('note drafts', () => {
  it('survive Esc, j and k: leaving the field or the entry saves them', async () => {
    await reader.openEntry(12);
    await page.keyboard.press('n');
    await page.keyboard.type('第一稿 draft');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await reader.waitForEntry(11);
    await page.keyboard.press('k');
    await reader.waitForEntry(12);
    expect(await page.locator(NOTE).innerText()).toBe('第一稿 draft');
    expect((await storedUserState(page, 12)).note).toBe('第一稿 draft');
  });

  it('survive a reload straight after typing', async () => {
    await reader.openEntry(13);
    await page.keyboard.press('n');
    await page.keyboard.type('reload 之前');
    await page.reload();
    await reader.waitForEntry(13);
    // Saved on the way out (pagehide) or restored from this browser's journal and saved now.
    await waitForStoredNote(13, 'reload 之前');
  });

  it('survive closing the tab straight after typing', async () => {
    await reader.openEntry(16);
    await page.keyboard.press('n');
    await page.keyboard.type('关掉标签页之前');
    await page.close({ runBeforeUnload: true });
    await waitForStoredNote(16, '关掉标签页之前');
  });

  it('come back from the journal a crashed tab left, and save', async () => {
    await reader.openEntry(17);
    // The journal names the note it was typed over and the entry's identity.
    const { entry, user } = await storedEntry(page, 17);
    const [uid, base] = [entry.uid, user.noteStamp ?? null];
    await page.evaluate(
      ([entryUid, baseNoteStamp]) =>
        localStorage.setItem(
          'sidenote:note-draft:17:crashed',
          JSON.stringify({ entryId: 17, uid: entryUid, text: '崩溃前的文字', baseNoteStamp, writtenAt: Date.now() }),
        ),
      [uid, base] as const,
    );
    await page.reload();
    await reader.waitForEntry(17);
    await page.getByRole('status').filter({ hasText: 'Restored text you typed earlier' }).waitFor();
    expect(await noteField(page).inputValue()).toBe('崩溃前的文字');
    await page.locator('.note-status', { hasText: 'Saved' }).waitFor();
    expect((await storedUserState(page, 17)).note).toBe('崩溃前的文字');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('sidenote:note-draft:')))).toEqual([]);
  });
});

describe('two reader tabs', () => {
  it('converge without reload: a save and a note made in one show in the other', async () => {
    await reader.openEntry(14);
    const [other, otherReader] = await openReaderTab('#/entry/14');
    try {
      await otherReader.waitForEntry(14);
      await page.keyboard.press('s');
      await other.waitForSelector('button.save[aria-pressed="true"]');
      await page.keyboard.press('n');
      await page.keyboard.type('在另一个标签页写的');
      await page.locator('.note-status', { hasText: 'Saved' }).waitFor();
      await other.locator(NOTE, { hasText: '在另一个标签页写的' }).waitFor();
    } finally {
      await other.close();
    }
  });

  it('show saves on every page of the timeline, including after Show more', async () => {
    await reader.open();
    await reader.waitForList('#/');
    await page.getByRole('button', { name: 'Show more' }).click();
    await page.waitForSelector('.result[data-entry-id="5"]');
    const [other, otherReader] = await openReaderTab('#/entry/5');
    try {
      await otherReader.waitForEntry(5);
      await other.keyboard.press('s');
      await page.waitForSelector('.result[data-entry-id="5"] .mark-saved');
      // And s on that row in the list unsaves it.
      await page.locator('.result[data-entry-id="5"] a').focus();
      await page.keyboard.press('s');
      await page.waitForSelector('.result[data-entry-id="5"] .mark-saved', { state: 'detached' });
      await other.waitForSelector('button.save[aria-pressed="false"]');
    } finally {
      await other.close();
    }
  });

  it('keep both texts when both edit one note: no save overwrites the other blindly', async () => {
    await reader.openEntry(15);
    const [other, otherReader] = await openReaderTab('#/entry/15');
    try {
      await otherReader.waitForEntry(15);
      await page.keyboard.press('n');
      await other.keyboard.press('n');
      await page.keyboard.type('第一个标签页的想法');
      await other.keyboard.type('第二个标签页的想法');
      // Whichever lands second finds the note changed under it and stops to ask.
      const conflicted = await Promise.race([page, other].map((tab) => tab.waitForSelector('.note-conflict').then(() => tab)));
      const winner = conflicted === page ? other : page;
      const mine = conflicted === page ? '第一个标签页的想法' : '第二个标签页的想法';
      const theirs = conflicted === page ? '第二个标签页的想法' : '第一个标签页的想法';
      expect(await conflicted.locator('.note-conflict-theirs').innerText()).toBe(theirs);
      expect(await noteField(conflicted).inputValue()).toBe(mine);
      expect((await storedUserState(conflicted, 15)).note).toBe(theirs);

      await conflicted.getByRole('button', { name: 'Keep both' }).click();
      const both = `${theirs}\n\n${mine}`;
      await waitForStoredNote(15, both);
      await conflicted.locator('.note-status', { hasText: 'Saved' }).waitFor();
      // The other tab had nothing unsaved: it shows the merged note without reload.
      await winner.waitForFunction((text) => (document.querySelector('#note-text') as HTMLTextAreaElement | null)?.value === text, both);
    } finally {
      await other.close();
    }
  });
});

describe('other open views', () => {
  it('the popup and the options page show changes made elsewhere without reload', async () => {
    const popup = await session.context.newPage();
    const options = await session.context.newPage();
    try {
      await popup.goto(session.extensionUrl('popup.html'));
      await popup.waitForSelector('#results [data-entry-id="119"]');
      await options.goto(session.extensionUrl('options.html'));
      await options.getByText('No muted sites.').waitFor();

      await reader.openEntry(119);
      await page.keyboard.press('s');
      await popup.waitForSelector('#results [data-entry-id="119"] .mark-saved');
      await page.keyboard.press('n');
      await page.keyboard.type('弹窗里也能看到');
      await popup.waitForSelector('#results [data-entry-id="119"] .mark-note');

      // A muted site, as the card's "Never on this site" would do it (from an extension page here).
      await page.evaluate(async () => {
        const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } };
        await chrome.runtime.sendMessage({ protocol: 'sidenote/1', name: 'setSiteMuted', data: { host: 'github.com', isMuted: true } });
      });
      await options.getByRole('button', { name: 'Show cards on github.com again' }).click();
      await options.getByText('No muted sites.').waitFor();
    } finally {
      await popup.close();
      await options.close();
    }
  });
});

// Last: it deletes the suite's database.
describe('a database deleted under a running worker', () => {
  it('is noticed: the digest comes back and the reader says what was lost', async () => {
    await reader.openEntry(20);
    await page.keyboard.press('s');
    await page.waitForSelector('button.save[aria-pressed="true"]');
    // As DevTools or the browser's "clear data" would: from another context of the extension.
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const request = indexedDB.deleteDatabase('sidenote');
          request.onsuccess = resolve;
          request.onerror = () => reject(request.error);
        }),
    );
    await page.getByRole('alert').filter({ hasText: 'The browser cleared Sidenote’s storage' }).waitFor();
    await reader.open('#/');
    await reader.waitForList('#/');
    expect((await reader.listIds()).slice(0, 2)).toEqual([119, 118]);
  });
});
