import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator } from '../../lib/i18n/messages';
import { summarizeEntry } from '../../lib/search/search-entries';
import { ResultItem } from '../../lib/ui/ResultItem';
import { renderInDom, type Rendered } from '../support/dom';
import { makeEntry } from '../support/entries';

const en = createTranslator(buildLocales().en);
let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

/** The selectors of rules that cut their content off: `overflow: hidden` or an ellipsis. */
function clippingSelectors(cssFiles: string[]): string[] {
  const selectors: string[] = [];
  for (const file of cssFiles) {
    const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const [, selectorList = '', body = ''] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      if (/(^|;)\s*(overflow(-x)?\s*:\s*hidden|text-overflow\s*:\s*ellipsis)/.test(body)) {
        selectors.push(...selectorList.split(',').map((selector) => selector.trim()));
      }
    }
  }
  return selectors;
}

describe('ResultItem', () => {
  it('keeps the saved and note marks out of what a long title’s ellipsis cuts off (popup)', () => {
    const long = `${'一个很长很长的标题，'.repeat(12)}结尾`;
    const result = { ...summarizeEntry(makeEntry(7, long)), isSaved: true, hasNote: true };
    rendered = renderInDom(
      <ul>
        <ResultItem result={result} isActive={false} domId="result-0" t={en} onOpen={() => undefined} />
      </ul>,
    );
    const selectors = clippingSelectors(['lib/ui/result-item.css', 'entrypoints/popup/popup.css']);
    expect(selectors.length).toBeGreaterThan(0);
    const marks = [...rendered.container.querySelectorAll('.mark-saved, .mark-note')];
    expect(marks.map((mark) => mark.getAttribute('aria-label'))).toEqual([en('savedMark'), en('noteMark')]);
    for (const selector of selectors) {
      for (const clipping of rendered.container.querySelectorAll(selector)) {
        for (const mark of marks) expect(clipping.contains(mark), `${selector} would cut off ${mark.className}`).toBe(false);
      }
    }
    // The title text itself is what ellipsizes.
    expect(rendered.container.querySelector('.result-title-text')?.textContent).toContain('结尾');
  });
});
