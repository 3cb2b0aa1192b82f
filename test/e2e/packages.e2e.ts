// The packaged zips (what the stores get), not the build folders: the Chrome zip unpacked and loaded
// in Chromium, which reports no warning or error for it, and the Firefox zip installed as it is in
// Firefox ESR. In each, the popup searches, a cited page shows its card, and the reader opens an
// entry. Needs `npm run package` first (`npm test` runs it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page as ChromiumPage } from 'playwright-core';
import type { HTTPRequest, Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shadowRootOf } from '../support/bidi-shadow-root';
import { launchChromium, launchFirefox, screenshotPath, type ChromiumSession, type FirefoxSession } from '../support/browsers';
import { CardPage } from '../support/card-page';
import { fixtureHtml, serveFixtures } from '../support/fixture-pages';
import { packagePaths, readPackage, unpackZip } from '../support/package-files';
import { PopupPage, type DrivablePage } from '../support/popup-page';

/** 长文本: the three entries that write it, and two that say 长上下文 or long context. */
const LONG_TEXT_ENTRIES = [2, 8, 32, 90, 100];
const CITED_PAGE = 'https://github.com/myshell-ai/AIlice';
const packages = packagePaths();

/** What chrome://extensions knows of an extension (the slice of developerPrivate.ExtensionInfo read here). */
type ExtensionInfo = {
  id: string;
  name: string;
  version: string;
  path: string;
  installWarnings: string[];
  manifestErrors: unknown[];
  runtimeErrors: unknown[];
};

async function extensionsInfo(page: ChromiumPage): Promise<ExtensionInfo[]> {
  return page.evaluate(() => {
    type DeveloperPrivate = { getExtensionsInfo: () => Promise<ExtensionInfo[]> };
    return (globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }).chrome.developerPrivate.getExtensionsInfo();
  });
}

describe('the Chrome zip in Chromium', () => {
  let scratch: string;
  let session: ChromiumSession;
  let page: ChromiumPage;
  let extensionsPage: ChromiumPage;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'sidenote-chrome-zip-'));
    const unpacked = join(scratch, 'sidenote');
    unpackZip(packages.chrome, unpacked);
    // A control loaded beside it: a manifest key Chrome does not know, which it must report, so a
    // clean report for Sidenote means something.
    const control = join(scratch, 'control');
    mkdirSync(control);
    writeFileSync(
      join(control, 'manifest.json'),
      JSON.stringify({ manifest_version: 3, name: 'Control', version: '1.0', sidenote_unknown_key: true }),
    );
    session = await launchChromium({ extensionDir: `${unpacked},${control}` });
    await serveFixtures(session.context);
    // Developer mode switches on Chrome's error console, which records runtime errors from then on
    // and a manifest's warnings when it loads: so both extensions are loaded again, as the reload
    // button on chrome://extensions does (the console missed their first load, at startup).
    extensionsPage = await session.context.newPage();
    await extensionsPage.goto('chrome://extensions');
    await extensionsPage.evaluate(async () => {
      type DeveloperPrivate = {
        updateProfileConfiguration: (update: { inDeveloperMode: boolean }) => Promise<void>;
        getExtensionsInfo: () => Promise<{ id: string; location: string }[]>;
        reload: (id: string, options: { failQuietly: boolean }) => Promise<unknown>;
      };
      const { developerPrivate } = (globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }).chrome;
      await developerPrivate.updateProfileConfiguration({ inDeveloperMode: true });
      for (const { id, location } of await developerPrivate.getExtensionsInfo()) {
        // With failQuietly, a load error comes back as the result instead of a dialog.
        const failure = location === 'UNPACKED' ? await developerPrivate.reload(id, { failQuietly: true }) : undefined;
        if (failure) throw new Error(`reloading ${id} failed: ${JSON.stringify(failure)}`);
      }
    });
    page = await session.context.newPage();
  });
  afterAll(async () => {
    await session?.close();
    rmSync(scratch, { recursive: true, force: true });
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await page.screenshot({ path: screenshotPath(`packages-chromium-${context.task.name}`), fullPage: true });
  });

  it('searches in the popup, shows the card on a cited page, and opens its entry in the reader', async () => {
    const popup = new PopupPage(page);
    await popup.open(session.extensionUrl('popup.html'));
    expect([...(await popup.search('长文本'))].sort((a, b) => a - b)).toEqual(LONG_TEXT_ENTRIES);

    await page.goto(CITED_PAGE);
    const card = await CardPage.attach(page);
    expect(await card.entryIds()).toBe('4');
    expect(await card.text()).toContain('@dotey');
    const [readerTab] = await Promise.all([session.context.waitForEvent('page'), card.click('Open in the reader')]);
    await readerTab.waitForSelector('.entry[data-entry-id="4"]');
    expect(readerTab.url()).toBe(session.extensionUrl('reader.html#/entry/4'));
    await readerTab.close();
  });

  // Runs last: the runtime errors are those of the whole session above. With the error console on,
  // Chrome files a manifest's warnings under manifestErrors (installWarnings stays empty).
  it('is loaded with no manifest warning or error and no runtime error (where the control has its warning)', async () => {
    const infos = await extensionsInfo(extensionsPage);
    const sidenote = infos.find((info) => info.id === session.extensionId);
    const control = infos.find((info) => info.name === 'Control');
    expect(control?.manifestErrors).toEqual([expect.objectContaining({ message: "Unrecognized manifest key 'sidenote_unknown_key'." })]);
    expect(sidenote).toMatchObject({ name: 'Sidenote', path: join(scratch, 'sidenote') });
    expect({
      installWarnings: sidenote?.installWarnings,
      manifestErrors: sidenote?.manifestErrors,
      runtimeErrors: sidenote?.runtimeErrors,
    }).toEqual({
      installWarnings: [],
      manifestErrors: [],
      runtimeErrors: [],
    });
  });
});

