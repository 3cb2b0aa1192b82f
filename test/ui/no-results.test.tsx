import { afterEach, expect, it } from 'vitest';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator } from '../../lib/i18n/messages';
import type { EntryFilters } from '../../lib/search/entry-filters';
import { NoResults } from '../../lib/ui/NoResults';
import { renderInDom, type Rendered } from '../support/dom';

const en = createTranslator(buildLocales().en);
let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

it.each<[string, EntryFilters, string]>([
  ['Saved', { isSavedOnly: true }, 'Nothing saved yet.'],
  ['Has a note', { hasNote: true }, 'No notes yet.'],
])('the empty %s view gives its own advice, not the search advice', (_view, filters, advice) => {
  rendered = renderInDom(<NoResults t={en} query="" filters={filters} unmatched={[]} />);
  const text = rendered.container.textContent ?? '';
  expect(text).toContain(advice);
  expect(text).not.toContain(en('tryFewerWords'));
  expect(rendered.container.querySelector('[role="status"]')).not.toBeNull();
});
