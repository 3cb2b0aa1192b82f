// The background trusts a content script only as far as its own page: a content script made to
// send anything (as a compromised page process could) cannot save an entry its page does not
// show, mute another site, write notes, ask about other sites or open a flood of reader tabs.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../support/browsers';
import { useChromiumSuite } from '../support/chromium-suite';
import { evaluateInContentScript } from '../support/content-script-world';
import { serveFixtures } from '../support/fixture-pages';
import { ReaderPage } from '../support/reader-page';

const suite = useChromiumSuite('content-script-gate', (launched) => serveFixtures(launched.context));
let session: ChromiumSession;
let page: Page;

beforeEach(() => {
  ({ session, page } = suite);
});

type Answer = { ok: boolean; value?: unknown; error?: { name: string; message: string } };

/** Sends a protocol message from the content script on `page`. */
function sendFromContentScript(name: string, data: unknown): Promise<Answer> {
  const message = JSON.stringify({ protocol: 'sidenote/1', name, data });
  return evaluateInContentScript(page, `chrome.runtime.sendMessage(${message})`) as Promise<Answer>;
}

async function openRepoWithCard(): Promise<void> {
  await page.goto('https://github.com/myshell-ai/AIlice');
  await page.locator('sidenote-card').waitFor({ state: 'attached' });
}

async function isSavedInReader(id: number): Promise<boolean> {
  const tab = await session.context.newPage();
  try {
    const reader = new ReaderPage(tab, session.extensionUrl('reader.html'));
    await reader.openEntry(id);
    return (await tab.locator('button.save').getAttribute('aria-pressed')) === 'true';
  } finally {
    await tab.close();
  }
}

describe('what a content script may ask of the background', () => {
  it('saves only an entry its page shows', async () => {
    await openRepoWithCard();
    expect(await sendFromContentScript('setSaved', { entryId: 58, isSaved: true })).toMatchObject({
      ok: false,
      error: { name: 'ContentScriptDeniedError' },
    });
    expect(await isSavedInReader(58)).toBe(false);
    expect(await sendFromContentScript('setSaved', { entryId: 4, isSaved: true })).toMatchObject({ ok: true });
    expect(await isSavedInReader(4)).toBe(true);
    expect(await sendFromContentScript('setSaved', { entryId: 4, isSaved: false })).toMatchObject({ ok: true });
  });

  it('cannot write notes, change the global switch or read the digest', async () => {
    await openRepoWithCard();
    for (const [name, data] of [
      ['setNote', { entryId: 4, text: 'planted', baseNoteStamp: null }],
      ['setAnnotationsEnabled', { isEnabled: false }],
      ['searchEntries', { query: '', limit: 100, filters: { isSavedOnly: true } }],
      ['getEntry', { id: 4 }],
      ['listOrphans', {}],
    ] as const) {
      expect(await sendFromContentScript(name, data), name).toMatchObject({ ok: false, error: { name: 'MessageValidationError' } });
    }
  });

  it('mutes only its own site, and asks only about its own site', async () => {
    await openRepoWithCard();
    expect(await sendFromContentScript('setSiteMuted', { host: 'x.com', isMuted: true })).toMatchObject({
      ok: false,
      error: { name: 'ContentScriptDeniedError' },
    });
    expect(await sendFromContentScript('matchPage', { url: 'https://x.com/ylecun/status/1766498677751787723' })).toMatchObject({
      ok: false,
      error: { name: 'ContentScriptDeniedError' },
    });
    // Asking about another page of its own site is what in-page navigation does: allowed.
    expect(await sendFromContentScript('matchPage', { url: 'https://github.com/myshell-ai' })).toMatchObject({
      ok: true,
      value: { status: 'none' },
    });
  });

  it('opens reader tabs at a human pace, and only for an entry its page shows', async () => {
    await openRepoWithCard();
    const opened: Page[] = [];
    const onPage = (tab: Page) => opened.push(tab);
    session.context.on('page', onPage);
    try {
      expect(await sendFromContentScript('openReader', { entryId: 58 })).toMatchObject({ ok: false });
      const answers = await Promise.all(Array.from({ length: 5 }, () => sendFromContentScript('openReader', { entryId: 4 })));
      expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
      expect(answers.filter((answer) => answer.error?.message.includes('too many reader tabs'))).toHaveLength(4);
      // Only an allowed request reaches tabs.create, and only one was allowed: one reader tab.
      await expect.poll(() => opened.length).toBe(1);
      await opened[0]?.waitForURL(/reader\.html#\/entry\/4$/);
    } finally {
      session.context.off('page', onPage);
      await Promise.all(opened.map((tab) => tab.close()));
    }
  });
});
