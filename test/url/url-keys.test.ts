import { describe, expect, it } from 'vitest';
import { urlKeys } from '../../lib/url/url-keys';
import { realCorpus } from '../support/seed';

const exactOf = (url: string) => urlKeys(url)?.exact;
const corpusUrls = [...new Set(realCorpus.entries.flatMap((e) => e.urls))];

describe('urlKeys: the same page under other spellings', () => {
  it.each<[string, string, string]>([
    // Generic rules
    ['http = https', 'http://ycombinator.com/blog/the-reddits', 'https://ycombinator.com/blog/the-reddits'],
    ['host case', 'https://Anthropic.COM/news/claude-3-family', 'https://anthropic.com/news/claude-3-family'],
    ['leading www.', 'https://www.anthropic.com/news/claude-3-family', 'https://anthropic.com/news/claude-3-family'],
    ['default port', 'https://anthropic.com:443/news/claude-3-family', 'https://anthropic.com/news/claude-3-family'],
    ['fragment', 'https://anthropic.com/news/claude-3-family#pricing', 'https://anthropic.com/news/claude-3-family'],
    ['trailing slash', 'https://maisa.ai/blog/kpu/', 'https://maisa.ai/blog/kpu'],
    ['index.html', 'https://res-adapter.github.io/index.html', 'https://res-adapter.github.io'],
    ['utm parameters', 'https://maisa.ai/blog/kpu?utm_source=x&utm_medium=social', 'https://maisa.ai/blog/kpu'],
    [
      'other query on a path-identified page',
      'https://ted.com/talks/jim_fan_the_next_grand_challenge_for_ai',
      'https://ted.com/talks/jim_fan_the_next_grand_challenge_for_ai?language=en&subtitle=en',
    ],
    [
      'gclid and fbclid',
      'https://stability.ai/news/stable-diffusion-3-research-paper?gclid=1&fbclid=2',
      'https://stability.ai/news/stable-diffusion-3-research-paper',
    ],
    ['a home page without slash', 'https://elevenlabs.io', 'https://elevenlabs.io/'],
    ['a home page with tracking', 'https://www.elevenlabs.io/?ref=producthunt', 'https://elevenlabs.io'],
    ['percent-encoded path', 'https://example.com/%E4%B8%AD%E6%96%87', 'https://example.com/中文'],
    // X / Twitter
    [
      'twitter.com is x.com',
      'https://twitter.com/ylecun/status/1766498677751787723',
      'https://x.com/ylecun/status/1766498677751787723?s=20',
    ],
    [
      'mobile.twitter.com',
      'https://mobile.twitter.com/ylecun/status/1766498677751787723',
      'https://x.com/ylecun/status/1766498677751787723',
    ],
    ['mobile.x.com', 'https://mobile.x.com/ylecun/status/1766498677751787723', 'https://x.com/ylecun/status/1766498677751787723'],
    [
      'the handle does not matter',
      'https://x.com/someone_else/status/1766498677751787723',
      'https://x.com/ylecun/status/1766498677751787723',
    ],
    ['/i/web/status', 'https://x.com/i/web/status/1766498677751787723', 'https://x.com/ylecun/status/1766498677751787723'],
    ['/photo/1 suffix', 'https://x.com/ylecun/status/1766498677751787723/photo/1', 'https://x.com/ylecun/status/1766498677751787723'],
    ['/video/1 suffix', 'https://x.com/ylecun/status/1766498677751787723/video/1', 'https://x.com/ylecun/status/1766498677751787723'],
    [
      's and t parameters',
      'https://x.com/op7418/status/1767068140100571454?s=46&t=abc',
      'https://x.com/op7418/status/1767068140100571454?s=20',
    ],
    // YouTube
    ['youtu.be', 'https://youtu.be/RcXzmO8zOLg', 'https://youtube.com/watch?v=RcXzmO8zOLg'],
    ['youtu.be with si', 'https://youtu.be/RcXzmO8zOLg?si=abcdEF', 'https://youtube.com/watch?v=RcXzmO8zOLg'],
    ['www.youtube.com with t', 'https://www.youtube.com/watch?v=41EfOY0Ldkc&t=828s', 'https://youtube.com/watch?v=41EfOY0Ldkc'],
    ['m.youtube.com', 'https://m.youtube.com/watch?v=xPdyivfheqI', 'https://youtube.com/watch?v=xPdyivfheqI'],
    [
      'list and feature ignored',
      'https://youtube.com/watch?v=sal78ACtGTc&list=PL1&feature=shared&pp=xyz',
      'https://youtube.com/watch?v=sal78ACtGTc',
    ],
    ['shorts', 'https://youtube.com/shorts/mAUpxN-EIgU', 'https://youtube.com/watch?v=mAUpxN-EIgU'],
    ['embed', 'https://www.youtube.com/embed/mAUpxN-EIgU', 'https://youtube.com/watch?v=mAUpxN-EIgU'],
    ['live', 'https://youtube.com/live/mAUpxN-EIgU?feature=share', 'https://youtube.com/watch?v=mAUpxN-EIgU'],
    // arXiv
    ['pdf without .pdf', 'https://arxiv.org/pdf/2403.09611', 'https://arxiv.org/abs/2403.09611'],
    ['pdf with .pdf', 'https://arxiv.org/pdf/2403.09611.pdf', 'https://arxiv.org/abs/2403.09611'],
    ['pdf with version', 'https://arxiv.org/pdf/2403.09611v2', 'https://arxiv.org/abs/2403.09611'],
    ['html with version', 'https://arxiv.org/html/2403.09629v1', 'https://arxiv.org/abs/2403.09629'],
    ['abs with version', 'https://arxiv.org/abs/2403.03507v3', 'https://arxiv.org/abs/2403.03507'],
    ['www.arxiv.org', 'http://www.arxiv.org/abs/2403.17804', 'https://arxiv.org/abs/2403.17804'],
    // GitHub
    ['repo case', 'https://github.com/MyShell-AI/ailice', 'https://github.com/myshell-ai/AIlice'],
    ['.git suffix', 'https://github.com/myshell-ai/AIlice.git', 'https://github.com/myshell-ai/AIlice'],
    ['/tree/main', 'https://github.com/xai-org/grok-1', 'https://github.com/xai-org/grok-1/tree/main'],
    [
      'tab=readme-ov-file',
      'https://github.com/flowtyone/ComfyUI-Flowty-TripoSR',
      'https://github.com/flowtyone/ComfyUI-Flowty-TripoSR?tab=readme-ov-file',
    ],
    ['#readme', 'https://github.com/jasonppy/VoiceCraft#readme', 'https://github.com/jasonppy/VoiceCraft'],
    // Hugging Face
    [
      'model /tree/main',
      'https://huggingface.co/lllyasviel/ControlNet-v1-1',
      'https://huggingface.co/lllyasviel/ControlNet-v1-1/tree/main',
    ],
    [
      'space',
      'https://huggingface.co/spaces/lmsys/chatbot-arena-leaderboard/',
      'https://huggingface.co/spaces/lmsys/chatbot-arena-leaderboard',
    ],
    ['model case', 'https://huggingface.co/CagliostroLab/Animagine-XL-3.1', 'https://huggingface.co/cagliostrolab/animagine-xl-3.1'],
    // WeChat
    [
      'short form, query dropped',
      'https://mp.weixin.qq.com/s/qVXcyw96IEPjrvZeA_1VMQ?scene=1&from=timeline',
      'https://mp.weixin.qq.com/s/qVXcyw96IEPjrvZeA_1VMQ',
    ],
    [
      'long form keyed by __biz, mid, idx',
      'https://mp.weixin.qq.com/s?__biz=Mjc1NjM3MjY2MA==&mid=2691541253&idx=1&sn=other&scene=21#wechat_redirect',
      'https://mp.weixin.qq.com/s?__biz=Mjc1NjM3MjY2MA==&mid=2691541253&idx=1&sn=f657154f23a83106f3da1718dbfba20b&chksm=a9ec16de9e9b9fc8dc645e3a9576cb3a4dc1d0d4b9957ecd3c3359026aa4e79bbdeb98536877#rd',
    ],
  ])('%s', (_label, visited, cited) => {
    expect(exactOf(visited)).toBeDefined();
    expect(exactOf(visited)).toBe(exactOf(cited));
  });
});

