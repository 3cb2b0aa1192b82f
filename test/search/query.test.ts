import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../lib/search/query';

describe('parseQuery', () => {
  it.each([
    ['one Chinese word', '长文本', [['长文本', true, false]]],
    ['traditional is folded', '長文本', [['长文本', true, false]]],
    [
      'Chinese and English',
      '归藏 ComfyUI',
      [
        ['归藏', true, false],
        ['comfyui', false, false],
      ],
    ],
    [
      'author-only handle',
      '@dotey 提示词',
      [
        ['dotey', false, true],
        ['提示词', true, false],
      ],
    ],
    ['joined Latin word is one unit', 'GPT-4o', [['gpt4o', false, false]]],
    ['full-width input', 'ＣＬＡＵＤＥ', [['claude', false, false]]],
    ['repeated words once', 'ai AI', [['ai', false, false]]],
    ['blank', '   ', []],
  ])('%s', (_label, input, expected) => {
    expect(parseQuery(input).units.map((u) => [u.text, u.isCjk, u.isAuthorOnly])).toEqual(expected);
  });

  it('keeps the folded phrase without @', () => {
    expect(parseQuery(' @Dotey  提示詞 ').phrase).toBe('dotey 提示词');
  });

  it('caps very long queries', () => {
    expect(parseQuery('a'.repeat(5000)).units[0]?.text.length).toBe(200);
  });
});
