import { describe, expect, it } from 'vitest';
import { contentScriptMatches, hostsForSite } from '../../lib/url/match-patterns';
import { siteLabel } from '../../lib/url/site-label';
import { canonicalHost } from '../../lib/url/url-keys';
import { realCorpus } from '../support/seed';

const citedUrls = [...new Set(realCorpus.entries.flatMap((entry) => entry.urls))];

/** Every host named by a host table, their www./m./mobile. spellings, subdomains and hosts of no table. */
const PROBE_HOSTS = [
  ...['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'],
  ...['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com', 'youtube-nocookie.com', 'www.youtube-nocookie.com'],
  ...['youtu.be', 'www.youtu.be', 'arxiv.org', 'www.arxiv.org', 'export.arxiv.org'],
  ...['huggingface.co', 'www.huggingface.co', 'm.huggingface.co', 'bilibili.com', 'www.bilibili.com', 'm.bilibili.com'],
  ...['space.bilibili.com', 'github.com', 'www.github.com', 'gist.github.com', 'github.io', 'baai-agents.github.io'],
  ...['mp.weixin.qq.com', 'weixin.qq.com', 'kaggle.com', 'www.kaggle.com', 'ted.com', 'www.ted.com', 'chat.openai.com'],
  ...['openai.com', 'ft.com', 'www.ft.com', 'example.com', 'm.example.com', 'mobile.example.com', 'WWW.GitHub.COM'],
];

// Recorded before the host tables became one (lib/url/hosts.ts): what the three tables derived
// then is what the one table derives now, so the refactor changed no output.
describe('what the host tables derive', () => {
  it('gives the content script the same match patterns for the real digest', () => {
    expect(contentScriptMatches(citedUrls)).toMatchSnapshot();
  });

  it('labels every cited link the same', () => {
    expect(Object.fromEntries(citedUrls.map((url) => [url, siteLabel(url)]))).toMatchSnapshot();
  });

  it('folds, widens and labels every probe host the same', () => {
    const derived = PROBE_HOSTS.map((host) => ({
      host,
      canonical: canonicalHost(host),
      sameSite: hostsForSite(host),
      label: siteLabel(`https://${host}/x`),
    }));
    expect(derived).toMatchSnapshot();
  });
});
