import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator } from '../../lib/i18n/messages';
import { summarizeEntry, type SearchResult } from '../../lib/search/search-entries';
import { ResultItem } from '../../lib/ui/ResultItem';
import { renderInDom, visibleText, type Rendered } from '../support/dom';
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

const locales = buildLocales();

const row = (overrides: Partial<SearchResult> = {}): SearchResult => ({
  id: 58,
  date: '2024-03-18',
  title: { text: 'Kimi 支持 200 万字上下文', highlights: [] },
  author: '宝玉',
  handle: 'dotey',
  snippet: { text: '正文', highlights: [], isCutStart: false, isCutEnd: false },
  linkCount: 0,
  isSaved: false,
  hasNote: true,
  note: { text: '打算周末复现这个评测', highlights: [[2, 6]], isCutStart: false, isCutEnd: true },
  ...overrides,
});

function renderRow(result: SearchResult, locale: keyof typeof locales = 'en'): HTMLElement {
  rendered = renderInDom(
    <ul>
      <ResultItem result={result} isActive={false} domId="row-58" t={createTranslator(locales[locale])} onOpen={() => undefined} />
    </ul>,
  );
  return rendered.container;
}

describe('a result row with a note', () => {
  it.each([
    ['en', 'Your note: 打算周末复现这个评测…'],
    ['zh_CN', '你的笔记： 打算周末复现这个评测…'],
    ['zh_TW', '你的筆記： 打算周末复现这个评测…'],
  ] as const)('%s: shows the note excerpt after its label', (locale, text) => {
    const note = renderRow(row(), locale).querySelector('.result-note');
    expect(note && visibleText(note)).toBe(text);
  });

  it('highlights the query in the note', () => {
    const marks = [...renderRow(row()).querySelectorAll('.result-note mark')].map((mark) => mark.textContent);
    expect(marks).toEqual(['周末复现']);
  });

  it.each<[string, Partial<SearchResult>]>([
    // A note cleared elsewhere: the live mark says so before the list is read again.
    ['whose note was cleared since', { hasNote: false }],
    ['whose excerpt is blank', { note: { text: '  ', highlights: [], isCutStart: false, isCutEnd: false } }],
  ])('shows no note line for a row %s', (_label, overrides) => {
    expect(renderRow(row(overrides)).querySelector('.result-note')).toBeNull();
  });

  it('shows no note line for a row without a note', () => {
    const { note: _note, ...withoutNote } = row({ hasNote: false });
    expect(renderRow(withoutNote).querySelector('.result-note')).toBeNull();
  });
});
