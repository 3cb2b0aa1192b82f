// The only module that imports Dexie. Owns the IndexedDB schema: corpus tables (replaceable as a
// whole when the shipped corpus changes) and user tables (saved, notes) that a swap never touches.

import Dexie, { type Table } from 'dexie';
import type { Corpus, Entry } from '../corpus/types';
import type { EntrySource } from '../search/search-entries';

export const DATABASE_NAME = 'sidenote';

export type CorpusMeta = { key: 'corpus'; hash: string; entryCount: number; swappedAt: number };

/** User data. Each field carries the time it last changed (sync merges per field). */
export type SavedRecord = { entryId: number; isSaved: boolean; updatedAt: number };
export type NoteRecord = { entryId: number; text: string; updatedAt: number };

export class SidenoteDatabase extends Dexie {
  entries!: Table<Entry, number>;
  meta!: Table<CorpusMeta, string>;
  saved!: Table<SavedRecord, number>;
  notes!: Table<NoteRecord, number>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      entries: 'id, date',
      meta: 'key',
      saved: 'entryId, updatedAt',
      notes: 'entryId, updatedAt',
    });
  }
}

/**
 * Replaces the stored corpus with `corpus` in one transaction if its hash differs.
 * Idempotent; returns whether anything changed. User tables are outside the transaction's scope.
 */
export async function swapCorpus(db: SidenoteDatabase, corpus: Corpus, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', db.entries, db.meta, async () => {
    const current = await db.meta.get('corpus');
    if (current?.hash === corpus.hash) return false;
    await db.entries.clear();
    await db.entries.bulkPut(corpus.entries);
    await db.meta.put({ key: 'corpus', hash: corpus.hash, entryCount: corpus.entries.length, swappedAt: now });
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
    // An index orders equal dates by primary key, so reversed this is newest date, then highest number.
    latestEntries: (limit) => db.entries.orderBy('date').reverse().limit(limit).toArray(),
    countEntries: () => db.entries.count(),
  };
}
