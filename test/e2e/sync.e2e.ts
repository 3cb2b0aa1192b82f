// Sync end to end: the built extension in Chromium and in Firefox ESR, one local WebDAV folder (a
// real Apache mod_dav, behind a proxy that can hold an upload), set up through the options page
// as a user does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApacheWebDav, type ApacheWebDav } from '../support/apache-webdav';
import { launchChromium, launchFirefox, screenshotPath, type ChromiumSession, type FirefoxSession } from '../support/browsers';
import { startHoldingProxy, type HoldingProxy } from '../support/holding-proxy';
import { folderPermissionPattern } from '../../lib/sync/webdav-client';

const USER = 'alice';
const PASSWORD = '同步密码';

let apache: ApacheWebDav;
let proxy: HoldingProxy;
let chromium: ChromiumSession;
let firefox: FirefoxSession;
let chromiumOptions: PlaywrightPage;
let firefoxOptions: PuppeteerPage;
const firefoxTabs: PuppeteerPage[] = [];

const folderUrl = () => `${proxy.origin}/dav/Sidenote/`;
const STATUS = '[data-sync-state]';

beforeAll(async () => {
  apache = await startApacheWebDav({ username: USER, password: PASSWORD });
  proxy = await startHoldingProxy(apache.origin);
  chromium = await launchChromium();
  // The optional-permission prompt is answered yes, so a real click on Connect grants the origin.
  firefox = await launchFirefox({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await firefox?.close();
  await proxy?.close();
  await apache?.stop();
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  await chromiumOptions?.screenshot({ path: screenshotPath(`sync-chromium-${context.task.name}`) }).catch(() => undefined);
  await firefoxOptions?.screenshot({ path: screenshotPath(`sync-firefox-${context.task.name}`) }).catch(() => undefined);
});

/** Chromium shows a prompt for optional host permissions; grant the origin on chrome://extensions, as a user can. */
async function allowOriginInChromium(origin: string): Promise<void> {
  const extensions = await chromium.context.newPage();
  try {
    await extensions.goto('chrome://extensions');
    await extensions.evaluate(
      async ({ id, pattern }) => {
        type DeveloperPrivate = {
          updateExtensionConfiguration(update: { extensionId: string; hostAccess: string }): Promise<void>;
          addHostPermission(extensionId: string, host: string): Promise<void>;
        };
        const { developerPrivate } = (globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }).chrome;
        await developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: 'ON_SPECIFIC_SITES' });
        await developerPrivate.addHostPermission(id, pattern);
      },
      { id: chromium.extensionId, pattern: folderPermissionPattern(origin) },
    );
  } finally {
    await extensions.close();
  }
}

/** The last success time the options page shows (its status element's data-last-success). */
async function lastSuccess(page: { $eval: PlaywrightPage['$eval'] } | PuppeteerPage): Promise<number> {
  const value = await (page as PlaywrightPage).$eval(STATUS, (element) => element.getAttribute('data-last-success') ?? '');
  return Number(value || 0);
}

/** Clicks Sync now and waits until a round after `since` succeeded. */
async function syncNowChromium(): Promise<void> {
  const since = await lastSuccess(chromiumOptions);
  await chromiumOptions.click('[data-action="sync-now"]');
  await chromiumOptions.waitForFunction(
    (before) => {
      const status = document.querySelector('[data-sync-state]');
      return status?.getAttribute('data-sync-state') === 'ok' && Number(status.getAttribute('data-last-success')) > before;
    },
    since,
    { timeout: 30_000 },
  );
}

async function syncNowFirefox(): Promise<void> {
  const since = await lastSuccess(firefoxOptions);
  await firefoxOptions.bringToFront();
  await firefoxOptions.click('[data-action="sync-now"]');
  await firefoxOptions.waitForFunction(
    (before: number) => {
      const status = document.querySelector('[data-sync-state]');
      return status?.getAttribute('data-sync-state') === 'ok' && Number(status.getAttribute('data-last-success')) > before;
    },
    { timeout: 30_000 },
    since,
  );
}

async function openFirefoxEntry(id: number): Promise<PuppeteerPage> {
  const tab = await firefox.browser.newPage();
  firefoxTabs.push(tab);
  await firefox.openExtensionPage(tab, `reader.html#/entry/${id}`, `.entry[data-entry-id="${id}"]`);
  return tab;
}

async function openChromiumEntry(id: number): Promise<PlaywrightPage> {
  const tab = await chromium.context.newPage();
  await tab.goto(chromium.extensionUrl(`reader.html#/entry/${id}`));
  await tab.waitForSelector(`.entry[data-entry-id="${id}"]`);
  return tab;
}

