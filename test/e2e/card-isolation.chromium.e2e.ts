// The card against the page it sits on: a page script can neither read it, nor press its buttons,
// nor learn the extension's id from the content script, nor stop it or steer it with WXT's old
// event names; and the card reports its own failures. (Chromium; Firefox: firefox.e2e.ts.)
import type { Page, Worker } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { withBrowserIn, type ChromiumSession } from '../support/browsers';
import { CARD_HOST, CardPage } from '../support/card-page';
import { useChromiumSuite } from '../support/chromium-suite';
import { serveFixtures } from '../support/fixture-pages';

const suite = useChromiumSuite('card-isolation', (launched) => serveFixtures(launched.context));
let session: ChromiumSession;
let page: Page;
let card: CardPage;

beforeEach(async () => {
  ({ session, page } = suite);
  card = await CardPage.attach(page);
});

const AILICE = 'https://github.com/myshell-ai/AIlice';
const OPENVOICE = 'https://github.com/myshell-ai/OpenVoice';
const ORG = 'https://github.com/myshell-ai';

function serviceWorker(of: ChromiumSession): Worker {
  const worker = of.context.serviceWorkers()[0];
  if (!worker) throw new Error('no service worker');
  return worker;
}

async function pushState(url: string): Promise<void> {
  await page.evaluate((next) => history.pushState({}, '', next), url);
}

/** Lets the page render whatever a click would have changed (two frames), so "nothing changed" means it. */
async function renderingSettled(): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** What a page script would do to a button it got hold of: script clicks, made-up mouse and key events. */
const FORGED_PRESSES = `function () {
  this.click();
  this.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, view: window }));
  this.focus();
  for (const key of ['Enter', ' ']) {
    for (const type of ['keydown', 'keypress', 'keyup']) {
      this.dispatchEvent(new KeyboardEvent(type, { key, bubbles: true, composed: true, cancelable: true }));
    }
  }
}`;

describe('what a page can reach of the card', () => {
  it('sees its host but no shadow root', async () => {
    await page.goto(AILICE);
    expect(await card.entryIds()).toBe('4');
    expect(
      await page.evaluate(() => {
        const host = document.querySelector('sidenote-card');
        return { hasHost: host !== null, shadowRoot: host?.shadowRoot, bodyText: document.body.innerText };
      }),
    ).toEqual({ hasHost: true, shadowRoot: null, bodyText: expect.not.stringContaining('@dotey') });
    // The card is there all the same (reached over CDP, which pierces closed roots).
    expect(await card.text()).toContain('@dotey');
  });

  it("cannot load the card's script or any file of the extension: nothing is web-accessible to probe for", async () => {
    await page.goto(AILICE);
    expect(await card.entryIds()).toBe('4');
    const loads = await page.evaluate(async (base) => {
      const tryLoad = async (path: string) => {
        try {
          await fetch(base + path);
          return 'loaded';
        } catch {
          return 'refused';
        }
      };
      return { card: await tryLoad('annotate-card.js'), manifest: await tryLoad('manifest.json') };
    }, session.extensionUrl('/'));
    expect(loads).toEqual({ card: 'refused', manifest: 'refused' });
  });

  it("cannot press the card's buttons even holding them: script clicks, made-up mouse and key events do nothing", async () => {
    const url = 'https://arxiv.org/abs/2403.09611';
    await page.goto(url);
    expect(await card.entryIds()).toBe('38');
    const tabsBefore = session.context.pages().length;
    // Each button as an object in the page's own world (the closed root keeps page scripts from
    // getting there; this checks the handlers' own guard).
    for (const name of ['Save', 'Open in the reader', 'Show the whole entry', 'Never on this site', /Hide for this page/]) {
      await card.callAsPage(name, FORGED_PRESSES);
    }
    await renderingSettled();
    expect(await card.attribute('button[aria-pressed]', 'aria-pressed')).toBe('false');
    expect(await card.attribute('button[aria-expanded]', 'aria-expanded')).toBe('false');
    expect(await card.query('.card')).toBeDefined();

    // A real click afterwards opens one tab: the forged ones, sent first, opened none.
    const [readerTab] = await Promise.all([session.context.waitForEvent('page'), card.click('Open in the reader')]);
    await readerTab.waitForSelector('.entry[data-entry-id="38"]');
    expect(session.context.pages().length).toBe(tabsBefore + 1);
    // Not saved: the reader's Save button says so.
    expect(await readerTab.locator('.entry button.save').getAttribute('aria-pressed')).toBe('false');
    await readerTab.close();

    // Collapsed by a real click, the pill cannot be reopened by a forged one.
    await card.click(/Hide for this page/);
    await card.waitFor('.card-pill');
    await card.callAsPage(/Show Sidenote’s 1 entry for this page/, FORGED_PRESSES);
    await renderingSettled();
    expect(await card.query('.card')).toBeUndefined();
    await card.click(/Show Sidenote’s 1 entry for this page/);
    await card.waitFor('.card');

    // The site is not muted: the card is back after a reload.
    await page.reload();
    expect(await card.entryIds()).toBe('38');
  });
});

