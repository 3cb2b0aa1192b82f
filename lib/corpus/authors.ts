// Who wrote in the digest: one row per handle (the identity) with every display name it used. Pure.

import type { Entry } from './types';

export type AuthorSummary = { handle: string; names: string[]; entryCount: number };

/** Authors of posts (not of quoted posts), most entries first. */
export function summarizeAuthors(entries: Entry[]): AuthorSummary[] {
  const byHandle = new Map<string, { handle: string; names: Set<string>; entries: Set<number> }>();
  for (const entry of entries) {
    for (const post of entry.posts) {
      const key = post.handle.toLowerCase();
      const row = byHandle.get(key) ?? { handle: post.handle, names: new Set<string>(), entries: new Set<number>() };
      row.names.add(post.author);
      row.entries.add(entry.id);
      byHandle.set(key, row);
    }
  }
  return [...byHandle.values()]
    .map((row) => ({ handle: row.handle, names: [...row.names], entryCount: row.entries.size }))
    .sort((a, b) => b.entryCount - a.entryCount || a.handle.localeCompare(b.handle));
}
