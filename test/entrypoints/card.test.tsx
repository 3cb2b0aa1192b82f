import { afterEach, describe, expect, it } from 'vitest';
import { Card, type CardProps } from '../../entrypoints/annotate.content/Card';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator } from '../../lib/i18n/messages';
import type { CardEntry } from '../../lib/annotate/page-match';
import { accessibleName, renderInDom, visibleText, type Rendered } from '../support/dom';

const locales = buildLocales();

function entriesOf(count: number): CardEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    date: '2024-03-18',
    posts: [{ author: '宝玉', handle: 'dotey', text: `Post ${i + 1}` }],
    isSaved: false,
    matchedKey: 'github.com/myshell-ai/ailice',
  }));
}

const noop = () => undefined;
let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

function renderPill(locale: keyof typeof locales, count: number): HTMLButtonElement {
  const props: CardProps = {
    t: createTranslator(locales[locale]),
    entries: entriesOf(count),
    isCollapsed: true,
    notice: undefined,
    onCollapse: noop,
    onDismiss: noop,
    onMuteSite: noop,
    onOpenReader: noop,
    onToggleSave: noop,
  };
  rendered = renderInDom(<Card {...props} />);
  const pill = rendered.container.querySelector('button.card-pill');
  if (!pill) throw new Error('no pill');
  return pill as HTMLButtonElement;
}

describe('the collapsed card (pill)', () => {
  it.each([
    ['en', 1, '注 1', 'Show Sidenote’s 1 entry for this page'],
    ['en', 3, '注 3', 'Show Sidenote’s 3 entries for this page'],
    ['zh_CN', 1, '注 1', '显示本页的 1 条 Sidenote 条目'],
    ['zh_TW', 2, '註 2', '顯示本頁的 2 條 Sidenote 條目'],
  ] as const)('%s, %d: the accessible name begins with the visible text (label in name)', (locale, count, visible, words) => {
    const pill = renderPill(locale, count);
    expect(visibleText(pill)).toBe(visible);
    const name = accessibleName(pill);
    expect(name.startsWith(visibleText(pill)), name).toBe(true);
    expect(name).toContain(words);
  });

  it('never says "1 entries"', () => {
    expect(accessibleName(renderPill('en', 1))).not.toMatch(/\b1 entries/);
  });
});
