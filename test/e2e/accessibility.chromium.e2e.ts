// axe-core on every view a user touches — popup (empty and with results), the reader's timeline,
// an entry, a search, the saved, has-a-note and no-longer-in-the-digest lists, the shortcuts
// dialog, the options page and the page card (collapsed excerpt, expanded, pill) — in both colour
// schemes and all three UI languages: no violation of any impact.
//
// The card lives in a closed shadow root, which axe cannot enter: the test rebuilds what it renders
// (markup, adopted style sheets, host attributes, read through the DevTools protocol) in an open
// shadow root of a plain page and checks that.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, type AxeViolation } from '../support/axe';
import { withBrowserIn, type ChromiumSession } from '../support/browsers';
import { CardPage, type CardSnapshot } from '../support/card-page';
import { serveFixtures } from '../support/fixture-pages';

const LOCALES = ['en-US', 'zh-CN', 'zh-TW'] as const;
const SCHEMES = ['light', 'dark'] as const;

type View = { name: string; path: string; settle: (page: Page) => Promise<void> };

const listShown = (page: Page) => page.waitForSelector('.result[data-entry-id]').then(() => undefined);

const VIEWS: View[] = [
  { name: 'popup', path: 'popup.html', settle: listShown },
  {
    name: 'popup with a query',
    path: 'popup.html',
    settle: async (page) => {
      await page.waitForSelector('#results[data-query=""][aria-busy="false"]');
      await page.fill('input[type="search"]', 'claude');
      await page.waitForSelector('#results[data-query="claude"][aria-busy="false"] .result mark');
    },
  },
  { name: 'timeline', path: 'reader.html#/', settle: listShown },
  {
    name: 'entry',
    path: 'reader.html#/entry/4',
    settle: (page) => page.waitForSelector('.entry[data-entry-id="4"]').then(() => undefined),
  },
  { name: 'search', path: 'reader.html#/search?q=%E6%8F%90%E7%A4%BA%E8%AF%8D', settle: listShown },
  { name: 'saved (empty)', path: 'reader.html#/search?saved=1', settle: (page) => page.waitForSelector('main').then(() => undefined) },
  { name: 'has a note (empty)', path: 'reader.html#/search?note=1', settle: (page) => page.waitForSelector('main').then(() => undefined) },
  { name: 'no longer in the digest', path: 'reader.html#/orphans', settle: (page) => page.waitForSelector('main').then(() => undefined) },
  {
    name: 'shortcuts dialog',
    path: 'reader.html#/',
    settle: async (page) => {
      await listShown(page);
      await page.keyboard.press('?');
      await page.waitForSelector('[role="dialog"]');
    },
  },
  { name: 'options', path: 'options.html', settle: (page) => page.waitForSelector('[data-sync-state]').then(() => undefined) },
];

const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.slice(0, 3).join(', ')}`);

/** Rebuilds a card snapshot in an open shadow root on a blank page of the same language and scheme. */
async function cardViolations(page: Page, snapshot: CardSnapshot, lang: string): Promise<AxeViolation[]> {
  await page.setContent(
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Host page</title></head><body><main><h1>Host page</h1><div id="card-host"></div></main></body></html>`,
  );
  await page.evaluate((card) => {
    const host = document.getElementById('card-host') as HTMLElement;
    for (const [name, value] of card.hostAttributes) if (name !== 'id') host.setAttribute(name, value);
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(card.css);
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = card.html;
  }, snapshot);
  return axeViolations(page);
}

async function checkLocale(session: ChromiumSession, locale: string): Promise<string[]> {
  const found: string[] = [];
  const page = await session.context.newPage();
  const blank = await session.context.newPage();
  const stopServing = await serveFixtures(session.context);
  try {
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await blank.emulateMedia({ colorScheme: scheme });
      for (const view of VIEWS) {
        await page.goto('about:blank');
        await page.goto(session.extensionUrl(view.path));
        await view.settle(page);
        for (const line of describeViolations(await axeViolations(page))) found.push(`${locale} ${scheme} ${view.name}: ${line}`);
      }
      const card = await CardPage.attach(page);
      await page.goto('https://github.com/myshell-ai/AIlice');
      await card.waitForHost('attached');
      await card.waitFor('.card');
      const states: [string, () => Promise<void>][] = [
        ['card', async () => undefined],
        [
          'card expanded',
          async () => {
            await card.clickSelector('button[aria-expanded="false"]');
            await card.waitFor('button[aria-expanded="true"]');
          },
        ],
        [
          'card pill',
          async () => {
            await card.clickSelector('.card-close');
            await card.waitFor('.card-pill');
          },
        ],
      ];
      for (const [name, reach] of states) {
        await reach();
        for (const line of describeViolations(await cardViolations(blank, await card.snapshot(), locale))) {
          found.push(`${locale} ${scheme} ${name}: ${line}`);
        }
      }
    }
  } finally {
    await stopServing();
    await blank.close();
    await page.close();
  }
  return found;
}

describe('accessibility (axe-core, every impact)', { timeout: 240_000 }, () => {
  for (const locale of LOCALES) {
    it(`has no violation in any view, in both schemes, in ${locale}`, async () => {
      let found: string[] = [];
      await withBrowserIn(locale, async (session) => {
        found = await checkLocale(session, locale);
      });
      expect(found).toEqual([]);
    });
  }
});
