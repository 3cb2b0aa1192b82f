import { describe, expect, it } from 'vitest';
import { siteLabel } from '../../lib/url/site-label';

describe('siteLabel', () => {
  it.each([
    ['https://github.com/myshell-ai/AIlice', 'GitHub'],
    ['https://baai-agents.github.io/Cradle/', 'GitHub Pages'],
    ['https://arxiv.org/abs/2403.03507', 'arXiv'],
    ['https://youtube.com/watch?v=RcXzmO8zOLg', 'YouTube'],
    ['https://www.youtube.com/watch?v=jvqFAi7vkBc&t=3s', 'YouTube'],
    ['https://www.youtube-nocookie.com/embed/RcXzmO8zOLg', 'YouTube'],
    ['https://x.com/ylecun/status/1766498677751787723?s=20', 'X'],
    ['https://twitter.com/dotey/status/1681188469995888642', 'X'],
    ['https://mp.weixin.qq.com/s/qVXcyw96IEPjrvZeA_1VMQ', 'WeChat'],
    ['https://huggingface.co/spaces/lmsys/chatbot-arena-leaderboard', 'Hugging Face'],
    ['https://space.bilibili.com/589397373/video', 'Bilibili'],
    ['https://baoyu.io/translations/openai/openai-elon-musk', 'baoyu.io'],
    ['https://www.ft.com/content/x', 'ft.com'],
    ['not a url', 'not a url'],
  ])('%s → %s', (url, label) => {
    expect(siteLabel(url)).toBe(label);
  });
});
