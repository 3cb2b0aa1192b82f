import { describe, expect, it } from 'vitest';
import { hostsForSite } from '../../lib/url/hosts';
import { contentScriptMatches } from '../../lib/url/match-patterns';
import { realCorpus } from '../support/seed';

const YOUTUBE_PATTERNS = [
  '*://m.youtube.com/*',
  '*://music.youtube.com/*',
  '*://www.youtube-nocookie.com/*',
  '*://www.youtube.com/*',
  '*://www.youtu.be/*',
  '*://youtu.be/*',
  '*://youtube-nocookie.com/*',
  '*://youtube.com/*',
];

describe('contentScriptMatches', () => {
  it.each([
    [
      'https://x.com/ylecun/status/1',
      ['*://mobile.twitter.com/*', '*://mobile.x.com/*', '*://twitter.com/*', '*://www.twitter.com/*', '*://www.x.com/*', '*://x.com/*'],
    ],
    ['https://youtube.com/watch?v=1', YOUTUBE_PATTERNS],
    // A youtu.be link opens youtube.com/watch?v=…, the page its card is for (once only youtu.be ran it).
    ['https://youtu.be/RcXzmO8zOLg', YOUTUBE_PATTERNS],
    ['https://mp.weixin.qq.com/s/abc', ['*://mp.weixin.qq.com/*']],
    ['https://www.ft.com/content/1', ['*://ft.com/*', '*://www.ft.com/*']],
    ['ftp://example.com/x', []],
  ])('%s', (url, patterns) => {
    const matches = contentScriptMatches([url]);
    expect(new Set(matches)).toEqual(new Set(patterns));
    expect(matches).toEqual([...matches].sort());
  });

  it('covers every host the digest cites and nothing like <all_urls>', () => {
    const urls = realCorpus.entries.flatMap((e) => e.urls);
    const patterns = contentScriptMatches(urls);
    for (const url of urls) expect(patterns, url).toContain(`*://${new URL(url).hostname}/*`);
    expect(patterns.some((p) => p.includes('<all_urls>') || p.startsWith('*://*'))).toBe(false);
    expect(hostsForSite('twitter.com')).toContain('x.com');
  });
});
