import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Popup, RESULT_LIMIT } from '../../entrypoints/popup/Popup';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator, type Translate } from '../../lib/i18n/messages';
import { translateCount } from '../../lib/i18n/plural';
import type { Route } from '../../lib/reader/route';
import { MAX_QUERY_LENGTH } from '../../lib/search/limits';
import { summarizeEntry, type SearchRequest, type SearchResponse } from '../../lib/search/search-entries';
import { renderInDom, visibleText, type Rendered } from '../support/dom';
import { makeEntry } from '../support/entries';
import { memoryStorage } from '../support/memory-storage';
import { emptyAnswer } from '../support/search-answers';

const locales = buildLocales();
const en = createTranslator(locales.en);

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

it.each(Object.entries(locales))('%s: the popup has one top-level heading naming it (axe page-has-heading-one)', (_locale, messages) => {
  const t = createTranslator(messages);
  const empty: SearchResponse = { query: '', offset: 0, total: 0, results: [], unmatched: [], notices: [] };
  rendered = renderInDom(
    <Popup
      t={t}
      search={() => Promise.resolve(empty)}
      openReader={() => Promise.resolve()}
      openSettings={() => Promise.resolve()}
      storage={memoryStorage()}
      onUserDataChanged={() => () => undefined}
    />,
  );
  const headings = rendered.container.querySelectorAll('h1');
  expect(headings).toHaveLength(1);
  expect(headings[0]?.textContent).toBe(t('extensionName'));
});

/** A digest of `total` entries, of which the popup is given at most a page. */
function fakeSearch(total: number) {
  const requests: SearchRequest[] = [];
  const search = (request: SearchRequest): Promise<SearchResponse> => {
    requests.push(request);
    if (request.query.length > MAX_QUERY_LENGTH) return Promise.reject(new Error(`query longer than ${MAX_QUERY_LENGTH} characters`));
    // What the background says of 🙂, !!! or →: nothing to search for.
    const empty = emptyAnswer(request);
    if (empty.hasNoSearchTerms) return Promise.resolve(empty);
    const shown = Math.min(total, request.limit);
    const results = Array.from({ length: shown }, (_, i) => summarizeEntry(makeEntry(total - i, `Entry ${total - i}`)));
    return Promise.resolve({ query: request.query, offset: 0, total, results, unmatched: [], notices: [] });
  };
  return { search, requests };
}

let openReader: ReturnType<typeof vi.fn<(route: Route) => Promise<void>>>;
let openSettings: ReturnType<typeof vi.fn<() => Promise<void>>>;

async function renderPopup(t: Translate, search: (request: SearchRequest) => Promise<SearchResponse>): Promise<HTMLElement> {
  rendered = renderInDom(
    <Popup
      t={t}
      search={search}
      openReader={openReader}
      openSettings={openSettings}
      storage={memoryStorage()}
      onUserDataChanged={() => () => undefined}
    />,
  );
  await settle();
  return rendered.container;
}

async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function type(container: HTMLElement, text: string): Promise<void> {
  const input = container.querySelector('input[type="search"]') as HTMLInputElement;
  act(() => {
    input.value = text;
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
  });
  await settle();
}

function click(element: Element | undefined): void {
  if (!element) throw new Error('nothing to click');
  act(() => void element.dispatchEvent(new window.Event('click', { bubbles: true })));
}

function buttonNamed(container: HTMLElement, text: string): Element | undefined {
  return [...container.querySelectorAll('button')].find((button) => visibleText(button).includes(text));
}

beforeEach(() => {
  openReader = vi.fn(() => Promise.resolve());
  openSettings = vi.fn(() => Promise.resolve());
});

