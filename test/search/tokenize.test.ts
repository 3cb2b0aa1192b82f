import { describe, expect, it } from 'vitest';
import { foldText } from '../../lib/search/fold';
import { parseQuery } from '../../lib/search/query';
import { terms, tokenize } from '../../lib/search/tokenize';

/** Does every unit of the query equal some Latin term of the text (exact, not by prefix)? */
function isExactMatch(query: string, text: string): boolean {
  const textTerms = new Set(tokenize(foldText(text), true).map((token) => token.term));
  return parseQuery(query).units.every((unit) => textTerms.has(unit.text));
}

// Queries that find an entry however its model name and version are written. Entry texts are
// from the digest where it has them (`GPT 3.5`, `Claude-3 Haiku`, `Mistral 7b`, `GR00T`/`Groot`).
const MATCHING_SPELLINGS: [string[], string[]][] = [
  [
    ['GPT-3.5', 'GPT3.5', 'gpt 3.5', 'gpt-3.5'],
    ['你使用 GPT 3.5 进行零样本提示', 'I GPT-3.5 的', 'GPT3.5', 'gpt-3.5-turbo的参数'],
  ],
  [
    ['Claude 3', 'Claude-3', 'claude3'],
    ['Claude 3模型更擅长', '的 Claude-3 Haiku 在', 'news/claude-3-family', 'Claude3'],
  ],
  [
    ['claude 3.5', 'claude-3.5', 'Claude3.5'],
    ['claude-3-5-sonnet', 'Claude 3.5 Sonnet'],
  ],
  [
    ['Llama 3.1', 'llama-3.1', 'llama3.1'],
    ['Llama 3.1', 'Llama-3.1-8B', 'llama3.1'],
  ],
  [
    ['Qwen2.5', 'Qwen 2.5', 'qwen-2.5', 'qwen'],
    ['Qwen2.5', 'Qwen 2.5', 'Qwen-2.5-Max'],
  ],
  [
    ['GPT-4o', 'GPT 4o', 'gpt4o', 'gpt'],
    ['GPT-4o', 'GPT 4o', 'gpt4o-mini'],
  ],
  [
    ['Mistral 7b', 'Mistral-7B', 'mistral7b'],
    ['用的模型是Mistral 7b，会根据', '使用Mistral-7B提取了'],
  ],
  [['RTX 4090', 'rtx4090'], ['(例如 NVIDIA RTX 4090) 上预训练']],
  [['Gemini 1.5', 'gemini1.5'], ['3. Gemini 1.5 不如']],
  [
    ['GR00T', 'Groot', 'gr00t'],
    ['NVIDIA 的 GR00T 项目', 'NVIDIA 推出 Groot 项目'],
  ],
];

describe('the same model name and version however written', () => {
  const pairs = MATCHING_SPELLINGS.flatMap(([queries, texts]) => queries.flatMap((query) => texts.map((text) => [query, text])));
  it.each(pairs)('%j finds %j', (query, text) => {
    expect(isExactMatch(query, text)).toBe(true);
  });

  it.each([
    ['gpt-4', 'GPT-4o'],
    ['gpt 4', 'GPT-4o'],
    ['gpt3', 'GPT-4'],
    ['claude 3.5', 'Claude 3 Opus'],
    ['gpt40', 'GPT-4o'],
  ])('%j does not exactly find %j', (query, text) => {
    expect(isExactMatch(query, text)).toBe(false);
  });

  it.each([
    ['a space between name and version', 'GPT 3.5', ['gpt', 'gpt35', '35', '3', '5']],
    ['a joiner', 'GPT-3.5', ['gpt35', 'gpt', '3', '5', '35']],
    ['no separator', 'GPT3.5', ['gpt35', 'gpt', '3', '5', '35']],
    ['a letter suffix stays on the version', 'gpt4o', ['gpt4o', 'gpt', '4o']],
    ['name with version inside a longer name', 'gpt-3.5-turbo', ['gpt35turbo', 'gpt', '3', '5', 'turbo', '35', 'gpt35']],
    ['a hyphenated name before a space', 'open-sora 1.0', ['opensora', 'open', 'sora', 'opensora10', 'sora10', '10', '1', '0']],
    ['a one-letter name is not split', 'H100', ['h100']],
    ['a hash is not split', 'kEKotLcnlFK0jf8g', ['kekotlcnlfk0jf8g']],
    ['a long number is no version', 'status 1764958890', ['status', '1764958890']],
    ['only one space joins', 'GPT  4', ['gpt', '4']],
    ['zeros between letters read as o, the written form kept', 'GR00T', ['groot', 'gr00t']],
    ['zeros beside other digits stay', 'a100 b2c90', ['a100', 'b2c90']],
  ])('%s: %j', (_label, input, expected) => {
    expect(terms(foldText(input))).toEqual(expected);
  });

  it('covers both words with the joined term, for highlights', () => {
    const folded = foldText('用 GPT 3.5 写');
    const joined = tokenize(folded).find((token) => token.term === 'gpt35');
    expect(joined && folded.slice(joined.start, joined.end)).toBe('gpt 3.5');
  });
});

describe('terms', () => {
  it.each([
    ['a Chinese run as overlapping bigrams', '长文本', ['长文', '文本']],
    ['a single character', '我', ['我']],
    ['Latin words whole', 'Claude Opus', ['claude', 'opus']],
    ['joined words, then their parts', 'gpt-4o', ['gpt4o', 'gpt', '4o']],
    ['mixed Chinese and Latin', '用Claude写', ['用', 'claude', '写']],
    ['handles lose the @', '@dotey', ['dotey']],
    ['numbers stay whole', '2024 年 200 万', ['2024', '年', '200', '万']],
    ['punctuation separates', '你好，世界', ['你好', '世界']],
    ['kana runs too', 'カタカナ', ['カタ', 'タカ', 'カナ']],
    ['trailing joiner ignored', 'next.', ['next']],
  ])('%s', (_label, input, expected) => {
    expect(terms(foldText(input))).toEqual(expected);
  });

  it('gives positions in the folded text', () => {
    expect(tokenize('ab 长文').map((t) => [t.term, t.start, t.end])).toEqual([
      ['ab', 0, 2],
      ['长文', 3, 5],
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
    'GPT 3.5和Claude 3模型 open-sora 1.0 GR00T',
  ])('gives the Latin terms of the full tokenizer for %j', (text) => {
    const folded = foldText(text);
    expect(tokenize(folded, true)).toEqual(tokenize(folded).filter((t) => !t.isCjk));
  });
});