describe('what the content script tells the page', () => {
  it("posts nothing to the page's message listeners and fires no event named after the extension id", async () => {
    const eventNames = [`${session.extensionId}:annotate:wxt:content-script-started`, `${session.extensionId}:annotate:wxt:locationchange`];
    // Installed before any script of the page or the extension runs.
    await page.addInitScript((names: string[]) => {
      const seen: string[] = [];
      Object.defineProperty(window, '__seen', { value: seen });
      addEventListener('message', (event) => seen.push(`message ${JSON.stringify(event.data)}`));
      for (const name of names) {
        document.addEventListener(name, () => seen.push(`document ${name}`));
        addEventListener(name, () => seen.push(`window ${name}`));
      }
      // Only sees dispatches made in the page's own world: it would catch a script the extension
      // injected into the page. The content script's isolated world has its own prototypes; what it
      // dispatches on the page's nodes is caught by the listeners above (see the control below).
      const dispatch = EventTarget.prototype.dispatchEvent;
      EventTarget.prototype.dispatchEvent = function (event: Event) {
        seen.push(`dispatchEvent ${event.type}`);
        return dispatch.call(this, event);
      };
    }, eventNames);
    const seen = () => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);

    await page.goto(AILICE);
    expect(await card.entryIds()).toBe('4');
    // In-page navigation too: WXT's context announced each one with a window event.
    await pushState(OPENVOICE);
    await card.waitForHost('attached', '34');
    await pushState(ORG);
    await card.waitForHost('detached');
    expect(await seen()).toEqual([]);

    // Control: the same listeners do see what an isolated-world script sends the way WXT's context did.
    const contextId = await card.isolatedWorldContextId(session.extensionId);
    await card.cdp.send('Runtime.evaluate', {
      contextId,
      expression: `document.dispatchEvent(new CustomEvent(${JSON.stringify(eventNames[0])}));
        window.postMessage({ type: ${JSON.stringify(eventNames[0])} }, '*');`,
    });
    await expect.poll(seen).toEqual([`document ${eventNames[0]}`, `message {"type":${JSON.stringify(eventNames[0])}}`]);
  });
});

describe("WXT's old event names, sent by the page", () => {
  it('neither stop the script nor its navigation tracking', async () => {
    const id = session.extensionId;
    await page.goto(AILICE);
    expect(await card.entryIds()).toBe('4');
    await page.evaluate((extensionId) => {
      const started = `${extensionId}:annotate:wxt:content-script-started`;
      const detail = { contentScriptName: 'annotate', messageId: 'from-the-page' };
      document.dispatchEvent(new CustomEvent(started, { detail }));
      window.dispatchEvent(new CustomEvent(started, { detail }));
      window.postMessage({ type: started, ...detail }, '*');
      const change = Object.assign(new Event(`${extensionId}:annotate:wxt:locationchange`), {
        newUrl: new URL('https://github.com/myshell-ai'),
        oldUrl: new URL(location.href),
      });
      window.dispatchEvent(change);
    }, id);
    // A WXT context ended on the spot, removing its card.
    await renderingSettled();
    expect(await page.locator(`${CARD_HOST}[data-entry-ids="4"]`).count()).toBe(1);
    await pushState(OPENVOICE);
    await card.waitForHost('attached', '34');
    await pushState(ORG);
    await card.waitForHost('detached');
  });

  it('cannot hand the script a URL: made-up location and navigation events are ignored', async () => {
    const worker = serviceWorker(session);
    // Every page the content script asks about, as the background receives it.
    await worker.evaluate(() => {
      type Chrome = { runtime: { onMessage: { addListener: (listener: (message: unknown) => undefined) => void } } };
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      const asked: string[] = [];
      Object.assign(globalThis, { __asked: asked });
      chrome.runtime.onMessage.addListener((message) => {
        const { name, data } = message as { name?: string; data?: { url?: string } };
        if (name === 'matchPage') asked.push((data?.url ?? '').toLowerCase());
        return undefined;
      });
    });
    // The card's script runs only in a tab that showed a card: it keeps watching on a page without one.
    await page.goto(OPENVOICE);
    await card.waitForHost('attached', '34');
    await pushState(ORG);
    await card.waitForHost('detached');
    await page.evaluate((extensionId) => {
      const forged = { newUrl: new URL('https://github.com/myshell-ai/AIlice'), oldUrl: new URL(location.href) };
      window.dispatchEvent(Object.assign(new Event(`${extensionId}:annotate:wxt:locationchange`), forged));
      const { navigation } = window as unknown as { navigation: EventTarget };
      navigation.dispatchEvent(new Event('currententrychange'));
      navigation.dispatchEvent(new Event('navigate'));
      window.dispatchEvent(new PopStateEvent('popstate'));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }, session.extensionId);
    // A real navigation afterwards is tracked; nothing asked about AIlice before it.
    await pushState(OPENVOICE);
    await card.waitForHost('attached', '34');
    const asked = await worker.evaluate(() => (globalThis as unknown as { __asked: string[] }).__asked);
    expect(asked.some((key) => key.includes('ailice'))).toBe(false);
    expect(asked.some((key) => key.includes('openvoice'))).toBe(true);
  });
});

