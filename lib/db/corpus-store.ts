// The stored corpus: swapping in a new one (and re-attaching user data to it in the same
// transaction), and reading entries for search and the timeline. Never writes a user table.

import type { Corpus, Entry } from '../corpus/types';
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

export function createDexieEntrySource(db: SidenoteDatabase): EntrySource {
  return {
    async getEntries(ids) {
      const found = await db.entries.bulkGet(ids);
      return found.filter((entry): entry is Entry => entry !== undefined);
    },
    async latestEntries({ offset, limit, where }) {
      // An index orders equal dates by primary key, so reversed this is newest date, then highest number.
      const newestFirst = () => {
        const collection = db.entries.orderBy('date').reverse();
        return where ? collection.filter(where) : collection;
      };
      const [entries, total] = await Promise.all([newestFirst().offset(offset).limit(limit).toArray(), newestFirst().count()]);
      return { entries, total };
    },
    countEntries: () => db.entries.count(),
  };
}

/** Ids in timeline order (newest date first, then highest number): what j/k step through. */
export async function timelineOrder(db: SidenoteDatabase): Promise<number[]> {
  return db.entries.orderBy('date').reverse().primaryKeys();
}