describe('sync between Chromium and Firefox ESR through a WebDAV folder', () => {
  it('connects each browser through its options page', async () => {
    await allowOriginInChromium(proxy.origin);
    chromiumOptions = await chromium.context.newPage();
    await chromiumOptions.goto(chromium.extensionUrl('options.html'));
    await chromiumOptions.fill('input[name="webdav-url"]', folderUrl());
    await chromiumOptions.fill('input[name="webdav-username"]', USER);
    await chromiumOptions.fill('input[name="webdav-password"]', PASSWORD);
    await chromiumOptions.getByRole('button', { name: 'Connect' }).click();
    // Browser sync (on by default) may already have made the status "ok" at install; the device
    // list comes only from a WebDAV round, so it says this browser's file is in the folder.
    await chromiumOptions.waitForSelector('.sync-devices li', { timeout: 30_000 });
    await chromiumOptions.waitForSelector('[data-sync-state="ok"]', { timeout: 30_000 });

    firefoxOptions = await firefox.browser.newPage();
    await firefox.openExtensionPage(firefoxOptions, 'options.html', 'input[name="webdav-url"]');
    await firefoxOptions.type('input[name="webdav-url"]', folderUrl());
    await firefoxOptions.type('input[name="webdav-username"]', USER);
    await firefoxOptions.type('input[name="webdav-password"]', PASSWORD);
    await firefoxOptions.click('.webdav-form button[type="submit"]');
    await firefoxOptions.waitForSelector('.sync-devices li', { timeout: 30_000 });
    await firefoxOptions.waitForSelector('[data-sync-state="ok"]', { timeout: 30_000 });
    // Both devices see each other.
    await syncNowChromium();
    expect(await chromiumOptions.locator('.sync-devices li').count()).toBe(2);
    const files = readdirSync(join(apache.dataDir, 'Sidenote')).filter((name) => /^sidenote-[0-9a-z]{10}\.json$/.test(name));
    expect(files).toHaveLength(2);
  });

  it('carries a save and a note from Chromium to Firefox, and an unsave back', async () => {
    const reader = await openChromiumEntry(21);
    await reader.keyboard.press('s');
    await reader.waitForSelector('button.save[aria-pressed="true"]');
    await reader.keyboard.press('n');
    await reader.keyboard.type('两个浏览器都能看到的笔记');
    await reader.locator('.note-status', { hasText: 'Saved' }).waitFor();
    await reader.getByRole('button', { name: 'Done' }).click();
    await reader.locator('.user-note').waitFor();
    await syncNowChromium();
    await syncNowFirefox();

    const firefoxReader = await openFirefoxEntry(21);
    await firefoxReader.waitForSelector('button.save[aria-pressed="true"]');
    expect(await firefoxReader.$eval('.user-note', (note) => note.textContent)).toBe('两个浏览器都能看到的笔记');
    await firefoxReader.bringToFront();
    await firefoxReader.keyboard.press('s');
    await firefoxReader.waitForSelector('button.save[aria-pressed="false"]');
    await syncNowFirefox();
    await syncNowChromium();
    // The open Chromium reader shows it without reload; the note stays; its header says it synced.
    await reader.waitForSelector('button.save[aria-pressed="false"]');
    expect(await reader.locator('.user-note').innerText()).toBe('两个浏览器都能看到的笔记');
    expect(await reader.locator('.sync-badge').getAttribute('data-sync-state')).toBe('ok');
    expect(await reader.locator('.sync-badge').getAttribute('href')).toBe(chromium.extensionUrl('options.html'));
    await reader.close();
  });

  it("recovers when Chromium's service worker is stopped mid-upload", async () => {
    const reader = await openChromiumEntry(40);
    await reader.keyboard.press('s');
    await reader.waitForSelector('button.save[aria-pressed="true"]');
    await reader.close();

    const upload = proxy.holdNext('PUT');
    await chromiumOptions.click('[data-action="sync-now"]');
    await upload;
    const cdp = await chromium.context.newCDPSession(chromiumOptions);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    proxy.drop();
    // Every device file in the folder is whole: the upload went to a temporary name.
    for (const name of readdirSync(join(apache.dataDir, 'Sidenote')).filter((file) => file.endsWith('.json') && !file.startsWith('.'))) {
      expect(() => JSON.parse(readFileSync(join(apache.dataDir, 'Sidenote', name), 'utf8')) as unknown).not.toThrow();
    }

    // A new worker answers; the next round completes what the stopped one began.
    await chromiumOptions.reload();
    await chromiumOptions.waitForSelector(STATUS);
    await syncNowChromium();
    await syncNowFirefox();
    const firefoxReader = await openFirefoxEntry(40);
    await firefoxReader.waitForSelector('button.save[aria-pressed="true"]');
  });
});