describe('the Firefox zip in Firefox ESR', () => {
  let session: FirefoxSession;
  let page: FirefoxPage;

  beforeAll(async () => {
    // Installed from the archive itself (WebDriver BiDi's archivePath), as a user's Firefox gets it.
    readPackage(packages.firefox);
    session = await launchFirefox({ extensionArchive: packages.firefox });
    page = await session.browser.newPage();
  });
  afterAll(async () => {
    await session?.close();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: screenshotPath(`packages-firefox-${context.task.name}`) });
  });

  it('searches in the popup, shows the card on a cited page, and opens an entry in the reader', async () => {
    const popup = new PopupPage(page as unknown as DrivablePage);
    await session.openExtensionPage(page, 'popup.html', PopupPage.READY_SELECTOR);
    await popup.waitForResultsOf('');
    expect([...(await popup.search('长文本'))].sort((a, b) => a - b)).toEqual(LONG_TEXT_ENTRIES);

    await page.setRequestInterception(true);
    const onRequest = (request: HTTPRequest) => {
      if (request.url().startsWith('https://github.com/')) {
        void request.respond({ status: 200, contentType: 'text/html', body: fixtureHtml(request.url()) });
      } else void request.continue();
    };
    page.on('request', onRequest);
    try {
      await page.goto(CITED_PAGE);
      const host = await page.waitForSelector('sidenote-card[data-entry-ids="4"]');
      if (!host) throw new Error('no card');
      const { root } = shadowRootOf(host);
      expect(await root.$eval('.card', (card) => (card as HTMLElement).innerText)).toContain('@dotey');
    } finally {
      page.off('request', onRequest);
      await page.setRequestInterception(false);
    }

    await session.openExtensionPage(page, 'reader.html#/entry/4', '.entry[data-entry-id="4"]');
    expect(await page.$eval('.entry[data-entry-id="4"]', (entry) => entry.textContent ?? '')).toContain('AIlice');
  });
});
