import { describe, expect, it } from 'vitest';
import { tokenizeForMiniSearch } from './search-systems';

describe('tokenizeForMiniSearch', () => {
  it.each([
    { text: '长文本', tokens: ['长文', '文本'] },
    { text: '長文本', tokens: ['长文', '文本'] },
    { text: '字', tokens: ['字'] },
    { text: 'Claude 3 Opus', tokens: ['claude', '3', 'opus'] },
    { text: 'GPT-3.5', tokens: ['gpt', '3', '5'] },
    { text: 'Dynamicrafter昨天', tokens: ['dynamicrafter', '昨天'] },
    { text: '模型MM1论文', tokens: ['模型', 'mm1', '论文'] },
    { text: 'ＡＩ，智能体', tokens: ['ai', '智能', '能体'] },
  ])('$text', ({ text, tokens }) => {
    expect(tokenizeForMiniSearch(text)).toEqual(tokens);
  });
});