/** Makes the service worker's IndexedDB refuse writes to `store` until the returned function runs. */
async function failWritesTo(worker: Worker, store: string): Promise<() => Promise<void>> {
  await worker.evaluate((storeName) => {
    const { put } = IDBObjectStore.prototype;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === storeName) throw new DOMException('The disk is full', 'QuotaExceededError');
      return put.apply(this, args);
    };
    Object.assign(globalThis, { __restorePut: () => (IDBObjectStore.prototype.put = put) });
  }, store);
  return () => worker.evaluate(() => (globalThis as unknown as { __restorePut: () => void }).__restorePut());
}

describe('failures', () => {
  it('shows a failed save in the card, keeps the real state, and clears the notice on the next try', async () => {
    await page.goto('https://twitter.com/ylecun/status/1766498677751787723');
    expect(await card.entryIds()).toBe('30');
    const restore = await failWritesTo(serviceWorker(session), 'userSaved');
    try {
      await card.click('Save');
      await card.waitFor('[role="alert"]');
      expect(await card.text('[role="alert"]')).toMatch(/^Could not save: .+/);
      expect(await card.attribute('button[aria-pressed]', 'aria-pressed')).toBe('false');
      expect(await card.hasButton('Save')).toBe(true);
    } finally {
      await restore();
    }
    await card.click('Save');
    await card.waitFor('button[aria-pressed="true"]');
    expect(await card.query('[role="alert"]')).toBeUndefined();
    await card.click('Saved ✓');
    await card.waitFor('button[aria-pressed="false"]');
  });

  it('says so in the browser’s language', () =>
    withBrowserIn('zh-CN', async (chinese) => {
      await serveFixtures(chinese.context);
      const zhPage = await chinese.context.newPage();
      const zhCard = await CardPage.attach(zhPage);
      await zhPage.goto('https://huggingface.co/lllyasviel/ControlNet-v1-1');
      expect(await zhCard.entryIds()).toBe('37');
      const restore = await failWritesTo(serviceWorker(chinese), 'userMutedSites');
      try {
        await zhCard.click('在此网站不再显示');
        await zhCard.waitFor('[role="alert"]');
        expect(await zhCard.text('[role="alert"]')).toMatch(/^未能在此网站关闭卡片：.+/);
        // Still shown: the site was not muted.
        expect(await zhCard.entryIds()).toBe('37');
      } finally {
        await restore();
      }
    }));
});

// Last: it reloads the extension under the suite's browser.
describe('when the extension goes away', () => {
  it('a card whose extension was reloaded removes itself on the next click, with no notice: a normal shutdown', async () => {
    await page.goto(AILICE);
    expect(await card.entryIds()).toBe('4');
    await serviceWorker(session).evaluate(() => {
      (globalThis as unknown as { chrome: { runtime: { reload: () => void } } }).chrome.runtime.reload();
    });
    // Over CDP: it reports the content script's isolated world too.
    const complaints: string[] = [];
    card.cdp.on('Runtime.consoleAPICalled', ({ type, args }) => {
      if (type === 'warning' || type === 'error') complaints.push(args.map((arg) => String(arg.value ?? arg.description)).join(' '));
    });
    card.cdp.on('Runtime.exceptionThrown', ({ exceptionDetails }) => {
      complaints.push(exceptionDetails.exception?.description ?? exceptionDetails.text);
    });
    await card.cdp.send('Runtime.enable');
    // The orphaned script still shows its card until it acts.
    await card.click('Save');
    await card.waitForHost('detached');
    expect(complaints).toEqual([]);
  });
});
