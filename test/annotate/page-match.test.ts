import { describe, expect, it } from 'vitest';
import { buildUrlIndex, findPageMatches } from '../../lib/annotate/page-match';
import { urlKeys } from '../../lib/url/url-keys';
import { realCorpus } from '../support/seed';

const index = buildUrlIndex(realCorpus.entries);
const exactIds = (url: string) => findPageMatches(index, urlKeys(url) ?? { exact: '', related: [] }).exact.map((m) => m.id);

describe('page matches on the real digest', () => {
  it.each([
    ['the AIlice repo', 'https://github.com/myshell-ai/AIlice', [4]],
    ['the AIlice repo, another spelling', 'https://www.github.com/MyShell-AI/ailice/tree/main?tab=readme-ov-file#readme', [4]],
    ["Yann LeCun's status on twitter.com", 'https://twitter.com/ylecun/status/1766498677751787723', [30]],
    ['a WeChat article cited by two entries', 'https://mp.weixin.qq.com/s/qVXcyw96IEPjrvZeA_1VMQ', [2, 3]],
    ['a YouTube talk', 'https://m.youtube.com/watch?v=yNuLPWu38IU&t=99', [48]],
    ['the MM1 paper as PDF', 'https://arxiv.org/pdf/2403.09611v1', [38]],
    ['an uncited page', 'https://github.com/myshell-ai', []],
    // Entry 103 cites the malformed `https://x.com/samwu/status/1/samwu/status/1772923580269171126`.
    ["entry 103's malformed X URL, as cited", 'https://x.com/samwu/status/1/samwu/status/1772923580269171126', [103]],
    ['any status 1 is not entry 103', 'https://x.com/someone/status/1', []],
    ['status 1 of the same user is not entry 103', 'https://twitter.com/samwu/status/1', []],
  ])('%s', (_label, url, ids) => {
    expect(exactIds(url)).toEqual(ids);
  });

  it('finds the repo as related from a deeper page, not as exact', () => {
    const matches = findPageMatches(index, urlKeys('https://github.com/myshell-ai/AIlice/issues/12') ?? { exact: '', related: [] });
    expect(matches.exact).toEqual([]);
    expect(matches.related).toContainEqual({ id: 4, key: 'github.com/myshell-ai/ailice' });
  });
});
