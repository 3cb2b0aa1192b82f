import { describe, expect, it } from 'vitest';
import { extractUrls } from '../../lib/corpus/extract-urls';

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
