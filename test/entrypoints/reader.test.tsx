import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReaderApi } from '../../entrypoints/reader/reader-api';
import { Reader } from '../../entrypoints/reader/Reader';
import { entryLabel } from '../../lib/corpus/entry-id';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator, type Translate } from '../../lib/i18n/messages';
import { MAX_QUERY_LENGTH } from '../../lib/search/limits';
import type { SearchRequest } from '../../lib/search/search-entries';
import { accessibleName, renderInDom, type Rendered } from '../support/dom';
import { installHashHistory, type HashHistory } from '../support/hash-history';
import { memoryStorage } from '../support/memory-storage';
import { emptyAnswer } from '../support/search-answers';

const locales = buildLocales();
const en = createTranslator(locales.en);

let rendered: Rendered | undefined;
let tab: HashHistory;
let requests: SearchRequest[];
let openSettings: ReturnType<typeof vi.fn<() => Promise<void>>>;
/** The element the user is typing in: linkedom keeps no focus, the reader asks `document.activeElement`. */
let focused: Element | null;

/** What the background would answer: nothing, or nothing to search for in a query of symbols. */
const answer = emptyAnswer;

/** Overrides of the fake background for one test (failures, entries). */
let apiOverrides: Partial<ReaderApi> = {};

function fakeApi(): ReaderApi {
  return {
    ...baseApi(),
    ...apiOverrides,
  };
}

function baseApi(): ReaderApi {
  return {
    search: (request) => {
      requests.push(request);
      return request.query.length > MAX_QUERY_LENGTH
        ? Promise.reject(Object.assign(new Error(`query longer than ${MAX_QUERY_LENGTH} characters`), { name: 'MessageValidationError' }))
        : Promise.resolve(answer(request));
    },
    getEntry: () => Promise.resolve(null),
    setSaved: () => Promise.reject(new Error('not in this test')),
    setNote: () => Promise.reject(new Error('not in this test')),
    listAuthors: () => Promise.resolve([]),
    listOrphans: () => Promise.resolve([]),
    syncOverview: () => Promise.reject(new Error('not in this test')),
    optionsUrl: 'chrome-extension://id/options.html',
    openSettings,
    onUserDataChanged: () => () => undefined,
  };
}

/** Lets promises settle and a pending hashchange fire, inside act so Preact renders. */
async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
}

async function openReader(hash: string, t: Translate = en): Promise<void> {
  // (the fake background is fakeApi(): baseApi() with this test's apiOverrides)
  tab = installHashHistory(hash);
  rendered = renderInDom(<Reader t={t} api={fakeApi()} storage={memoryStorage()} />);
  Object.defineProperty(document, 'activeElement', { configurable: true, get: () => focused });
  // Entry pages scroll to the top; linkedom has no layout to scroll.
  Object.assign(window, { scrollTo: () => undefined });
  await settle();
}

function box(): HTMLInputElement {
  const input = rendered?.container.querySelector<HTMLInputElement>('input[type="search"]');
  if (!input) throw new Error('no search box');
  return input;
}

/** Typing as the browser reports it: focus, the new value, then an input event. */
async function type(text: string): Promise<void> {
  focused = box();
  act(() => {
    box().value = text;
    box().dispatchEvent(new window.Event('input', { bubbles: true }));
  });
  await settle();
}

async function go(move: () => void): Promise<void> {
  act(move);
  await settle();
}

beforeEach(() => {
  apiOverrides = {};
  requests = [];
  focused = null;
  openSettings = vi.fn(() => Promise.resolve());
  vi.stubGlobal('sessionStorage', memoryStorage());
  vi.stubGlobal('navigator', { locks: { request: () => Promise.resolve(), query: () => Promise.resolve({ held: [] }) } });
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 0));
  vi.stubGlobal('cancelAnimationFrame', (frame: number) => clearTimeout(frame));
});

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
  vi.unstubAllGlobals();
});

describe('the reader’s search box', () => {
  it('shows the query of the current route after Back and Forward, even while focused', async () => {
    await openReader('#/');
    await type('sora');
    await type('sora ai');
    expect(tab.entries().hashes).toEqual(['#/', '#/search?q=sora+ai']);
    await go(() => tab.back());
    expect(box().value).toBe('');
    await go(() => tab.forward());
    expect(box().value).toBe('sora ai');
  });

  it('is empty on entry pages, however many follow a search', async () => {
    await openReader('#/search?q=sora');
    expect(box().value).toBe('sora');
    await type('sora video');
    // Back to a route that has no query while the box still has focus, then on to entry pages.
    await go(() => (location.hash = '#/entry/5'));
    expect(box().value).toBe('');
    focused = null;
    await go(() => (location.hash = '#/entry/6'));
    expect(box().value).toBe('');
    await go(() => tab.back());
    await go(() => tab.back());
    expect(box().value).toBe('sora video');
  });
});

