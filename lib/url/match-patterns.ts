// The content script's `matches`, generated at build time from the hosts the corpus cites (with
// the hosts that are the same site, from hosts.ts), so it runs only where a card can appear. Pure.

import { hostsForSite } from './hosts';

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
