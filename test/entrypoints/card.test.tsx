import { afterEach, describe, expect, it } from 'vitest';
import { Card, type CardProps } from '../../entrypoints/annotate/Card';
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

function cardProps(locale: keyof typeof locales, count: number, overrides: Partial<CardProps> = {}): CardProps {
  return {
    t: createTranslator(locales[locale]),
    entries: entriesOf(count),
    isCollapsed: false,
    notice: undefined,
    mutedHost: undefined,
    onCollapse: noop,
    onDismiss: noop,
    onMuteSite: noop,
    onUndoMute: noop,
    onCloseUndo: noop,
    onOpenReader: noop,
    onToggleSave: noop,
    ...overrides,
  };
}

function renderPill(locale: keyof typeof locales, count: number): HTMLButtonElement {
  rendered = renderInDom(<Card {...cardProps(locale, count, { isCollapsed: true })} />);
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

describe('the card just after "Never on this site"', () => {
  const renderMuted = (locale: keyof typeof locales, overrides: Partial<CardProps> = {}) => {
    rendered = renderInDom(<Card {...cardProps(locale, 2, { mutedHost: 'huggingface.co', ...overrides })} />);
    return rendered.container;
  };
  const buttonNames = (container: HTMLElement) => [...container.querySelectorAll('button')].map(accessibleName);

  it.each([
    ['en', 'Cards are off on huggingface.co.', ['Undo', '× Close']],
    ['zh_CN', '已在 huggingface.co 关闭卡片。', ['撤销', '× 关闭']],
    ['zh_TW', '已在 huggingface.co 關閉卡片。', ['復原', '× 關閉']],
  ] as const)('%s: says the site is muted and offers to undo it', (locale, status, buttons) => {
    const card = renderMuted(locale);
    expect(card.querySelector('[role="status"]')?.textContent).toBe(status);
    expect(buttonNames(card)).toEqual(buttons);
  });

  it('shows no entries, no mute button and no pill, even on a page where the card was collapsed', () => {
    for (const isCollapsed of [false, true]) {
      const card = renderMuted('en', { isCollapsed });
      expect(card.querySelector('.card-entry')).toBeNull();
      expect(card.querySelector('.card-pill')).toBeNull();
      expect(buttonNames(card)).not.toContain('Never on this site');
      rendered?.unmount();
      rendered = undefined;
    }
  });

  it('says in the offer why an undo failed', () => {
    const card = renderMuted('en', { notice: 'Could not turn cards back on for this site: offline' });
    expect(card.querySelector('[role="alert"]')?.textContent).toBe('Could not turn cards back on for this site: offline');
  });

  it('ignores a click the page made', () => {
    let undone = 0;
    const card = renderMuted('en', { onUndoMute: () => undone++ });
    const undo = [...card.querySelectorAll('button')].find((button) => accessibleName(button) === 'Undo');
    const click = card.ownerDocument.createEvent('Event');
    click.initEvent('click', true, true);
    undo?.dispatchEvent(click);
    expect(undo).toBeDefined();
    expect(undone).toBe(0);
  });
});
