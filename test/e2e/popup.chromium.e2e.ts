import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { clipQuery } from '../../lib/search/clip-query';
import { axeViolations } from '../support/axe';
import type { ChromiumSession } from '../support/browsers';
import { useChromiumSuite } from '../support/chromium-suite';
import { PopupPage } from '../support/popup-page';
import { ReaderPage } from '../support/reader-page';

/** 长文本: the three entries that write it, and two that say 长上下文 or long context. */
const LONG_TEXT_ENTRIES = [2, 8, 32, 90, 100];

const suite = useChromiumSuite('popup');
let session: ChromiumSession;
let page: Page;
let popup: PopupPage;

beforeEach(async () => {
  ({ session, page } = suite);
  popup = new PopupPage(page);
  await popup.open(session.extensionUrl('popup.html'));
});

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** Opening the reader closes the popup (window.close), possibly before Playwright's input call returns. */
const isClosedError = (error: unknown) => error instanceof Error && /has been closed/.test(error.message);
async function pressClosing(target: Page, key: string): Promise<void> {
  await target.keyboard.press(key).catch((error: unknown) => {
    if (!isClosedError(error)) throw error;
  });
}
async function clickClosing(target: { click: () => Promise<void> }): Promise<void> {
  await target.click().catch((error: unknown) => {
    if (!isClosedError(error)) throw error;
  });
}