describe('a long query in the reader', () => {
  it.each(Object.entries(locales))('%s: searches the first characters and says so, never sending more', async (_locale, messages) => {
    const t = createTranslator(messages);
    const typed = `${'Claude 长文本 '.repeat(30)}end`;
    await openReader('#/', t);
    await type(typed);
    expect(box().value).toBe(typed);
    const sent = requests.at(-1)?.query ?? '';
    expect(sent.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(typed.startsWith(sent)).toBe(true);
    expect(requests.every((request) => request.query.length <= MAX_QUERY_LENGTH)).toBe(true);
    const container = rendered?.container;
    expect(container?.querySelector('[role="alert"]')).toBeNull();
    const notice = container?.querySelector('.query-notices [data-notice="clipped"]')?.textContent ?? '';
    expect(notice).toContain(String(MAX_QUERY_LENGTH));
    expect(notice).toBe(t('noticeClipped_other', MAX_QUERY_LENGTH));
  });

  it('searches a long link’s query the same way', async () => {
    await openReader(`#/search?q=${'x'.repeat(500)}`);
    expect(requests.at(-1)?.query).toBe('x'.repeat(MAX_QUERY_LENGTH));
    expect(rendered?.container.textContent).not.toContain(en('retry'));
  });
});

describe('a query of symbols in the reader', () => {
  it.each(Object.entries(locales))('%s: says there is nothing to search for', async (_locale, messages) => {
    const t = createTranslator(messages);
    await openReader('#/', t);
    await type('🙂');
    expect(rendered?.container.querySelector('.empty')?.textContent).toBe(t('nothingToSearch', '🙂'));
  });
});

describe('settings from the reader', () => {
  it.each(Object.entries(locales))('%s: a labelled button opens the options page', async (_locale, messages) => {
    const t = createTranslator(messages);
    await openReader('#/', t);
    const button = [...(rendered?.container.querySelectorAll('header button') ?? [])].find(
      (candidate) => accessibleName(candidate) === t('openSettings'),
    );
    expect(button).toBeDefined();
    act(() => void button?.dispatchEvent(new window.Event('click', { bubbles: true })));
    await settle();
    expect(openSettings).toHaveBeenCalledTimes(1);
  });
});

describe('the reader’s error paths', () => {
  const alertText = () => rendered?.container.querySelector('[role="alert"]')?.textContent ?? '';

  it.each(Object.entries(locales))(
    '%s: an entry that is not in the digest says so and links back to the timeline',
    async (_locale, messages) => {
      const t = createTranslator(messages);
      await openReader('#/entry/9999', t);
      expect(alertText()).toContain(t('noSuchEntry', entryLabel(9999)));
      expect(rendered?.container.querySelector('[role="alert"] a[href="#/"]')).not.toBeNull();
      // Nothing to retry when the entry is simply not there.
      expect(rendered?.container.querySelector('[role="alert"] button')).toBeNull();
    },
  );

  it('an entry that fails to load says why in the user’s words, and Try again asks again', async () => {
    let calls = 0;
    apiOverrides = {
      getEntry: () => {
        calls++;
        return Promise.reject(Object.assign(new Error('Could not establish connection. Receiving end does not exist.'), { name: 'Error' }));
      },
    };
    await openReader('#/entry/4');
    expect(alertText()).not.toBe('');
    const retry = rendered?.container.querySelector<HTMLButtonElement>('[role="alert"] button');
    expect(retry?.textContent).toBe(en('retry'));
    act(() => retry?.click());
    await settle();
    expect(calls).toBe(2);
  });

  it('a search that fails shows the error with Try again, which searches again and shows the answer', async () => {
    let isDown = true;
    apiOverrides = {
      search: (request) => {
        requests.push(request);
        return isDown
          ? Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'))
          : Promise.resolve(answer(request));
      },
    };
    await openReader('#/search?q=claude');
    expect(alertText()).toContain(en('retry'));
    isDown = false;
    act(() => rendered?.container.querySelector<HTMLButtonElement>('[role="alert"] button')?.click());
    await settle();
    expect(rendered?.container.querySelector('[role="alert"]')).toBeNull();
    expect(requests.filter((request) => request.query === 'claude').length).toBeGreaterThanOrEqual(2);
  });
});