describe('a long query in the popup', () => {
  it.each(Object.entries(locales))('%s: searches its first characters and says so, never sending more', async (_locale, messages) => {
    const t = createTranslator(messages);
    const { search, requests } = fakeSearch(119);
    const container = await renderPopup(t, search);
    const typed = `${'Claude 长文本 '.repeat(30)}end`;
    await type(container, typed);
    expect(requests.every((request) => request.query.length <= MAX_QUERY_LENGTH)).toBe(true);
    expect(typed.startsWith(requests.at(-1)?.query ?? '')).toBe(true);
    expect(container.querySelector('.status-error')).toBeNull();
    expect(container.querySelector('[data-notice="clipped"]')?.textContent).toBe(translateCount(t, 'noticeClipped', MAX_QUERY_LENGTH));
    expect((container.querySelector('input[type="search"]') as HTMLInputElement).value).toBe(typed);
  });
});

describe('a query of emoji or symbols in the popup', () => {
  it.each(Object.keys(locales).flatMap((locale) => ['🙂', '!!!', '→'].map((query) => [locale as keyof typeof locales, query] as const)))(
    '%s: %s has nothing to search for, and no entry is said to match',
    async (locale, query) => {
      const t = createTranslator(locales[locale]);
      const container = await renderPopup(t, fakeSearch(119).search);
      await type(container, query);
      expect(container.querySelector('.empty')?.textContent).toBe(t('nothingToSearch', query));
      expect(container.querySelectorAll('#results [data-entry-id]')).toHaveLength(0);
      expect(container.querySelector('.status')?.textContent).not.toContain('119');
    },
  );
});

describe('the rest of a long list', () => {
  it.each(Object.entries(locales))('%s: the popup ends with a way to see every result in the reader', async (_locale, messages) => {
    const t = createTranslator(messages);
    const container = await renderPopup(t, fakeSearch(119).search);
    await type(container, 'sora');
    expect(container.querySelectorAll('#results [data-entry-id]')).toHaveLength(RESULT_LIMIT);
    const more = buttonNamed(container, translateCount(t, 'allInReader', 119));
    expect(more).toBeDefined();
    // After the list, not inside it: a listbox holds only options.
    expect(more?.closest('#results')).toBeNull();
    click(more);
    expect(openReader).toHaveBeenCalledWith({ view: 'search', query: 'sora', filters: {} });
  });

  it('opens the saved-only search, or the timeline for the latest entries', async () => {
    const container = await renderPopup(en, fakeSearch(119).search);
    click(buttonNamed(container, 'See all 119 entries in the reader'));
    expect(openReader).toHaveBeenLastCalledWith({ view: 'timeline' });
    const savedOnly = container.querySelector('input[type="checkbox"]') as HTMLInputElement;
    act(() => {
      savedOnly.checked = true;
      savedOnly.dispatchEvent(new window.Event('change', { bubbles: true }));
    });
    await settle();
    await type(container, ' sora ');
    click(buttonNamed(container, 'See all 119 entries in the reader'));
    expect(openReader).toHaveBeenLastCalledWith({ view: 'search', query: 'sora', filters: { isSavedOnly: true } });
  });

  it('has no such button when every result is shown', async () => {
    const container = await renderPopup(en, fakeSearch(RESULT_LIMIT).search);
    await type(container, 'sora');
    expect(container.querySelectorAll('#results [data-entry-id]')).toHaveLength(RESULT_LIMIT);
    expect(container.querySelector('.more-in-reader')).toBeNull();
  });
});

describe('settings from the popup', () => {
  it.each(Object.entries(locales))('%s: a labelled button opens the options page', async (_locale, messages) => {
    const t = createTranslator(messages);
    const container = await renderPopup(t, fakeSearch(3).search);
    const button = buttonNamed(container, t('openSettings'));
    expect(button).toBeDefined();
    click(button);
    expect(openSettings).toHaveBeenCalledTimes(1);
  });

  it('says so when the options page cannot be opened', async () => {
    openSettings = vi.fn(() => Promise.reject(new Error('no tab for you')));
    const container = await renderPopup(en, fakeSearch(3).search);
    click(buttonNamed(container, 'Settings'));
    await settle();
    expect(container.querySelector('.status-error')?.textContent).toBe('Could not open the settings: no tab for you');
  });
});
