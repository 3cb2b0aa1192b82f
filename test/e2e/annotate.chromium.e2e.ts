import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { CARD_SCRIPT } from '../../lib/annotate/card-injection';
import { CHROME_BUILD, type ChromiumSession } from '../support/browsers';
import { CARD_HOST as CARD, CardPage } from '../support/card-page';
import { EXTENSION_WORLD, isolatedWorldNames } from '../support/content-script-world';
import { useChromiumSuite } from '../support/chromium-suite';
import { serveFixtures, type FixtureOptions } from '../support/fixture-pages';

let fixtureOptions: Record<string, FixtureOptions> = {};
const suite = useChromiumSuite('annotate', (launched) => serveFixtures(launched.context, (url) => fixtureOptions[url] ?? {}));
let session: ChromiumSession;
let page: Page;
/** The card sits in a closed shadow root: tests reach it over the DevTools protocol. */
let card: CardPage;

beforeEach(async () => {
  fixtureOptions = {};
  ({ session, page } = suite);
  card = await CardPage.attach(page);
});

function cardIds(): Promise<string> {
  return card.entryIds();
}

/** Same-document navigation, as x.com, YouTube and GitHub do it. */
async function pushState(url: string): Promise<void> {
  await page.evaluate((next) => history.pushState({}, '', next), url);
}

async function badgeOfActiveTab(): Promise<string> {
  const worker = session.context.serviceWorkers()[0];
  if (!worker) throw new Error('no service worker');
  return worker.evaluate(async () => {
    type Chrome = {
      tabs: { query: (q: object) => Promise<{ id?: number }[]> };
      action: { getBadgeText: (d: { tabId?: number }) => Promise<string> };
    };
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return chrome.action.getBadgeText({ tabId: tab?.id });
  });
}

