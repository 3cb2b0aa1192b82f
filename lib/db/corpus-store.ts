// The stored corpus: swapping in a new one (and re-attaching user data to it in the same
// transaction), and reading entries for search and the timeline. Never writes a user table.

import type { Corpus, Entry } from '../corpus/types';
import { compareNewestFirst } from '../search/array-entry-source';
import { matchesFilters, NO_USER_MARKS, type EntryFilters, type LatestEntriesQuery, type UserMarks } from '../search/entry-filters';
import type { EntrySource } from '../search/search-entries';
import { attachAnchors } from '../user-data/reattach';
import type { SidenoteDatabase } from './database';

/** Recomputes which entry each anchored uid belongs to. Call inside a transaction over both tables. */
async function rebuildAttachments(db: SidenoteDatabase, entries: readonly Entry[]): Promise<void> {
  const anchors = await db.userAnchors.toArray();
  const attached = attachAnchors(anchors, entries);
  await db.attachments.clear();
  await db.attachments.bulkPut([...attached].map(([uid, entryId]) => ({ uid, entryId })));
}

/**
 * Replaces the stored corpus with `corpus` in one transaction if its hash differs, and re-attaches
 * saved entries and notes to the new entries. Idempotent; returns whether anything changed.
 */
export async function swapCorpus(db: SidenoteDatabase, corpus: Corpus, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', [db.entries, db.meta, db.attachments, db.userAnchors], async () => {
    const current = await db.meta.get('corpus');
    if (current?.hash === corpus.hash) return false;
    await db.entries.clear();
    await db.entries.bulkPut(corpus.entries);
    await db.meta.put({ key: 'corpus', hash: corpus.hash, entryCount: corpus.entries.length, swappedAt: now });
    await rebuildAttachments(db, corpus.entries);
    return true;
  });
}

export async function storedCorpusHash(db: SidenoteDatabase): Promise<string | undefined> {
  return (await db.meta.get('corpus'))?.hash;
}

/** The ids the saved / has-a-note filters allow (both: the ids in both), or undefined if neither is asked. */
function markedIds(filters: EntryFilters, marks: UserMarks): number[] | undefined {
  const sets = [filters.isSavedOnly ? marks.savedIds : undefined, filters.hasNote ? marks.notedIds : undefined].filter(
    (set): set is ReadonlySet<number> => set !== undefined,
  );
  const [first, ...rest] = sets;
  return first === undefined ? undefined : [...first].filter((id) => rest.every((set) => set.has(id)));
}

/**
 * One page of the newest entries that pass `filters`. Saved or noted entries are read by id (a few
 * of many); otherwise the date index walks only the asked range, and an author is checked on the
 * entries in it. `marks` come from the user tables, read by the caller.
 */
async function latestFilteredEntries(
  db: SidenoteDatabase,
  { offset, limit, filters = {}, marks = NO_USER_MARKS }: LatestEntriesQuery,
): Promise<{ entries: Entry[]; total: number }> {
  const passes = (entry: Entry) => matchesFilters(entry, filters, marks);
  const ids = markedIds(filters, marks);
  if (ids !== undefined) {
    const found = await db.entries.bulkGet(ids);
    const passing = found.filter((entry): entry is Entry => entry !== undefined && passes(entry)).sort(compareNewestFirst);
    return { entries: passing.slice(offset, offset + limit), total: passing.length };
  }
  // Dates are ISO strings: '' sorts before and U+FFFF after every one. Equal dates come in primary-key order.
  const newestFirst = () => {
    const range = db.entries
      .where('date')
      .between(filters.from ?? '', filters.to ?? '\uffff', true, true)
      .reverse();
    return filters.author === undefined ? range : range.filter(passes);
  };
  const [entries, total] = await Promise.all([newestFirst().offset(offset).limit(limit).toArray(), newestFirst().count()]);
  return { entries, total };
}

/** An `EntrySource` over IndexedDB; filters come as data so the date index and the marks answer them. */
export function createDexieEntrySource(db: SidenoteDatabase) {
  return {
    async getEntries(ids) {
      const found = await db.entries.bulkGet(ids);
      return found.filter((entry): entry is Entry => entry !== undefined);
    },
    latestEntries: (page: LatestEntriesQuery) => latestFilteredEntries(db, page),
    countEntries: () => db.entries.count(),
  } satisfies EntrySource;
}

/** Ids in timeline order (newest date first, then highest number): what j/k step through. */
export async function timelineOrder(db: SidenoteDatabase): Promise<number[]> {
  return db.entries.orderBy('date').reverse().primaryKeys();
}
