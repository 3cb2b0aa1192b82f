import { afterEach, expect, it } from 'vitest';
import { Popup } from '../../entrypoints/popup/Popup';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator } from '../../lib/i18n/messages';
import type { SearchResponse } from '../../lib/search/search-entries';
import { renderInDom, type Rendered } from '../support/dom';

/** A Storage that forgets: the popup only caches the latest list in it. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

it.each(Object.entries(buildLocales()))(
  '%s: the popup has one top-level heading naming it (axe page-has-heading-one)',
  (_locale, messages) => {
    const t = createTranslator(messages);
    const empty: SearchResponse = { query: '', offset: 0, total: 0, results: [], unmatched: [], notices: [] };
    rendered = renderInDom(
      <Popup
        t={t}
        search={() => Promise.resolve(empty)}
        openReader={() => Promise.resolve()}
        storage={memoryStorage()}
        onUserDataChanged={() => () => undefined}
      />,
    );
    const headings = rendered.container.querySelectorAll('h1');
    expect(headings).toHaveLength(1);
    expect(headings[0]?.textContent).toBe(t('extensionName'));
  },
);