describe('urlKeys: different pages stay apart', () => {
  it.each<[string, string, string]>([
    ['an org page is not its repo', 'https://github.com/myshell-ai', 'https://github.com/myshell-ai/AIlice'],
    ['another repo of the owner', 'https://github.com/myshell-ai/OpenVoice', 'https://github.com/myshell-ai/AIlice'],
    ['an issue of the repo (only related)', 'https://github.com/myshell-ai/AIlice/issues/3', 'https://github.com/myshell-ai/AIlice'],
    [
      'a file of the repo (only related)',
      'https://github.com/xai-org/grok-1/blob/main/README.md',
      'https://github.com/xai-org/grok-1/tree/main',
    ],
    ['a profile is not a status', 'https://x.com/ylecun', 'https://x.com/ylecun/status/1766498677751787723'],
    ['another status', 'https://x.com/ylecun/status/1766498677751787724', 'https://x.com/ylecun/status/1766498677751787723'],
    // Entry 103 cites `…/status/1/samwu/status/<id>`: a one-digit id is no status, so it stays that URL.
    [
      'a malformed status URL is not every status 1',
      'https://x.com/anyone/status/1',
      'https://x.com/samwu/status/1/samwu/status/1772923580269171126',
    ],
    ['a one-digit id is not a status id', 'https://x.com/someone/status/1', 'https://x.com/anyone/status/1'],
    ['an 11-digit id is not a Snowflake', 'https://x.com/someone/status/12345678901', 'https://x.com/anyone/status/12345678901'],
    [
      'a zero-padded id is not the id',
      'https://x.com/ylecun/status/01766498677751787723',
      'https://x.com/ylecun/status/1766498677751787723',
    ],
    ['another video', 'https://youtube.com/watch?v=RcXzmO8zOLh', 'https://youtube.com/watch?v=RcXzmO8zOLg'],
    ['video ids are case-sensitive', 'https://youtube.com/watch?v=rcxzmo8zolg', 'https://youtube.com/watch?v=RcXzmO8zOLg'],
    ['a channel is not a video', 'https://youtube.com/@TED', 'https://youtube.com/watch?v=RcXzmO8zOLg'],
    ['another paper', 'https://arxiv.org/abs/2403.09612', 'https://arxiv.org/abs/2403.09611'],
    ['arXiv listing', 'https://arxiv.org/list/cs.AI/recent', 'https://arxiv.org/abs/2403.09611'],
    ['another WeChat token', 'https://mp.weixin.qq.com/s/qVXcyw96IEPjrvZeA_1VMq', 'https://mp.weixin.qq.com/s/qVXcyw96IEPjrvZeA_1VMQ'],
    [
      'another WeChat article of the account',
      'https://mp.weixin.qq.com/s?__biz=Mjc1NjM3MjY2MA==&mid=2691541254&idx=1',
      'https://mp.weixin.qq.com/s?__biz=Mjc1NjM3MjY2MA==&mid=2691541253&idx=1',
    ],
    ['a deeper page is not the home page', 'https://elevenlabs.io/pricing', 'https://elevenlabs.io'],
    ['the home page is not a deeper page', 'https://anthropic.com/', 'https://anthropic.com/news/claude-3-family'],
    ['a subdomain is another site', 'https://blog.anthropic.com/news/claude-3-family', 'https://anthropic.com/news/claude-3-family'],
    [
      'path case matters on ordinary sites',
      'https://baoyu.io/Blog/prompt-engineering/translator-gpt-prompt-v2',
      'https://baoyu.io/blog/prompt-engineering/translator-gpt-prompt-v2',
    ],
    [
      'a Hugging Face file is not the model',
      'https://huggingface.co/lllyasviel/ControlNet-v1-1/blob/main/README.md',
      'https://huggingface.co/lllyasviel/ControlNet-v1-1',
    ],
    ['another space', 'https://huggingface.co/spaces/lmsys/other', 'https://huggingface.co/spaces/lmsys/chatbot-arena-leaderboard'],
  ])('%s', (_label, visited, cited) => {
    expect(exactOf(visited)).not.toBe(exactOf(cited));
  });

  it.each([
    ['https://github.com/myshell-ai/AIlice/issues/3', 'github.com/myshell-ai/ailice'],
    ['https://github.com/xai-org/grok-1/blob/main/README.md', 'github.com/xai-org/grok-1'],
    ['https://huggingface.co/lllyasviel/ControlNet-v1-1/blob/main/README.md', 'huggingface.co/lllyasviel/controlnet-v1-1'],
  ])('relates %s to its repo or model', (url, repo) => {
    expect(urlKeys(url)?.related).toContain(repo);
  });

  // The index holds cited URLs' exact keys, so a related key that is no page's exact key (the
  // old `site:github.com`) could never match anything.
  it.each([
    ...corpusUrls,
    'https://github.com/myshell-ai/AIlice/issues/3',
    'https://huggingface.co/lllyasviel/ControlNet-v1-1/blob/main/README.md',
    'https://huggingface.co/spaces/lmsys/chatbot-arena-leaderboard/blob/main/app.py',
    'https://github.com/myshell-ai',
    'https://x.com/ylecun',
  ])('relates %s only by keys that are pages', (url) => {
    for (const key of urlKeys(url)?.related ?? []) expect(urlKeys(`https://${key}`)?.exact, key).toBe(key);
  });

  it.each(['ftp://github.com/x/y', 'javascript:alert(1)', 'not a url', 'chrome://extensions', ''])('has no keys for %j', (url) => {
    expect(urlKeys(url)).toBeUndefined();
  });
});

describe('urlKeys on every URL the digest cites', () => {
  const variants = (url: string): string[] => {
    const u = new URL(url);
    const out = [url.replace(/^https:/, 'http:'), url.replace(/#.*$/, '') + '#section'];
    if (!u.hostname.startsWith('www.')) out.push(url.replace('://', '://www.'));
    const withTracking = new URL(url);
    withTracking.searchParams.append('utm_source', 'newsletter');
    out.push(withTracking.href);
    if (u.pathname.length > 1 && !u.pathname.endsWith('/') && u.search === '') out.push(`${url.replace(/#.*$/, '')}/`);
    return out;
  };
  const rows = corpusUrls.flatMap((url) => variants(url).map((variant) => [url, variant] as const));

  it('covers all 95 cited URLs', () => {
    expect(corpusUrls).toHaveLength(95);
    for (const url of corpusUrls) expect(urlKeys(url), url).toBeDefined();
  });

  it.each(rows)('%s ← %s', (url, variant) => {
    expect(exactOf(variant)).toBe(exactOf(url));
  });
});