describe('popup search in Chromium', () => {
  it('opens with the search box focused and the latest entries listed', async () => {
    expect(await page.evaluate(() => document.activeElement?.matches('input[type="search"]'))).toBe(true);
    const ids = await popup.resultIds();
    expect(ids.slice(0, 4)).toEqual([119, 118, 117, 116]);
  });

  it('finds a Chinese query as a phrase', async () => {
    expect(sorted(await popup.search('长文本'))).toEqual(LONG_TEXT_ENTRIES);
  });

  it('finds a traditional-character query the same as simplified', async () => {
    expect(await popup.search('長文本')).toEqual(await popup.search('长文本'));
    const guizang = await popup.search('歸藏');
    expect(await page.locator('.status').innerText()).toBe('41 matching entries');
    expect(await popup.search('归藏')).toEqual(guizang);
  });

  it('finds an English query', async () => {
    expect(await popup.search('AIlice')).toEqual([4]);
    expect(await popup.search('karpathy')).toEqual(expect.arrayContaining([21, 23, 35]));
  });

  it('narrows a mixed Chinese and English query to all words', async () => {
    const ids = await popup.search('归藏 ComfyUI');
    expect(ids).toEqual(expect.arrayContaining([76, 96]));
    const handles = await page.$$eval('#results .author-handle', (items) => [...new Set(items.map((i) => i.textContent))]);
    expect(handles).toEqual(['@op7418']);
  });

  it('lists an author by @handle', async () => {
    const ids = await popup.search('@dotey');
    expect(ids.length).toBe(30);
    const handles = await page.$$eval('#results .author-handle', (items) => [...new Set(items.map((i) => i.textContent))]);
    expect(handles).toEqual(['@dotey']);
  });

  it('highlights matches in title and snippet', async () => {
    await popup.search('長文本');
    const marks = await page.$$eval('#results [data-entry-id="100"] mark', (items) => items.map((i) => i.textContent));
    expect(marks.length).toBeGreaterThan(1);
    expect(new Set(marks)).toEqual(new Set(['长文本']));
  });

  it('moves with ↑/↓ and opens the active result with Enter', async () => {
    const ids = await popup.search('ComfyUI');
    await page.keyboard.press('ArrowDown');
    expect(await popup.activeResultId()).toBe(ids[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await popup.activeResultId()).toBe(ids.at(-1));
    const [readerTab] = await Promise.all([session.context.waitForEvent('page'), page.waitForEvent('close'), pressClosing(page, 'Enter')]);
    await readerTab.waitForSelector(`.entry[data-entry-id="${ids.at(-1)}"]`);
    expect(new URL(readerTab.url()).hash).toBe(`#/entry/${ids.at(-1)}`);
    await readerTab.close();
  });

  it('opens the reader on the current search', async () => {
    await popup.search('长文本');
    const openButton = page.getByRole('button', { name: /Open reader/ });
    const [readerTab] = await Promise.all([session.context.waitForEvent('page'), page.waitForEvent('close'), clickClosing(openButton)]);
    await readerTab.waitForSelector('section.list[aria-busy="false"] .result');
    expect(decodeURIComponent(new URL(readerTab.url()).hash)).toBe('#/search?q=长文本');
    await readerTab.close();
  });

  it('does not search while an IME is composing', async () => {
    // Record every query the popup sends to the background.
    await page.evaluate(() => {
      type Runtime = { sendMessage: (...args: unknown[]) => unknown };
      const { runtime } = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome;
      const send = runtime.sendMessage.bind(runtime);
      const sent: unknown[] = [];
      Object.assign(window, { sentQueries: sent });
      runtime.sendMessage = (message: unknown, ...rest: unknown[]) => {
        sent.push((message as { data?: { query?: unknown } }).data?.query);
        return send(message, ...rest);
      };
    });
    // Chrome's order for a pinyin IME: drafts arrive as input events inside the composition.
    await popup.dispatchComposition('compositionstart', '');
    await popup.setInputValue('ch');
    await popup.setInputValue('chang');
    await popup.setInputValue('长文本');
    await popup.dispatchComposition('compositionend', '长文本');
    await popup.waitForResultsOf('长文本');
    expect(sorted(await popup.resultIds())).toEqual(LONG_TEXT_ENTRIES);
    expect(await page.evaluate(() => (window as unknown as { sentQueries: unknown[] }).sentQueries)).toEqual(['长文本']);
  });

  it('answers for the other words and says which word it left out', async () => {
    const alone = await popup.search('提示词');
    expect(await popup.search('提示词 qwertyzz')).toEqual(alone);
    expect(alone.length).toBeGreaterThan(0);
    expect(await page.locator('.query-notices [data-notice="dropped"]').innerText()).toContain('“qwertyzz”');
  });

  it('says which word it corrected and which other names it matched', async () => {
    expect((await popup.search('antropic')).length).toBeGreaterThan(0);
    expect(await page.locator('.query-notices [data-notice="corrected"]').innerText()).toBe(
      'No entry contains “antropic”: showing results for “anthropic”.',
    );
    expect((await popup.search('jensen huang')).length).toBeGreaterThan(0);
    expect(await page.locator('.query-notices [data-notice="alias"]').innerText()).toContain('jensen huang ↔ 黄仁勋');
    // A correction is not kept once the word is right.
    await popup.search('anthropic');
    expect(await page.locator('.query-notices').count()).toBe(0);
  });

  it('searches a long paste by its first 200 characters and says so', async () => {
    const typed = `${'长文本 Claude '.repeat(30)}end`;
    await popup.setInputValue(typed);
    await popup.waitForResultsOf(clipQuery(typed).query);
    expect((await popup.resultIds()).length).toBeGreaterThan(0);
    expect(await page.locator('.status-error').count()).toBe(0);
    expect(await page.locator('.query-notices [data-notice="clipped"]').innerText()).toBe(
      'Your search is long: only its first 200 characters were searched.',
    );
    expect(await page.locator('input[type="search"]').inputValue()).toBe(typed);
  });

  it('says there is nothing to search for in an emoji instead of listing every entry', async () => {
    expect(await popup.search('🙂')).toEqual([]);
    expect(await page.locator('.status').innerText()).toBe('0 matching entries');
    expect(await page.locator('.empty').innerText()).toContain('There is nothing to search for in “🙂”');
  });

  it('keeps the saved mark in view on a title too long for its line', async () => {
    // The newest entry whose title the popup has to cut short.
    const id = await page.$$eval('#results .result', (rows) => {
      const row = rows.find((r) => {
        const text = r.querySelector<HTMLElement>('.result-title-text');
        return text !== null && text.scrollWidth > text.clientWidth;
      });
      return Number(row?.getAttribute('data-entry-id'));
    });
    expect(id).toBeGreaterThan(0);
    const readerTab = await session.context.newPage();
    await new ReaderPage(readerTab, session.extensionUrl('reader.html')).openEntry(id);
    await readerTab.keyboard.press('s');
    await readerTab.getByRole('button', { name: 'Saved ✓' }).waitFor();
    await readerTab.close();
    await page.waitForSelector(`#results [data-entry-id="${id}"] .mark-saved`);
    const boxes = await page.$eval(`#results [data-entry-id="${id}"]`, (row) => {
      const box = (selector: string) => row.querySelector(selector)?.getBoundingClientRect();
      const [title, mark] = [box('.result-title'), box('.mark-saved')];
      return { titleRight: title?.right ?? 0, markLeft: mark?.left ?? 0, markRight: mark?.right ?? Infinity, markWidth: mark?.width ?? 0 };
    });
    expect(boxes.markWidth).toBeGreaterThan(0);
    expect(boxes.markRight).toBeLessThanOrEqual(boxes.titleRight);
  });

  it('ends a list longer than it shows with the way to the rest in the reader', async () => {
    await popup.search('@dotey');
    const more = page.getByRole('button', { name: /See all \d+ entries in the reader/ });
    const [readerTab] = await Promise.all([session.context.waitForEvent('page'), page.waitForEvent('close'), clickClosing(more)]);
    await readerTab.waitForSelector('section.list[aria-busy="false"] .result');
    expect(decodeURIComponent(new URL(readerTab.url()).hash)).toBe('#/search?q=@dotey');
    expect(await readerTab.locator('section.list .result').count()).toBeGreaterThan(30);
    await readerTab.close();
  });

  it('opens the settings', async () => {
    const [optionsTab] = await Promise.all([
      session.context.waitForEvent('page'),
      clickClosing(page.getByRole('button', { name: 'Settings', exact: true })),
    ]);
    await optionsTab.waitForLoadState();
    expect(optionsTab.url()).toBe(session.extensionUrl('options.html'));
    await optionsTab.close();
  });

  it('has a top-level heading', async () => {
    expect((await axeViolations(page)).map((violation) => violation.id)).not.toContain('page-has-heading-one');
  });

  it('explains an empty result', async () => {
    expect(await popup.search('qwertyzz zzytrewq')).toEqual([]);
    const text = await page.locator('.empty').innerText();
    expect(text).toContain('qwertyzz');
    expect(text).toContain('zzytrewq');
  });

  it('keeps the latest list to paint at once next time, and shrugs off a corrupt copy', async () => {
    const cached = await page.evaluate(
      () => JSON.parse(localStorage.getItem('sidenote:latest-results') ?? 'null') as { results: { id: number }[] } | null,
    );
    expect(cached?.results.slice(0, 2).map((r) => r.id)).toEqual([119, 118]);
    await page.evaluate(() => localStorage.setItem('sidenote:latest-results', '{"query": "", "results": [tru'));
    await popup.open(session.extensionUrl('popup.html'));
    expect((await popup.resultIds()).slice(0, 2)).toEqual([119, 118]);
  });

  it('answers again after the service worker is stopped', async () => {
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    expect(sorted(await popup.search('长文本'))).toEqual(LONG_TEXT_ENTRIES);
  });
});
