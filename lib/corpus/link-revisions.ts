// Reposts: an entry that repeats an earlier entry's first post (same handle, same text), usually
// with an added editor's note, e.g. 50 → 49. Runs once on the merged volumes, so a repost in a
// later volume links to its first appearance in an earlier one. Pure (mutates the list it is given).

import type { ParsedEntry, Post } from './types';

function normalizedPostText(post: Post): string {
  return post.text.replace(/\s+/g, ' ').trim();
}

/** Sets `revisionOf` / `revisedBy`; "earlier" is list order, so pass the entries in id order. */
export function linkRevisions(entries: ParsedEntry[]): void {
  const firstSeen = new Map<string, ParsedEntry>();
  for (const entry of entries) {
    const post = entry.posts[0];
    if (post === undefined) continue;
    const key = `${post.handle}\n${normalizedPostText(post)}`;
    const earlier = firstSeen.get(key);
    if (earlier === undefined) {
      firstSeen.set(key, entry);
      continue;
    }
    entry.revisionOf = earlier.id;
    earlier.revisedBy = [...(earlier.revisedBy ?? []), entry.id];
  }
}
