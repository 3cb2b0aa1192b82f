import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractUrls, trimUrl } from '../../lib/corpus/extract-urls';
import { parseInline } from '../../lib/render/markdown-lite';
import { propertyRuns } from '../support/property-runs';

/** The hrefs the reader links in one line of post text. */
const linkedIn = (line: string) => parseInline(line).flatMap((part) => (part.type === 'link' ? [part.href] : []));

describe('extractUrls', () => {
  it.each([
    ['glued to Chinese', 'http://claude.ai上的Claude', ['http://claude.ai']],
    ['unbalanced bracket', '[链接 https://deeplearning.ai/the-batch/issue-241/]', ['https://deeplearning.ai/the-batch/issue-241/']],
    ['in parentheses', '视频 (https://youtube.com/watch?v=Smklr44N8QU)', ['https://youtube.com/watch?v=Smklr44N8QU']],
    ['full-width paren', '（https://mp.weixin.qq.com/s/4111julSNH4XPXsUc8XEXA）', ['https://mp.weixin.qq.com/s/4111julSNH4XPXsUc8XEXA']],
    [
      'full-width comma and stop',
      '见https://kimi.moonshot.cn，或者https://zideai.com。',
      ['https://kimi.moonshot.cn', 'https://zideai.com'],
    ],
    ['markdown link', '[标题](https://mp.weixin.qq.com/s/Vxmlgh_ldJNa5RNwFSHmUA)', ['https://mp.weixin.qq.com/s/Vxmlgh_ldJNa5RNwFSHmUA']],
    ['balanced parens kept', 'https://en.wikipedia.org/wiki/Foo_(bar)', ['https://en.wikipedia.org/wiki/Foo_(bar)']],
    ['trailing ASCII punctuation', 'see https://x.ai/blog/grok-os.', ['https://x.ai/blog/grok-os']],
    [
      'query and fragment kept',
      'https://mp.weixin.qq.com/s?__biz=Mj==&mid=1&idx=1#rd',
      ['https://mp.weixin.qq.com/s?__biz=Mj==&mid=1&idx=1#rd'],
    ],
    ['not a URL', 'http:// nothing here', []],
    ['scheme only host', 'https://localhost', []],
  ])('%s', (_label, text, expected) => {
    expect(extractUrls(text)).toEqual(expected);
  });
});

describe('trimUrl', () => {
  it.each([
    ['a stop inside a closing paren (the reader once linked …/x.)', 'https://a.com/x.)', 'https://a.com/x'],
    ['a closing paren inside a stop', 'https://a.com/x).', 'https://a.com/x'],
    ['punctuation and brackets interleaved', 'https://a.com/x.)],;', 'https://a.com/x'],
    ['a balanced pair, then an extra closer', 'https://a.com/Foo_(bar))', 'https://a.com/Foo_(bar)'],
    ['a balanced pair ending in punctuation', 'https://a.com/Foo_(bar).', 'https://a.com/Foo_(bar)'],
    ['braces and angle brackets', 'https://a.com/x}>', 'https://a.com/x'],
    ['an opener is never dropped', 'https://a.com/x(', 'https://a.com/x('],
    ['a mid-URL stop is kept', 'https://a.com/v1.2/x', 'https://a.com/v1.2/x'],
    ['nothing to trim', 'https://a.com/x', 'https://a.com/x'],
    ['all trimmed', '.)]', ''],
  ])('%s', (_label, raw, expected) => {
    expect(trimUrl(raw)).toBe(expected);
  });

  it.each([
    ['")"', ')'],
    ['".)"', '.)'],
    ['"]."', '].'],
  ])('trims a 100,000-character run of %s after a URL (linear: this once took minutes)', (_label, unit) => {
    const run = unit.repeat(100_000 / unit.length);
    expect(trimUrl(`https://a.com/x${run}`)).toBe('https://a.com/x');
    expect(extractUrls(`见 https://a.com/x${run} 了`)).toEqual(['https://a.com/x']);
    expect(parseInline(`https://a.com/x${run}`)).toEqual([
      { type: 'link', text: 'https://a.com/x', href: 'https://a.com/x' },
      { type: 'text', text: run },
    ]);
  });

  it('gives the corpus and the reader the same URL', () => {
    for (const text of ['https://a.com/x.)', '(see https://a.com/x.)', 'https://a.com/Foo_(bar)).', 'https://a.com/x]).']) {
      const linked = parseInline(text).flatMap((part) => (part.type === 'link' ? [part.href] : []));
      expect(linked).toEqual(extractUrls(text));
    }
  });
});

