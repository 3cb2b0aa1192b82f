// Which current entry each anchored identity belongs to after the digest changes: the same uid,
// else the entry with the same author and date and nearly the same text, else none (an orphan).
// Pure. Cost: one map lookup per anchor; text comparison only for anchors whose uid is gone, and
// only against entries of the same day and author.

import { entryPlainText } from '../corpus/entry-identity';
import type { Entry } from '../corpus/types';
import type { EntryAnchor } from './types';

/**
 * Two versions of one entry score above this; on the real digest, distinct entries by one author
 * on one day score at most 0.25 (and the literal repost 49 → 50 scores 0.96, which is the same post).
 */
export const SAME_ENTRY_SIMILARITY = 0.75;

function bigramCounts(text: string): { counts: Map<string, number>; total: number } {
  const compact = text.replace(/\s+/g, '');
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < compact.length; i++) {
    const bigram = compact.slice(i, i + 2);
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  return { counts, total: Math.max(0, compact.length - 1) };
}

/** Dice coefficient over character bigrams, whitespace ignored: 1 for equal texts, 0 for disjoint. */
export function textSimilarity(a: string, b: string): number {
  const left = bigramCounts(a);
  const right = bigramCounts(b);
  if (left.total + right.total === 0) return a.trim() === b.trim() ? 1 : 0;
  let shared = 0;
  for (const [bigram, count] of left.counts) shared += Math.min(count, right.counts.get(bigram) ?? 0);
  return (2 * shared) / (left.total + right.total);
}

function authorAndDay(entry: Pick<Entry, 'date' | 'posts'>): string {
  return `${entry.date}\n${entry.posts[0]?.handle.toLowerCase() ?? ''}`;
}

/** Anchored uid → the id of the current entry it belongs to; orphans are absent. */
export function attachAnchors(anchors: readonly EntryAnchor[], entries: readonly Entry[]): Map<string, number> {
  const byUid = new Map(entries.map((entry) => [entry.uid, entry.id]));
  const attached = new Map<string, number>();
  let byAuthorAndDay: Map<string, Entry[]> | undefined;
  for (const anchor of anchors) {
    const exact = byUid.get(anchor.uid);
    if (exact !== undefined) {
      attached.set(anchor.uid, exact);
      continue;
    }
    if (byAuthorAndDay === undefined) {
      byAuthorAndDay = new Map();
      for (const entry of entries) {
        const key = authorAndDay(entry);
        byAuthorAndDay.set(key, [...(byAuthorAndDay.get(key) ?? []), entry]);
      }
    }
    const text = entryPlainText(anchor.entry);
    let best: { id: number; score: number } | undefined;
    for (const candidate of byAuthorAndDay.get(authorAndDay(anchor.entry)) ?? []) {
      const score = textSimilarity(text, entryPlainText(candidate));
      if (score >= SAME_ENTRY_SIMILARITY && (best === undefined || score > best.score)) best = { id: candidate.id, score };
    }
    if (best !== undefined) attached.set(anchor.uid, best.id);
  }
  return attached;
}
