import type { HTTPRequest, Page } from 'puppeteer-core';
import { fixtureHtml } from '../support/fixture-pages';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shadowRootOf } from '../support/bidi-shadow-root';
import { FIREFOX_BUILD, FIREFOX_EXTENSION_ID, launchFirefox, screenshotPath, type FirefoxSession } from '../support/browsers';
import { PopupPage, type DrivablePage } from '../support/popup-page';

/** 长文本: the three entries that write it, and two that say 长上下文 or long context. */
const LONG_TEXT_ENTRIES = [2, 8, 32, 90, 100];

let session: FirefoxSession;
let page: Page;

beforeAll(async () => {
  session = await launchFirefox();
});
beforeEach(async () => {
  // A fresh tab per test, as in Chromium: each test starts from a blank tab.
  page = await session.browser.newPage();
});
afterAll(async () => {
  await session?.close();
});
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await page.screenshot({ path: screenshotPath(`firefox-${context.task.name}`) });
  await page.close();
});

describe('Sidenote in Firefox ESR', () => {
  it('installs, lists the latest entries and searches Chinese, traditional, English and mixed queries', async () => {
    const popup = new PopupPage(page as unknown as DrivablePage);
    await session.openExtensionPage(page, 'popup.html', PopupPage.READY_SELECTOR);
    await popup.waitForResultsOf('');
    expect((await popup.resultIds()).slice(0, 2)).toEqual([119, 118]);
    expect([...(await popup.search('长文本'))].sort((a, b) => a - b)).toEqual(LONG_TEXT_ENTRIES);
    expect(await popup.search('長文本')).toEqual(await popup.search('长文本'));
    expect(await popup.search('AIlice')).toEqual([4]);
    expect(await popup.search('归藏 ComfyUI')).toEqual(expect.arrayContaining([76, 96]));
    // What the search did with the words is said, here as in Chromium.
    expect((await popup.search('midjourny')).length).toBeGreaterThan(0);
    const notice = await page.$eval('.query-notices [data-notice="corrected"]', (element) => element.textContent ?? '');
    expect(notice).toBe('No entry contains “midjourny”: showing results for “midjourney”.');
  });

  it('opens a reader deep link with its quoted post, and saves the entry', async () => {
    await session.openExtensionPage(page, 'reader.html#/entry/58', '.entry[data-entry-id="58"]');
    const quote = await page.$eval('.post-quote', (element) => element.textContent ?? '');
    expect(quote).toContain('@op7418');
    expect(quote).toContain('3月18日');
    await page.keyboard.press('s');
    await page.waitForSelector('button.save[aria-pressed="true"]');
    await page.keyboard.press('j');
    await page.waitForSelector('.entry[data-entry-id="57"]');
  });

  it('shows the card on a page the digest discusses, closed to the page, acting only on real input', async () => {
    await page.setRequestInterception(true);
    const onRequest = (request: HTTPRequest) => {
      if (request.url().startsWith('https://github.com/')) {
        void request.respond({ status: 200, contentType: 'text/html', body: fixtureHtml(request.url()) });
      } else void request.continue();
    };
    page.on('request', onRequest);
    try {
      await page.goto('https://github.com/myshell-ai/AIlice');
      const host = await page.waitForSelector('sidenote-card[data-entry-ids]');
      if (!host) throw new Error('no card');
      expect(await host.evaluate((element) => element.getAttribute('data-entry-ids'))).toBe('4');
      const box = await host.boundingBox();
      expect(box !== null && box.width > 0 && box.height > 0).toBe(true);
      // Page scripts cannot reach inside.
      expect(await host.evaluate((element) => element.shadowRoot === null)).toBe(true);

      // WebDriver BiDi can: the card's content, styled.
      const { root, mode } = shadowRootOf(host);
      expect(mode).toBe('closed');
      expect(await root.$eval('.card', (card) => (card as HTMLElement).innerText)).toContain('@dotey');
      expect(await root.$eval('.card-title', (title) => getComputedStyle(title).fontWeight)).toBe('600');

      // A script's click (run in the page's realm) is ignored; real input (BiDi input actions) works.
      const expand = await root.$('button[aria-expanded]');
      const save = await root.$('button[aria-pressed]');
      if (!expand || !save) throw new Error('no card buttons');
      await expand.evaluate((button) => (button as HTMLElement).click());
      await save.click();
      await page.waitForFunction((shadow) => shadow.querySelector('button[aria-pressed="true"]') !== null, {}, root);
      expect(await expand.evaluate((button) => button.getAttribute('aria-expanded'))).toBe('false');

      // In-page navigation, seen through the Navigation API from the card script's sandbox.
      await page.evaluate(() => history.pushState({}, '', '/myshell-ai/OpenVoice'));
      await page.waitForSelector('sidenote-card[data-entry-ids="34"]');
    } finally {
      page.off('request', onRequest);
      await page.setRequestInterception(false);
    }
  });
});

