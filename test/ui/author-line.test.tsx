import { describe, expect, it } from 'vitest';
import { AuthorLine } from '../../lib/ui/AuthorLine';
import { textOf } from '../support/vnode-text';

describe('AuthorLine', () => {
  it.each([
    // The card's header and a result row (popup, reader list): what both showed before.
    [
      'name, handle, date and label',
      <AuthorLine author="宝玉" handle="dotey" date="2024-03-04" entryId={4} />,
      '宝玉 @dotey · 2024-03-04 · #4',
    ],
    [
      'a later volume label',
      <AuthorLine author="歸藏" handle="op7418" date="2024-04-03" entryId={1001} />,
      '歸藏 @op7418 · 2024-04-03 · #2-01',
    ],
    // A post of the entry page and the card's later posts.
    ['name and handle', <AuthorLine author="Leonie" handle="helloiamleonie" />, 'Leonie @helloiamleonie'],
    // A quoted post, dated as the digest wrote it.
    ['a written date', <AuthorLine author="宝玉" handle="dotey" dateText="3月18日" />, '宝玉 @dotey · 3月18日'],
    ['an unknown date', <AuthorLine author="宝玉" handle="dotey" date="" />, '宝玉 @dotey · —'],
    [
      'more after a separator',
      <AuthorLine author="a" handle="b" date="2024-03-01" entryId={2}>
        3 links
      </AuthorLine>,
      'a @b · 2024-03-01 · #2 · 3 links',
    ],
  ])('%s', (_label, line, text) => {
    expect(textOf(line)).toBe(text);
  });

  it('keeps words apart for screen readers, without the dots', () => {
    const line = <AuthorLine author="宝玉" handle="dotey" date="2024-03-04" entryId={4} />;
    expect(textOf(line, { isForAssistiveTech: true }).replace(/ +/g, ' ')).toBe('宝玉 @dotey 2024-03-04 #4');
  });
});
