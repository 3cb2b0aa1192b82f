import { describe, expect, it } from 'vitest';
import { foldText } from '../../lib/search/fold';
import { terms, tokenize } from '../../lib/search/tokenize';

describe('terms', () => {
  it.each([
    ['a Chinese run as bigrams plus its last character', '长文本', ['长文', '文本', '本']],
    ['a single character', '我', ['我']],
    ['Latin words whole', 'Claude Opus', ['claude', 'opus']],
    ['joined words, then their parts', 'gpt-4o', ['gpt4o', 'gpt', '4o']],
    ['mixed Chinese and Latin', '用Claude写', ['用', 'claude', '写']],
    ['handles lose the @', '@dotey', ['dotey']],
    ['numbers stay whole', '2024 年 200 万', ['2024', '年', '200', '万']],
    ['punctuation separates', '你好，世界', ['你好', '好', '世界', '界']],
    ['kana runs too', 'カタカナ', ['カタ', 'タカ', 'カナ', 'ナ']],
    ['trailing joiner ignored', 'next.', ['next']],
  ])('%s', (_label, input, expected) => {
    expect(terms(foldText(input))).toEqual(expected);
  });

  it('gives positions in the folded text', () => {
    expect(tokenize('ab 长文').map((t) => [t.term, t.start, t.end])).toEqual([
      ['ab', 0, 2],
      ['长文', 3, 5],
      ['文', 4, 5],
    ]);
  });
});

describe('latin-only tokenizing', () => {
  it.each([
    '用Claude写长文本 GPT-4o',
    'gpt-3.5-turbo的参数',
    'https://github.com/myshell-ai/AIlice',
    "it's next.js and c++",
    'ＧＰＴ－４ｏ 和 café',
    '- item_one -x- a--b',
    '𠀋abc𠀋',
  ])('gives the Latin terms of the full tokenizer for %j', (text) => {
    const folded = foldText(text);
    expect(tokenize(folded, true)).toEqual(tokenize(folded).filter((t) => !t.isCjk));
  });
});
