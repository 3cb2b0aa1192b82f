import { describe, expect, it } from 'vitest';
import { parseBlocks, parseInline, type Block, type Inline } from '../../lib/render/markdown-lite';
import { realCorpus } from '../support/seed';

const text = (t: string): Inline => ({ type: 'text', text: t });
const link = (t: string, href: string): Inline => ({ type: 'link', text: t, href });

describe('parseInline', () => {
  it.each([
    ['plain text', '普通文字', [text('普通文字')]],
    ['an escaped hashtag loses its backslash', '\\#AI开源项目推荐 ：AIlice', [text('#AI开源项目推荐 ：AIlice')]],
    ['a markdown link', '[标题](https://mp.weixin.qq.com/s/Vxmlgh)', [link('标题', 'https://mp.weixin.qq.com/s/Vxmlgh')]],
    [
      'a bare URL glued to Chinese',
      '见http://claude.ai上的Claude',
      [text('见'), link('http://claude.ai', 'http://claude.ai'), text('上的Claude')],
    ],
    ['a bare URL in full-width parens', '（https://x.ai/blog）', [text('（'), link('https://x.ai/blog', 'https://x.ai/blog'), text('）')]],
    [
      'a trailing bracket is not part of the URL',
      'https://deeplearning.ai/the-batch/issue-241/]',
      [link('https://deeplearning.ai/the-batch/issue-241/', 'https://deeplearning.ai/the-batch/issue-241/'), text(']')],
    ],
    [
      'a stop inside a closing paren is not part of the URL',
      '(见 https://a.com/x.)',
      [text('(见 '), link('https://a.com/x', 'https://a.com/x'), text('.)')],
    ],
    ['a bracket before a link stays text', '[[标题](https://a.com/x)', [text('['), link('标题', 'https://a.com/x')]],
    ['an HTML tag stays text', '<img src=x onerror=alert(1)>', [text('<img src=x onerror=alert(1)>')]],
    ['a javascript: link stays text', '[x](javascript:alert(1))', [text('[x](javascript:alert(1))')]],
    ['a data: link stays text', '[x](data:text/html,<script>alert(1)</script>)', [text('[x](data:text/html,<script>alert(1)</script>)')]],
    ['prompt markup stays text', '\\<prompt_explanation> $test_case_table', [text('<prompt_explanation> $test_case_table')]],
    ['an entity stays literal', '&lt;b&gt; &amp;', [text('&lt;b&gt; &amp;')]],
  ])('%s', (_label, input, expected) => {
    expect(parseInline(input)).toEqual(expected);
  });
});

describe('parseInline on pathological lines', () => {
  const joined = (parts: Inline[]) => parts.map((part) => part.text).join('');
  // 100,000 characters, 20× the seed's line limit: a quadratic scan would take seconds here (and
  // time the test out); these are correctness checks, the timing is in test/bench/render-bench.ts.
  it.each([
    ['opening brackets', '[', '['],
    ['brackets then a link start', '[a](http://', '[a](http://'],
    ['link starts cut by spaces', '[a](http://a ', '[a](http://a '],
    ['link starts with unclosed parentheses', '[a](http://a(', '[a](http://a('],
    ['links inside a link URL', '[a](http://a/(b)[c](http://d', '[a](http://a/(b)[c](http://d'],
    ['closing parens', ')', ')'],
    ['bare URLs', 'http://a.b/', 'http://a.b/'],
    ['escaped backslashes', '\\\\', '\\'],
  ])('keeps every character of a 100,000-character run of %s', (_label, unit, shown) => {
    const runs = Math.floor(100_000 / unit.length);
    expect(joined(parseInline(unit.repeat(runs)))).toBe(shown.repeat(runs));
  });
});

describe('parseBlocks', () => {
  it.each<[string, string, Block[]]>([
    [
      'paragraphs split on blank lines',
      'a\nb\n\nc',
      [
        { type: 'paragraph', lines: [[text('a')], [text('b')]] },
        { type: 'paragraph', lines: [[text('c')]] },
      ],
    ],
    ['a heading', '## 以下是完整的提示词：', [{ type: 'heading', level: 2, content: [text('以下是完整的提示词：')] }]],
    ['an escaped heading', '\\## 问题概览', [{ type: 'heading', level: 2, content: [text('问题概览')] }]],
    ['a hashtag is not a heading', '\\#声音clone产品推荐', [{ type: 'paragraph', lines: [[text('#声音clone产品推荐')]] }]],
    ['a bullet list', '* 一\n* 二', [{ type: 'list', ordered: false, items: [[text('一')], [text('二')]] }]],
    ['a numbered list', '1. 列出话题\n2. 总结', [{ type: 'list', ordered: true, items: [[text('列出话题')], [text('总结')]] }]],
    ['a version number is not a list', '3.5-turbo 很快', [{ type: 'paragraph', lines: [[text('3.5-turbo 很快')]] }]],
    ['a rule', 'a\n---\nb', [{ type: 'paragraph', lines: [[text('a')]] }, { type: 'rule' }, { type: 'paragraph', lines: [[text('b')]] }]],
    ['a quote', '> 问：同样一篇文章', [{ type: 'quote', lines: [[text('问：同样一篇文章')]] }]],
    ['a code fence keeps its text raw', '```\n\\## 问题概览\n<b>x</b>\n```', [{ type: 'code', text: '\\## 问题概览\n<b>x</b>' }]],
    ['hostile markup in a paragraph', '<script>alert(1)</script>', [{ type: 'paragraph', lines: [[text('<script>alert(1)</script>')]] }]],
  ])('%s', (_label, input, expected) => {
    expect(parseBlocks(input)).toEqual(expected);
  });

  it('keeps every character of every real post (only escapes and markers go)', () => {
    const strip = (s: string) => s.replace(/[\\#*\->`\s\d.)、+•_]/g, '');
    const flatten = (blocks: Block[]): string =>
      blocks
        .map((b) => {
          if (b.type === 'code') return b.text;
          if (b.type === 'rule') return '';
          const lines = b.type === 'heading' ? [b.content] : b.type === 'list' ? b.items : b.lines;
          return lines
            .map((line) => line.map((i) => (i.type === 'link' && i.text !== i.href ? `[${i.text}](${i.href})` : i.text)).join(''))
            .join('\n');
        })
        .join('\n');
    for (const entry of realCorpus.entries) {
      for (const post of entry.posts) expect(strip(flatten(parseBlocks(post.text)))).toBe(strip(post.text));
    }
  });
});