describe('page cards in Chromium', () => {
  it.each([
    ['a GitHub repo', 'https://github.com/myshell-ai/AIlice', '4'],
    ['a GitHub repo in another spelling', 'https://github.com/MyShell-AI/AIlice/tree/main?tab=readme-ov-file', '4'],
    ['a status on twitter.com', 'https://twitter.com/ylecun/status/1766498677751787723', '30'],
    ['a status on x.com under another handle', 'https://x.com/i/web/status/1766498677751787723', '30'],
    ['a YouTube video', 'https://www.youtube.com/watch?v=yNuLPWu38IU&t=42s', '48'],
    ['a youtu.be link', 'https://youtu.be/yNuLPWu38IU', '48'],
    ['an arXiv PDF', 'https://arxiv.org/pdf/2403.09611v1', '38'],
    ['a WeChat article two entries cite', 'https://mp.weixin.qq.com/s/qVXcyw96IEPjrvZeA_1VMQ', '2 3'],
    ['a Hugging Face model', 'https://huggingface.co/lllyasviel/ControlNet-v1-1', '37'],
    ['a home page', 'https://elevenlabs.io/', '34'],
    // Cited as chat.openai.com, which now redirects there.
    ['a shared ChatGPT conversation on chatgpt.com', 'https://chatgpt.com/share/4236c6c9-792b-45b4-a79b-349435408705', '41'],
  ])('shows the card on %s', async (_label, url, ids) => {
    await page.goto(url);
    expect(await cardIds()).toBe(ids);
  });

  it.each([
    ['an org page', 'https://github.com/myshell-ai/AIlice', 'https://github.com/myshell-ai'],
    ['an issue of the repo', 'https://github.com/myshell-ai/AIlice', 'https://github.com/myshell-ai/AIlice/issues/7'],
    ['a profile', 'https://x.com/ylecun/status/1766498677751787723', 'https://x.com/ylecun'],
    ['another video', 'https://www.youtube.com/watch?v=yNuLPWu38IU', 'https://www.youtube.com/watch?v=yNuLPWu38IV'],
    ['another paper', 'https://arxiv.org/abs/2403.09611', 'https://arxiv.org/abs/2403.09612'],
    ['another WeChat token', 'https://mp.weixin.qq.com/s/qVXcyw96IEPjrvZeA_1VMQ', 'https://mp.weixin.qq.com/s/qVXcyw96IEPjrvZeA_1VMx'],
    ['a deeper page of a cited home page', 'https://elevenlabs.io/', 'https://elevenlabs.io/pricing'],
  ])('removes the card when in-page navigation leaves for %s', async (_label, matching, other) => {
    await page.goto(matching);
    await cardIds();
    await pushState(other);
    await card.waitForHost('detached');
    await pushState(matching);
    await card.waitForHost('attached');
  });

  it('appears when in-page navigation arrives at a discussed page, and sets the badge', async () => {
    await page.goto('https://github.com/myshell-ai');
    await pushState('https://github.com/myshell-ai/AIlice');
    expect(await cardIds()).toBe('4');
    await page.bringToFront();
    await expect.poll(badgeOfActiveTab).toBe('1');
    await pushState('https://github.com/myshell-ai/OpenVoice');
    await card.waitForHost('attached', '34');
    await pushState('https://github.com/myshell-ai');
    await card.waitForHost('detached');
    await expect.poll(badgeOfActiveTab).toBe('');
  });

  it('shows the commentary as text, expands to the whole entry, and opens the reader', async () => {
    await page.goto('https://github.com/myshell-ai/AIlice');
    await cardIds();
    expect(await card.text()).toContain('@dotey');
    expect(await card.text()).toContain('github.com/myshell-ai/ailice');
    await card.click('Show the whole entry');
    await card.waitFor('button[aria-expanded="true"]');
    expect(await card.hasButton('Show less')).toBe(true);
    const [readerTab] = await Promise.all([session.context.waitForEvent('page'), card.click('Open in the reader')]);
    await readerTab.waitForSelector('.entry[data-entry-id="4"]');
    await readerTab.close();
  });

  it('keeps markup in a card as characters', async () => {
    await page.goto('https://x.com/dotey/status/1773398767628161265');
    expect(await cardIds()).toBe('108');
    await card.click('Show the whole entry');
    await card.waitFor('button[aria-expanded="true"]');
    expect(await card.text()).toContain('<prompt_explanation>');
    expect(await card.query('.card')).toBeDefined();
    expect(await card.query('prompt_explanation, code_analysis_section')).toBeUndefined();
  });

  it('saves from the card, and the save shows in the reader', async () => {
    await page.goto('https://arxiv.org/abs/2403.09611');
    await cardIds();
    await card.click('Save');
    await card.waitFor('button[aria-pressed="true"]');
    expect(await card.hasButton('Saved ✓')).toBe(true);
    const reader = await session.context.newPage();
    await reader.goto(session.extensionUrl('reader.html#/entry/38'));
    await reader.getByRole('button', { name: 'Saved ✓' }).waitFor();
    await reader.getByRole('button', { name: 'Saved ✓' }).click();
    await reader.getByRole('button', { name: 'Save', exact: true }).waitFor();
    await reader.close();
  });

  it('collapses to a pill when dismissed, and comes back', async () => {
    await page.goto('https://github.com/myshell-ai/AIlice');
    await cardIds();
    await card.click(/Hide for this page/);
    await card.waitFor('.card-pill');
    expect(await card.hasButton(/Show Sidenote’s 1 entry for this page/)).toBe(true);
    expect(await card.query('.card')).toBeUndefined();
    await card.click(/Show Sidenote’s 1 entry for this page/);
    await card.waitFor('.card');
  });

  it('"Never on this site" clears the badge and offers an undo for a few seconds; the options page lists the muted site and unmutes it', async () => {
    const url = 'https://huggingface.co/lllyasviel/ControlNet-v1-1';
    await page.goto(url);
    expect(await cardIds()).toBe('37');
    const options = await session.context.newPage();
    // The badge read is the active tab's, and the card is clicked as a user would: in front.
    await page.bringToFront();
    await expect.poll(badgeOfActiveTab).toBe('1');
    const unmuteInOptions = async () => {
      await options.goto(session.extensionUrl('options.html'));
      await options.getByRole('button', { name: 'Show cards on huggingface.co again' }).click();
      await options.getByText('No muted sites.').waitFor();
      await page.reload();
      expect(await cardIds()).toBe('37');
      await page.bringToFront();
    };
    try {
      // Muted: the badge goes at once, and the card offers an undo that brings both back.
      await card.click('Never on this site');
      await card.waitFor('.card-undo');
      expect(await card.text()).toContain('Cards are off on huggingface.co.');
      await expect.poll(badgeOfActiveTab).toBe('');
      await card.click('Undo');
      await card.waitForHost('attached', '37');
      await card.waitFor('.card-entry');
      await expect.poll(badgeOfActiveTab).toBe('1');

      // The offer closed with ×: the card goes, the site stays muted.
      await card.click('Never on this site');
      await card.waitFor('.card-undo');
      await card.click(/Close/);
      await card.waitForHost('detached');
      await unmuteInOptions();

      // Nobody undoes: the offer ends by itself after a few seconds, the site muted.
      await card.click('Never on this site');
      await card.waitFor('.card-undo');
      await page.waitForSelector(CARD, { state: 'detached', timeout: 15_000 });
      await unmuteInOptions();

      // The global switch is kept across visits to the options page.
      await options.getByLabel('Show cards on pages the digest discusses').uncheck();
      await options.reload();
      expect(await options.getByLabel('Show cards on pages the digest discusses').isChecked()).toBe(false);
      await options.getByLabel('Show cards on pages the digest discusses').check();
    } finally {
      await options.close();
    }
  });

  it('sits in a corner without moving the page, and survives hostile page CSS', async () => {
    const url = 'https://github.com/jasonppy/VoiceCraft';
    fixtureOptions[url] = {
      css: `* { display: block !important; position: static !important; opacity: 1 !important; }
            sidenote-card { display: none !important; }
            div, section, button { color: red !important; font-size: 40px !important; all: revert !important; }`,
      body: '<div style="height: 3000px">tall</div>',
    };
    await page.goto(url);
    const before = await page.evaluate(() => document.getElementById('content')?.getBoundingClientRect().toJSON());
    await cardIds();
    await card.waitFor('.card');
    const after = await page.evaluate(() => document.getElementById('content')?.getBoundingClientRect().toJSON());
    expect(after).toEqual(before);
    const box = await card.box('.card');
    const viewport = page.viewportSize();
    expect(box.width).toBeGreaterThan(0);
    expect(viewport && box.x + box.width > viewport.width - 40 && box.y + box.height > viewport.height - 40).toBe(true);
    expect(await page.locator(CARD).evaluate((host) => getComputedStyle(host).position)).toBe('fixed');
    expect(await card.computedStyle('.card-title', 'font-size')).not.toBe('40px');
  });

  it('works on a page with a strict Content-Security-Policy', async () => {
    const url = 'https://github.com/topoteretes/cognee';
    fixtureOptions[url] = { headers: { 'Content-Security-Policy': "default-src 'none'" } };
    await page.goto(url);
    expect(await cardIds()).toBe('77');
    // Styled (the sheet was not blocked): the card has its rounded border.
    expect(await card.computedStyle('.card', 'border-top-left-radius')).toBe('12px');
  });

  it("keeps keys typed in the card away from the site's shortcuts and does not take focus", async () => {
    const url = 'https://github.com/6174/comflowyspace';
    fixtureOptions[url] = {
      body: '<script>window.keys = []; document.addEventListener("keydown", (e) => window.keys.push(e.key));</script>',
    };
    await page.goto(url);
    await cardIds();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
    await card.focus('Save');
    await page.keyboard.press('s');
    await page.keyboard.press('j');
    expect(await page.evaluate(() => (window as unknown as { keys: string[] }).keys)).toEqual([]);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('k');
    expect(await page.evaluate(() => (window as unknown as { keys: string[] }).keys)).toEqual(['k']);
  });

  it('hides and shows the card on the toggle command', async () => {
    await page.goto('https://github.com/hundredblocks/transcription_demo');
    await cardIds();
    await page.bringToFront();
    const worker = session.context.serviceWorkers()[0];
    if (!worker) throw new Error('no service worker');
    // What the background does on the command (commands cannot be pressed from a test).
    const toggle = () =>
      worker.evaluate(async () => {
        type Chrome = {
          tabs: { query: (q: object) => Promise<{ id?: number }[]>; sendMessage: (id: number, m: object) => Promise<unknown> };
        };
        const { chrome } = globalThis as unknown as { chrome: Chrome };
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        await chrome.tabs.sendMessage(tab?.id ?? -1, { protocol: 'sidenote-tab/1', name: 'toggleCard', data: {} });
      });
    await toggle();
    await card.waitFor('.card', 'detached');
    await toggle();
    await card.waitFor('.card');
  });

  it('runs only where it can matter: nothing in pages it does not discuss, host access to cited hosts only, no file exposed to pages', async () => {
    const manifest = JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8')) as {
      content_scripts?: unknown[];
      permissions?: string[];
      host_permissions: string[];
      web_accessible_resources?: unknown[];
    };
    // No content script is declared: the background reads a cited tab's URL and injects on a match.
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect(manifest.host_permissions).toContain('*://github.com/*');
    expect(manifest.host_permissions).toContain('*://twitter.com/*');
    expect(manifest.host_permissions.some((m) => m.includes('<all_urls>') || m.includes('example.com') || m === '*://*/*')).toBe(false);
    expect(manifest.permissions ?? []).not.toContain('tabs');
    // A web-accessible file would let any page probe for Sidenote; the card's script is injected instead.
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    // The card's script never carries Dexie or FlexSearch (a content script's IndexedDB is the page's).
    // Each marker is shown to be in the bundle that does carry the library, so its absence means something.
    const cardCode = readFileSync(join(CHROME_BUILD, CARD_SCRIPT), 'utf8');
    for (const marker of ['Dexie', 'FlexSearch']) {
      expect(readFileSync(join(CHROME_BUILD, 'background.js'), 'utf8')).toContain(marker);
      expect(cardCode).not.toContain(marker);
    }

    // A page of a cited host that nothing discusses runs no Sidenote code at all: no isolated world.
    await page.goto('https://github.com/torvalds/linux');
    await page.waitForLoadState('load');
    await pushState('https://github.com/torvalds/linux/pulls');
    // Time for a wrong injection to happen (the background hears of both navigations within ms).
    await page.waitForTimeout(500);
    expect(await isolatedWorldNames(page)).not.toContain(EXTENSION_WORLD);
    // The world is there where a card is, so its absence above means something.
    await pushState('https://github.com/myshell-ai/AIlice');
    await card.waitForHost('attached', '4');
    expect(await isolatedWorldNames(page)).toContain(EXTENSION_WORLD);
    // A reload is a new document: the card comes back.
    await page.reload();
    await card.waitForHost('attached', '4');

    // A host the corpus never cites gets no card even at a path that would match elsewhere.
    await page.goto('https://example.com/myshell-ai/AIlice');
    await page.waitForLoadState('load');
    expect(await page.locator(CARD).count()).toBe(0);
  });
});
