import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { CHROME_BUILD, createProfileDir, launchChromium, withBrowserIn, type ChromiumSession } from '../support/browsers';
import { useChromiumSuite } from '../support/chromium-suite';
import { PopupPage } from '../support/popup-page';
import { ReaderPage } from '../support/reader-page';

/** 长文本: the three entries that write it, and two that say 长上下文 or long context. */
const LONG_TEXT_ENTRIES = [2, 8, 32, 90, 100];

const suite = useChromiumSuite('reader');
let session: ChromiumSession;
let page: Page;
let reader: ReaderPage;

beforeEach(() => {
  ({ session, page } = suite);
  reader = new ReaderPage(page, session.extensionUrl('reader.html'));
});

describe('reader in Chromium', () => {
  it('shows the timeline grouped by date, newest first, with every entry reachable', async () => {
    await reader.open();
    await reader.waitForList('#/');
    const days = await page.$$eval('.day-title time', (times) => times.map((t) => t.getAttribute('datetime')));
    expect(days[0]).toBe('2024-03-30');
    expect([...days].sort().reverse()).toEqual(days);
    expect((await reader.listIds()).slice(0, 3)).toEqual([119, 118, 117]);
    await page.getByRole('button', { name: 'Show more' }).click();
    await page.waitForSelector('.result[data-entry-id="1"]');
    expect(await reader.listIds()).toHaveLength(119);
  });

  it('renders a deep link with its posts, quoted post, editor note and links', async () => {
    await reader.openEntry(58);
    const quote = page.locator('.post-quote');
    expect(await quote.innerText()).toContain('@op7418');
    expect(await quote.innerText()).toContain('3月18日');
    expect(await page.locator('.entry-links li').first().innerText()).toContain('https://kimi.moonshot.cn');

    await reader.openEntry(50);
    expect(await page.locator('.editor-note').innerText()).toContain('2024-03-17');
    expect(await page.locator('.editor-note').innerText()).toContain('试了下，目前感觉不好用。');
    await page.getByRole('link', { name: 'Same post as #49' }).click();
    await reader.waitForEntry(49);
    await page.getByRole('link', { name: 'Repeated with an added note in #50' }).click();
    await reader.waitForEntry(50);

    await reader.openEntry(30);
    expect(await page.locator('.post-source').getAttribute('href')).toBe('https://x.com/ylecun/status/1766498677751787723?s=20');
    await reader.openEntry(4);
    const labels = await page.$$eval('.entry-links .site-label', (items) => items.map((i) => i.textContent));
    expect(labels).toContain('GitHub');
  });

  it('keeps markup in the corpus as characters (entry 108)', async () => {
    await reader.openEntry(108);
    expect(
      await page.evaluate(() => document.querySelectorAll('prompt_explanation, response_format, header_row, test_case_table').length),
    ).toBe(0);
    const text = await page.locator('.entry').innerText();
    expect(text).toContain('<prompt_explanation>');
    expect(text).toContain('$test_case_table');
  });

  it('steps with j/k on entry pages and lists, but never while typing', async () => {
    await reader.openEntry(58);
    await page.keyboard.press('j');
    await reader.waitForEntry(57);
    expect(await reader.hash()).toBe('#/entry/57');
    await page.keyboard.press('k');
    await reader.waitForEntry(58);
    await page.keyboard.press('k');
    await reader.waitForEntry(59);
    await page.goBack();
    await reader.waitForEntry(58);
    await page.goBack();
    await reader.waitForEntry(57);

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('j');
    await reader.waitForList('#/search?q=j');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.querySelector('.result.is-active')?.getAttribute('data-entry-id'))).not.toBeNull();
    expect(await reader.hash()).toBe('#/search?q=j');
  });

  it('keeps the search box on the current route’s query through Back, Forward and entry pages', async () => {
    const box = page.getByRole('searchbox');
    await reader.open();
    await reader.waitForList('#/');
    await box.fill('ComfyUI');
    await reader.waitForList('#/search?q=ComfyUI');
    // Back with the focus still in the box: the timeline has no query.
    await page.goBack();
    await reader.waitForList('#/');
    expect(await box.inputValue()).toBe('');
    await page.goForward();
    await reader.waitForList('#/search?q=ComfyUI');
    expect(await box.inputValue()).toBe('ComfyUI');
    const [first] = await reader.listIds();
    await page.locator(`.result[data-entry-id="${first}"] a`).first().click();
    await reader.waitForEntry(first ?? 0);
    expect(await box.inputValue()).toBe('');
    await page.keyboard.press('j');
    await page.waitForFunction((id) => location.hash !== `#/entry/${id}`, first);
    expect(await box.inputValue()).toBe('');
    await page.goBack();
    await page.goBack();
    await reader.waitForList('#/search?q=ComfyUI');
    expect(await box.inputValue()).toBe('ComfyUI');
  });

  it('searches a long query by its first 200 characters and says so, without an error', async () => {
    const hash = `#/search?${new URLSearchParams({ q: `${'长文本 Claude '.repeat(30)}end` }).toString()}`;
    await reader.open(hash);
    await reader.waitForList(hash);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(await page.locator('.query-notices [data-notice="clipped"]').innerText()).toBe(
      'Your search is long: only its first 200 characters were searched.',
    );
    expect((await reader.listIds()).length).toBeGreaterThan(0);
  });

  it('says there is nothing to search for in a query of symbols', async () => {
    const hash = `#/search?${new URLSearchParams({ q: '→' }).toString()}`;
    await reader.open(hash);
    await reader.waitForList(hash);
    expect(await reader.listIds()).toEqual([]);
    expect(await page.locator('.list-title').innerText()).toBe('0 matching entries');
    expect(await page.locator('.empty').innerText()).toContain('There is nothing to search for in “→”');
  });

  it('opens the settings from the header', async () => {
    await reader.open();
    const [optionsTab] = await Promise.all([
      session.context.waitForEvent('page'),
      page.getByRole('button', { name: 'Settings', exact: true }).click(),
    ]);
    await optionsTab.waitForLoadState();
    expect(optionsTab.url()).toBe(session.extensionUrl('options.html'));
    await optionsTab.close();
  });

  it('remembers the reading position in the timeline; a deep link does not overwrite it', async () => {
    await reader.open();
    await reader.waitForList('#/');
    await page.evaluate(() => document.querySelector('.result[data-entry-id="60"]')?.scrollIntoView({ block: 'start' }));
    await page.waitForFunction(() => localStorage.getItem('sidenote:timeline-position') === '60');

    // A deep link in a fresh tab, then the timeline in another: still at entry 60.
    await reader.openEntry(3);
    await page.keyboard.press('j');
    await reader.waitForEntry(2);
    const again = await session.context.newPage();
    try {
      const readerAgain = new ReaderPage(again, session.extensionUrl('reader.html'));
      await readerAgain.open();
      await readerAgain.waitForList('#/');
      // Fully in sight: below the sticky header, not under it.
      const isClearOfHeader = (selector: string) =>
        again.waitForFunction((rowSelector) => {
          const row = document.querySelector(rowSelector)?.getBoundingClientRect();
          const header = document.querySelector('.reader-header')?.getBoundingClientRect();
          return row !== undefined && header !== undefined && row.top >= header.bottom && row.top < header.bottom + 100;
        }, selector);
      await isClearOfHeader('.result[data-entry-id="60"]');
      // k steps up to the row above, which was under the header: it comes out from under it.
      await again.keyboard.press('k');
      await isClearOfHeader('.result.is-active:not([data-entry-id="60"])');
    } finally {
      await again.close();
    }
  });

  it('opens the first link with o', async () => {
    // No network here: serve the link's page from the test.
    await session.context.route('https://github.com/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>AIlice</title>' }),
    );
    try {
      await reader.openEntry(4);
      const [linkTab] = await Promise.all([session.context.waitForEvent('page'), page.keyboard.press('o')]);
      await linkTab.waitForLoadState();
      expect(linkTab.url()).toBe('https://github.com/myshell-ai/AIlice');
      await linkTab.close();
    } finally {
      await session.context.unroute('https://github.com/**');
    }
  });

  it('shows all shortcuts with ? and closes with Esc; Tab stays inside, and focus returns to what had it', async () => {
    await reader.open();
    await reader.waitForList('#/');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const isFocusInDialog = () => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') != null);

    // Opened from the header's button: Tab and Shift+Tab cycle inside; Esc gives focus back to the button.
    await page.getByRole('button', { name: /Keyboard shortcuts/ }).click();
    expect(await dialog.innerText()).toContain('Open the first link');
    expect(await isFocusInDialog()).toBe(true);
    for (const key of ['Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await isFocusInDialog(), key).toBe(true);
    }
    // A click on the dialog's text, then Tab: still inside.
    await dialog.getByRole('heading').click();
    await page.keyboard.press('Tab');
    expect(await isFocusInDialog()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('title'))).toBe('Keyboard shortcuts');

    // Opened with ? from a row: Esc gives focus back to the row's link.
    await page.locator('.result[data-entry-id="118"] a').focus();
    await page.keyboard.press('?');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.closest('.result')?.getAttribute('data-entry-id'))).toBe('118');
  });

  it('filters by author, date and saved, with the view in the URL and Back working', async () => {
    await reader.open();
    await reader.waitForList('#/');
    await page.getByLabel('Author').selectOption('op7418');
    await reader.waitForList('#/search?author=op7418');
    const handles = await page.$$eval('.result .author-handle', (items) => [...new Set(items.map((i) => i.textContent))]);
    expect(handles).toEqual(['@op7418']);
    await page.getByLabel('From').fill('2024-03-16');
    await reader.waitForList('#/search?author=op7418&from=2024-03-16');
    const dates = await page.$$eval('.result time', (items) => items.map((i) => i.getAttribute('datetime') ?? ''));
    expect(dates.every((d) => d >= '2024-03-16')).toBe(true);
    await page.goBack();
    await reader.waitForList('#/search?author=op7418');
    await page.goBack();
    await reader.waitForList('#/');

    await reader.open('#/search?q=%E9%95%B7%E6%96%87%E6%9C%AC');
    await reader.waitForList('#/search?q=%E9%95%B7%E6%96%87%E6%9C%AC');
    expect((await reader.listIds()).sort((a, b) => a - b)).toEqual(LONG_TEXT_ENTRIES);
    expect(await page.locator('.result[data-entry-id="100"] mark').first().innerText()).toBe('长文本');
  });

  it('says what the search did with the words: a correction, another name, a word left out', async () => {
    const searchFor = async (query: string) => {
      const hash = `#/search?${new URLSearchParams({ q: query }).toString()}`;
      await reader.open(hash);
      await reader.waitForList(hash);
    };
    await searchFor('midjourny');
    expect(await page.locator('.query-notices [data-notice="corrected"]').innerText()).toBe(
      'No entry contains “midjourny”: showing results for “midjourney”.',
    );
    expect((await reader.listIds()).length).toBeGreaterThan(0);
    expect(await page.locator('.result mark').first().innerText()).toBe('Midjourney');

    await searchFor('扎克伯格');
    const alias = await page.locator('.query-notices [data-notice="alias"]').innerText();
    expect(alias).toContain('扎克伯格 ↔');
    expect(alias).toContain('Zuckerberg');
    expect((await reader.listIds()).length).toBeGreaterThan(0);

    await searchFor('Sora qqzzxx');
    expect(await page.locator('.query-notices [data-notice="dropped"]').innerText()).toBe(
      'No entry contains “qqzzxx”, so it was left out.',
    );
    expect((await reader.listIds()).length).toBeGreaterThan(0);
  });

  it('shows a clear view for an entry that does not exist', async () => {
    await reader.open('#/entry/999');
    await page.getByRole('heading', { name: 'There is no entry #999.' }).waitFor();
    await page.getByRole('link', { name: 'Back to the timeline' }).click();
    await reader.waitForList('#/');
  });

  it('says when a note fails to save, keeps the typed text, and saves it once it can', async () => {
    await reader.openEntry(12);
    // Fault injection: the page's messages saying setNote fail, as if the browser refused them.
    await page.evaluate(() => {
      type Runtime = { sendMessage: (...args: unknown[]) => unknown; restore?: () => void };
      const runtime = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome.runtime;
      const original = runtime.sendMessage;
      runtime.sendMessage = function (message: unknown, ...rest: unknown[]) {
        if ((message as { name?: string } | null)?.name === 'setNote') throw new Error('simulated refusal');
        return original.call(this, message, ...rest);
      };
      runtime.restore = () => {
        runtime.sendMessage = original;
      };
    });
    await page.keyboard.press('n');
    await page.keyboard.type('这段文字不能丢');
    await page.getByRole('alert').filter({ hasText: 'Not saved yet' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('simulated refusal');
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByLabel('Note', { exact: true }).inputValue()).toBe('这段文字不能丢');

    await page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { restore: () => void } } }).chrome.runtime.restore());
    await page.getByRole('button', { name: 'Save now' }).click();
    await page.locator('.note-status', { hasText: 'Saved' }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.locator('.user-note').innerText()).toBe('这段文字不能丢');
  });

  it('titles the tab after the view', async () => {
    await reader.open();
    await reader.waitForList('#/');
    await page.waitForFunction(() => document.title === 'Timeline – Sidenote');
    await reader.openEntry(58);
    await page.waitForFunction(() => /^#58 \S.* – Sidenote$/.test(document.title));
    await reader.open('#/search?q=ComfyUI&author=op7418');
    await page.waitForFunction(() => document.title === 'ComfyUI · @op7418 – Sidenote');
  });

  it('has no serious accessibility violations on the timeline, an entry and the popup', async () => {
    await reader.open();
    await reader.waitForList('#/');
    expect(await seriousViolations(page)).toEqual([]);
    await reader.openEntry(58);
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    const popup = new PopupPage(page);
    await popup.open(session.extensionUrl('popup.html'));
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('saved entries and notes', () => {
  it('persist across a page reload and a browser restart, and show in the popup', async () => {
    const profileDir = createProfileDir();
    try {
      let own = await launchChromium({ profileDir });
      let ownPage = await own.context.newPage();
      let ownReader = new ReaderPage(ownPage, own.extensionUrl('reader.html'));
      await ownReader.openEntry(21);
      await ownPage.keyboard.press('s');
      await ownPage.getByRole('button', { name: 'Saved ✓' }).waitFor();
      await ownPage.keyboard.press('n');
      await ownPage.getByLabel('Note', { exact: true }).fill('Karpathy 的容错观点，值得再读');
      await ownPage.locator('.note-status', { hasText: 'Saved' }).waitFor();
      await ownPage.getByRole('button', { name: 'Done' }).click();
      await ownPage.locator('.user-note').waitFor();

      await ownPage.reload();
      await ownReader.waitForEntry(21);
      expect(await ownPage.locator('.user-note').innerText()).toBe('Karpathy 的容错观点，值得再读');
      await own.close();

      own = await launchChromium({ profileDir });
      ownPage = await own.context.newPage();
      ownReader = new ReaderPage(ownPage, own.extensionUrl('reader.html'));
      await ownReader.openEntry(21);
      expect(await ownPage.getByRole('button', { name: 'Saved ✓' }).getAttribute('aria-pressed')).toBe('true');
      expect(await ownPage.locator('.user-note').innerText()).toBe('Karpathy 的容错观点，值得再读');
      await ownReader.open('#/search?saved=1&note=1');
      await ownReader.waitForList('#/search?saved=1&note=1');
      expect(await ownReader.listIds()).toEqual([21]);

      const popup = new PopupPage(ownPage);
      await popup.open(own.extensionUrl('popup.html'));
      await ownPage.getByLabel('Saved').check();
      await ownPage.waitForSelector('#results [data-entry-id="21"] .mark-saved');
      expect(await popup.resultIds()).toEqual([21]);
      await own.close();
    } finally {
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});

describe('language', () => {
  it('follows a Chinese browser', () =>
    withBrowserIn('zh-CN', async (chinese) => {
      const zhPage = await chinese.context.newPage();
      await zhPage.goto(chinese.extensionUrl('reader.html'));
      await zhPage.getByRole('heading', { name: '时间线' }).waitFor();
      expect(await zhPage.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await zhPage.goto(chinese.extensionUrl('popup.html'));
      expect(await zhPage.getByRole('searchbox').getAttribute('placeholder')).toBe('搜索：长文本、ComfyUI、@dotey…');
      // The corpus text is never translated.
      await zhPage.goto(chinese.extensionUrl('reader.html#/entry/30'));
      await zhPage.waitForSelector('.entry[data-entry-id="30"]');
      expect(await zhPage.locator('.post').first().innerText()).toContain('Language is low bandwidth');
    }));

  it('reads in traditional characters in a zh-TW browser', () =>
    withBrowserIn('zh-TW', async (traditional) => {
      const twPage = await traditional.context.newPage();
      await twPage.goto(traditional.extensionUrl('reader.html'));
      // Taiwan usage: 時間軸, not the Mainland 時間線 that character conversion alone gives.
      await twPage.getByRole('heading', { name: '時間軸' }).waitFor();
      expect(await twPage.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
      await twPage.waitForFunction(() => document.title === '時間軸 – Sidenote 旁註');
    }));
});

describe('a damaged install', () => {
  it('shows an error with a retry, not a blank page, when the bundled corpus is corrupt', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'sidenote-broken-'));
    cpSync(CHROME_BUILD, broken, { recursive: true });
    writeFileSync(join(broken, 'corpus-meta.json'), '{"hash": "x", "entryCount": ');
    const damaged = await launchChromium({ extensionDir: broken });
    try {
      const brokenPage = await damaged.context.newPage();
      await brokenPage.goto(damaged.extensionUrl('reader.html'));
      const alert = brokenPage.getByRole('alert').filter({ hasText: 'The digest could not be loaded' });
      await alert.waitFor();
      expect(await alert.innerText()).toContain('The digest could not be loaded');
      await brokenPage.locator('main').getByRole('button', { name: 'Try again' }).waitFor();
      await brokenPage.goto(damaged.extensionUrl('reader.html#/entry/5'));
      await brokenPage.getByRole('heading', { name: /The digest could not be loaded/ }).waitFor();
    } finally {
      await damaged.close();
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