// Where a URL in text ends, asked of the corpus (what an entry cites, what its card matches) and of
// the reader (what it links): one function answers both, so each row checks the two alike.
describe('where a URL in text ends, for the corpus and the reader alike', () => {
  const wiki = 'https://en.wikipedia.org/wiki/Foo_(bar)';
  it.each<[string, string, string[]]>([
    ['a stop inside a closing paren', '见 https://a.com/x.)', ['https://a.com/x']],
    ['in ASCII parentheses', '(see https://a.com/x)', ['https://a.com/x']],
    ['a sentence end', 'See https://a.com/x.', ['https://a.com/x']],
    ['a question, an exclamation', 'https://a.com/x? https://b.com/y!', ['https://a.com/x', 'https://b.com/y']],
    ['a query that ends a sentence', 'https://a.com/x?q=1&r=2.', ['https://a.com/x?q=1&r=2']],
    ['a colon and a semicolon', 'https://a.com/x: https://b.com/y;', ['https://a.com/x', 'https://b.com/y']],
    ['a full-width comma', '见https://a.com/x，再看', ['https://a.com/x']],
    ['a full-width stop', '见https://a.com/x。', ['https://a.com/x']],
    ['full-width parentheses', '（https://a.com/x）', ['https://a.com/x']],
    ['corner brackets', '「https://a.com/x」', ['https://a.com/x']],
    ['an ideographic comma and CJK text', 'https://a.com/x、https://b.com/y上的', ['https://a.com/x', 'https://b.com/y']],
    ['a Wikipedia URL keeps its balanced parentheses', `见 ${wiki}`, [wiki]],
    ['a Wikipedia URL in parentheses', `(${wiki})`, [wiki]],
    ['a Wikipedia URL ending a sentence', `${wiki}.`, [wiki]],
    ['a Wikipedia URL as a markdown link', `[Foo](${wiki})`, [wiki]],
    ['a markdown link then text', '[标题](https://a.com/x)。', ['https://a.com/x']],
    ['a markdown link with a query', '[t](https://a.com/s?__biz=Mj==&mid=1#rd)', ['https://a.com/s?__biz=Mj==&mid=1#rd']],
    ['double quotes', '"https://a.com/x"', ['https://a.com/x']],
    ['single quotes', "'https://a.com/x'", ['https://a.com/x']],
    ['full-width quotes', '“https://a.com/x”', ['https://a.com/x']],
    ['backticks', 'run `https://a.com/x`', ['https://a.com/x']],
    ['angle brackets', '<https://a.com/x>', ['https://a.com/x']],
    ['bold markers', '**https://a.com/x**', ['https://a.com/x']],
    ['escaped brackets around it', '\\[https://a.com/x\\]', ['https://a.com/x']],
    ['two URLs glued by a space-less comma', 'https://a.com/x,https://b.com/y', ['https://a.com/x,https://b.com/y']],
  ])('%s', (_label, line, urls) => {
    expect(extractUrls(line)).toEqual(urls);
    expect(linkedIn(line)).toEqual(urls);
  });

  // Text built from the pieces these rows are made of: whatever the mix, what the reader links is
  // what the corpus cites (both keep only hosts with a dot here).
  const piece = fc.constantFrom(
    'https://',
    'http://',
    'a.com',
    '/x',
    '(',
    ')',
    '[',
    ']',
    '[t]',
    '](',
    '.',
    ',',
    '，',
    '。',
    '）',
    '」',
    '"',
    "'",
    '`',
    '<',
    '>',
    '*',
    '\\',
    ' ',
    '中',
    '?q=1',
    '#f',
    '_(b)',
    'https://a.com/',
  );
  it('links exactly what the corpus cites, in any mix of those pieces', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const line = pieces.join('');
        expect(linkedIn(line).filter((url) => extractUrls(url).length > 0)).toEqual(extractUrls(line));
      }),
      propertyRuns(2000),
    );
  });
});
