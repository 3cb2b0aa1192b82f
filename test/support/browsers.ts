// Launches the built extension in real browsers: Debian Chromium through playwright-core and
// Firefox ESR through puppeteer-core over WebDriver BiDi. Used by the browser tests and benchmarks.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROME_BUILD = join(ROOT, '.output', 'chrome-mv3');
export const FIREFOX_BUILD = join(ROOT, '.output', 'firefox-mv2');
export const RESULTS_DIR = join(ROOT, 'test-results');
export const FIREFOX_EXTENSION_ID = 'sidenote@sidenote.invalid';
/** Pinned so tests can open moz-extension:// pages (Firefox otherwise picks a random UUID per profile). */
const FIREFOX_EXTENSION_UUID = '5f6a7e0e-6b1d-4c55-9d1e-5e1d0e5a1de0';

// Without these, Chromium keeps calling home, and this machine's closed network refuses it.
const QUIET_CHROMIUM = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type ChromiumSession = {
  context: BrowserContext;
  extensionId: string;
  extensionUrl: (path: string) => string;
  close: () => Promise<void>;
};

export type ChromiumOptions = {
  extensionDir?: string;
  /** Reuse a profile (to test what survives a browser restart); it is then left for the caller to delete. */
  profileDir?: string;
  /** The browser's UI language, e.g. 'zh-CN'. */
  locale?: string;
};

export function createProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'sidenote-chromium-'));
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumSession> {
  const extensionDir = options.extensionDir ?? CHROME_BUILD;
  const profile = options.profileDir ?? createProfileDir();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    // On Linux, Chromium takes its UI language (and so chrome.i18n's) from LANGUAGE.
    ...(options.locale ? { locale: options.locale, env: { ...process.env, LANGUAGE: options.locale.replace('-', '_') } } : {}),
    args: [
      ...QUIET_CHROMIUM,
      ...(options.locale ? [`--lang=${options.locale}`] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  // The worker is reported before its script has run. A new install's listeners (tab updates
  // among them) exist only once it has: the browser drops what happens before. Users install and
  // then browse; a test must not navigate inside that first half second either. An evaluation
  // runs after the script's first task.
  await worker.evaluate(() => undefined);
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    close: async () => {
      await context.close();
      if (options.profileDir === undefined) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A Chromium whose UI language is `locale`, for the length of `use`. */
export async function withBrowserIn(locale: string, use: (localized: ChromiumSession) => Promise<void>): Promise<void> {
  const localized = await launchChromium({ locale });
  try {
    await use(localized);
  } finally {
    await localized.close();
  }
}

export type FirefoxSession = {
  browser: Browser;
  extensionUrl: (path: string) => string;
  /** Loads an extension page in `page` and waits until `readySelector` exists. */
  openExtensionPage: (page: Page, path: string, readySelector: string) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Opens a moz-extension:// page, which moves the tab from a web content process to the extension
 * process. Two facts of Firefox ESR 153's WebDriver BiDi shape this:
 * - it sends no domContentLoaded or load event for the extension document (only navigationStarted,
 *   navigationCommitted and realm events), so a default `page.goto` never settles, and
 *   `page.url()` stays about:blank;
 * - an evaluation that reaches a document while the navigation tears it down (the tab's initial
 *   about:blank, or the blank document the tab briefly has in the extension process) fails with
 *   "unknown error: TypeError: right-hand side of 'in' should be an object, got null" (its
 *   script.sys.mjs `#buildReturnValue` gets a null completion), which Puppeteer's waitForSelector
 *   treats as final. Waiting for the content while the navigation ran is what failed 2 of 11 runs.
 * So: no lifecycle event to wait for (`waitUntil: []`), which leaves `goto` waiting for the BiDi
 * navigate command itself (readiness "interactive", which Firefox does report), and only then
 * look for the content, in the document that will stay.
 */
async function openFirefoxExtensionPage(page: Page, url: string, readySelector: string): Promise<void> {
  await page.goto(url, { waitUntil: [] });
  await page.waitForSelector(readySelector, { timeout: 20_000 });
}

export type FirefoxOptions = {
  extensionDir?: string;
  /** Install this packed extension (a .zip or .xpi) instead of a build folder. */
  extensionArchive?: string;
  /** Extra preferences, e.g. to switch off a web API the browser would otherwise have. */
  prefs?: Record<string, unknown>;
  /** Runs in the browser before Sidenote is installed (to have pages open at install). */
  beforeInstall?: (browser: Browser) => Promise<void>;
};

/** The slice of Puppeteer's BiDi browser that sends a raw WebDriver BiDi command. */
type BidiConnection = { send: (method: string, params: object) => Promise<{ result?: { extension?: string } }> };

/**
 * Installs a packed extension as it is. Puppeteer's `installExtension` only sends
 * `{type: 'path'}`; WebDriver BiDi's `webExtension.install` also takes `{type: 'archivePath'}`,
 * sent here on Puppeteer's BiDi connection (checked at run time, so a Puppeteer change fails loudly).
 */
async function installExtensionArchive(browser: Browser, archivePath: string): Promise<string> {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (typeof connection?.send !== 'function')
    throw new Error("Puppeteer's BiDi browser no longer exposes its connection: update installExtensionArchive");
  const { result } = await connection.send('webExtension.install', { extensionData: { type: 'archivePath', path: archivePath } });
  if (result?.extension === undefined) throw new Error(`Firefox installed no extension from ${archivePath}`);
  return result.extension;
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxSession> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    // WebDriver BiDi refuses to navigate to moz-extension:// pages without this flag.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID }),
      ...options.prefs,
    },
  });
  await options.beforeInstall?.(browser);
  if (options.extensionArchive === undefined) await browser.installExtension(options.extensionDir ?? FIREFOX_BUILD);
  else await installExtensionArchive(browser, options.extensionArchive);
  const extensionUrl = (path: string) => `moz-extension://${FIREFOX_EXTENSION_UUID}/${path.replace(/^\//, '')}`;
  return {
    browser,
    extensionUrl,
    openExtensionPage: (page, path, readySelector) => openFirefoxExtensionPage(page, extensionUrl(path), readySelector),
    close: () => browser.close(),
  };
}

/** Where a failing test leaves its screenshot. */
export function screenshotPath(testName: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, `${testName.replace(/[^\w.-]+/g, '_').slice(0, 100)}.png`);
}