describe('Sidenote in a Firefox without the Navigation API (as ESR 140, the oldest it supports, is)', () => {
  let legacy: FirefoxSession;
  let tab: Page;
  beforeAll(async () => {
    legacy = await launchFirefox({ prefs: { 'dom.navigation.webidl.enabled': false } });
    tab = await legacy.browser.newPage();
  });
  afterAll(async () => {
    await legacy?.close();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await tab.screenshot({ path: screenshotPath(`firefox-legacy-${context.task.name}`) });
  });

  it('follows in-page navigation: to a discussed page (the background), then a site retitling itself, a click, back (the card)', async () => {
    await tab.setRequestInterception(true);
    tab.on('request', (request) => {
      const body = '<button id="to-ailice" onclick="history.pushState({}, \'\', \'/myshell-ai/AIlice\')">AIlice</button>';
      void request.respond({ status: 200, contentType: 'text/html', body: fixtureHtml(request.url(), { body }) });
    });
    await tab.goto('https://github.com/myshell-ai');
    expect(await tab.evaluate(() => 'navigation' in window)).toBe(false);
    // A page nothing discusses runs no card script: the browser's tab update brings it.
    await tab.evaluate(() => history.pushState({}, '', '/myshell-ai/AIlice'));
    await tab.waitForSelector('sidenote-card[data-entry-ids="4"]');
    // From here the card's script follows the page. No input at all: only the new title tells.
    await tab.evaluate(() => {
      history.pushState({}, '', '/myshell-ai/OpenVoice');
      document.title = 'OpenVoice';
    });
    await tab.waitForSelector('sidenote-card[data-entry-ids="34"]');
    // A click whose handler pushes the URL, title unchanged.
    await tab.click('#to-ailice');
    await tab.waitForSelector('sidenote-card[data-entry-ids="4"]');
    await tab.evaluate(() => history.back());
    await tab.waitForSelector('sidenote-card[data-entry-ids="34"]');
  });
});

describe('Sidenote installed while a discussed page is open', () => {
  let late: FirefoxSession | undefined;
  afterAll(async () => {
    await late?.close();
  });

  it('shows that page its card at once, with no reload or navigation; installed again, one card', async () => {
    let open: Page | undefined;
    late = await launchFirefox({
      beforeInstall: async (browser) => {
        open = await browser.newPage();
        await open.setRequestInterception(true);
        open.on('request', (request) => {
          void request.respond({ status: 200, contentType: 'text/html', body: fixtureHtml(request.url()) });
        });
        await open.goto('https://github.com/myshell-ai/AIlice');
      },
    });
    if (open === undefined) throw new Error('no page was opened before the install');
    expect(await open.evaluate(() => location.href)).toBe('https://github.com/myshell-ai/AIlice');
    await open.waitForSelector('sidenote-card[data-entry-ids="4"]');

    // Firefox leaves an uninstalled extension's elements in the page: installed again, Sidenote
    // shows one card, its own, in place of the dead one.
    await open.$eval('sidenote-card', (host) => host.setAttribute('data-before', ''));
    await late.browser.uninstallExtension(FIREFOX_EXTENSION_ID);
    expect(await open.$$eval('sidenote-card[data-before]', (hosts) => hosts.length)).toBe(1);
    await late.browser.installExtension(FIREFOX_BUILD);
    await open.waitForSelector('sidenote-card[data-entry-ids="4"]:not([data-before])');
    expect(await open.$$eval('sidenote-card', (hosts) => hosts.length)).toBe(1);
  });
});
