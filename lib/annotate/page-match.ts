// Which entries discuss a page, from its URL keys: an index of the corpus URLs' exact keys, looked
// up with the page's exact key (the card) and its related keys (its repo or model). Pure.

import type { Entry } from '../corpus/types';
import { urlKeys, type UrlKeys } from '../url/url-keys';

/** Exact key of a cited URL → the entries citing it (in entry order). */
export type UrlIndex = Map<string, number[]>;

export function buildUrlIndex(entries: Entry[]): UrlIndex {
  const index: UrlIndex = new Map();
  for (const entry of entries) {
    for (const url of entry.urls) {
      const key = urlKeys(url)?.exact;
      if (key === undefined) continue;
      const ids = index.get(key) ?? [];
      if (!ids.includes(entry.id)) ids.push(entry.id);
      index.set(key, ids);
    }
  }
  return index;
}

export type KeyMatch = { id: number; key: string };

export type PageMatches = { exact: KeyMatch[]; related: KeyMatch[] };

/** What a page card shows of one entry. */
export type CardEntry = {
  id: number;
  date: string;
  posts: { author: string; handle: string; text: string }[];
  isSaved: boolean;
  /** The key the page matched on ("why this matched"). */
  matchedKey: string;
};

/** The background's answer to a page: cards to show, or why there are none. */
export type PageMatchResponse =
  { status: 'off' | 'muted' | 'none'; relatedCount: number } | { status: 'matched'; entries: CardEntry[]; relatedCount: number };

export function findPageMatches(index: UrlIndex, keys: UrlKeys): PageMatches {
  const exact = (index.get(keys.exact) ?? []).map((id) => ({ id, key: keys.exact }));
  const seen = new Set(exact.map((m) => m.id));
  const related: KeyMatch[] = [];
  for (const key of keys.related) {
    for (const id of index.get(key) ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      related.push({ id, key });
    }
  }
  return { exact, related };
}
