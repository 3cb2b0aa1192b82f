import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalHost, hostsForSite, KNOWN_SITES } from '../../lib/url/hosts';
import { contentScriptMatches } from '../../lib/url/match-patterns';
import { siteLabel } from '../../lib/url/site-label';
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

// Recorded before the three host tables became one (lib/url/hosts.ts). The one table derives the
// same, but for the two places where the old tables had drifted apart: youtu.be now runs the
// content script on all of YouTube (its links open youtube.com) and youtube-nocookie.com is
// labelled YouTube; both are also tested by name (match-patterns, site-label).
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

describe('one table of hosts', () => {
  afterEach(() => {
    vi.doUnmock('../../lib/url/hosts');
    vi.resetModules();
  });

  it('sends an alias added to the table to URL keys, the match patterns and the labels alike', async () => {
    vi.resetModules();
    vi.doMock('../../lib/url/hosts', async (importOriginal) => {
      const hosts = await importOriginal<typeof import('../../lib/url/hosts')>();
      const sites = hosts.KNOWN_SITES.map((site) => (site.host === 'github.com' ? { ...site, aliases: ['github.example'] } : site));
      return { ...hosts, KNOWN_SITES: sites, ...hosts.createHostTable(sites) };
    });
    const { urlKeys } = await import('../../lib/url/url-keys');
    const { contentScriptMatches } = await import('../../lib/url/match-patterns');
    const { siteLabel } = await import('../../lib/url/site-label');
    expect(urlKeys('https://www.github.example/MyShell-AI/AIlice')?.exact).toBe('github.com/myshell-ai/ailice');
    expect(contentScriptMatches(['https://github.com/myshell-ai/AIlice'])).toEqual([
      '*://github.com/*',
      '*://github.example/*',
      '*://www.github.com/*',
      '*://www.github.example/*',
    ]);
    expect(siteLabel('https://docs.github.example/x')).toBe('GitHub');
  });

  it('names each host once', () => {
    const hosts = KNOWN_SITES.flatMap((site) => [site.host, ...(site.aliases ?? [])]);
    expect(hosts).toEqual([...new Set(hosts)]);
    for (const site of KNOWN_SITES) for (const host of site.keyedApart ?? []) expect(site.aliases).toContain(host);
  });
});
