// The content script's `matches`, generated at build time from the hosts the corpus cites (with
// the hosts that are the same site), so it runs only where a card can appear. Pure.

import { canonicalHost } from './url-keys';

/** The annotate content script declares this; the build replaces it with contentScriptMatches(corpus). */
export const ANNOTATE_PLACEHOLDER_MATCH = '*://sidenote-corpus-hosts.invalid/*';

/** Every host a canonical host is also reached by (beyond its `www.` form). */
const SAME_SITE_HOSTS: Record<string, string[]> = {
  'x.com': ['x.com', 'mobile.x.com', 'twitter.com', 'mobile.twitter.com'],
  'youtube.com': ['youtube.com', 'm.youtube.com', 'music.youtube.com', 'youtu.be', 'youtube-nocookie.com'],
  'arxiv.org': ['arxiv.org', 'export.arxiv.org'],
  'huggingface.co': ['huggingface.co', 'm.huggingface.co'],
  'bilibili.com': ['bilibili.com', 'm.bilibili.com'],
};

export function hostsForSite(host: string): string[] {
  const canonical = canonicalHost(host);
  const hosts = SAME_SITE_HOSTS[canonical] ?? [canonical];
  return hosts.flatMap((h) => (h.startsWith('www.') || h.split('.').length > 2 ? [h] : [h, `www.${h}`]));
}

/** Match patterns for the hosts of `urls`, sorted and without duplicates. */
export function contentScriptMatches(urls: string[]): string[] {
  const patterns = new Set<string>();
  for (const url of urls) {
    let host: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
      host = parsed.hostname;
    } catch {
      // Not a URL: the parser only keeps http(s) URLs, so nothing to match here.
      continue;
    }
    for (const h of hostsForSite(host)) patterns.add(`*://${h}/*`);
  }
  return [...patterns].sort();
}
