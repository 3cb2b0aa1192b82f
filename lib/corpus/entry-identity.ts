// An entry's identity apart from its heading number: a hash of its date and posts. Renumbering
// keeps it; any edit to the text makes a new one (re-attachment in lib/user-data/ bridges edits).
// Pure; must give the same answer at build time and in a database migration.

import { hashText } from './hash-text';
import type { Entry, ParsedEntry } from './types';

/** What identifies an entry: everything it says, nothing about where it sits in the volume. */
function contentKey(entry: Pick<ParsedEntry, 'date' | 'posts'>): string {
  return JSON.stringify([
    entry.date,
    entry.posts.map((post) => [
      post.handle,
      post.author,
      post.sourceUrl ?? '',
      post.text,
      post.quote ? [post.quote.handle, post.quote.author, post.quote.dateLabel, post.quote.text] : null,
      post.notes.map((note) => [note.seq, note.date, note.text]),
    ]),
  ]);
}

/**
 * Gives each entry its uid. Two entries that say exactly the same thing on the same day get the
 * same hash; the later ones (in number order) get `~2`, `~3`… so every uid is unique.
 */
export function assignEntryUids(entries: ParsedEntry[]): Entry[] {
  const seen = new Map<string, number>();
  return [...entries]
    .sort((a, b) => a.id - b.id)
    .map((entry) => {
      const hash = hashText(contentKey(entry));
      const count = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, count);
      return { uid: count === 1 ? hash : `${hash}~${count}`, ...entry };
    });
}

/** All the text an entry says, for comparing two versions of it (posts, quotes, editor notes). */
export function entryPlainText(entry: Pick<ParsedEntry, 'posts'>): string {
  const parts: string[] = [];
  for (const post of entry.posts) {
    parts.push(post.text);
    if (post.quote) parts.push(post.quote.text);
    for (const note of post.notes) parts.push(note.text);
  }
  return parts.join('\n');
}
