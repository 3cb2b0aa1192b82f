import { afterEach, expect, it } from 'vitest';
import { Popup } from '../../entrypoints/popup/Popup';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator } from '../../lib/i18n/messages';
import type { SearchResponse } from '../../lib/search/search-entries';
import { renderInDom, type Rendered } from '../support/dom';
import { memoryStorage } from '../support/memory-storage';

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
