// The only module that imports Dexie. Owns the IndexedDB schema: corpus tables (replaceable as a
// whole when the shipped corpus changes) and user tables (saved, notes) that a swap never touches.

import Dexie, { type Table } from 'dexie';
import type { Corpus, Entry } from '../corpus/types';
import type { UserMarks } from '../search/entry-filters';
import type { EntrySource } from '../search/search-entries';

export const DATABASE_NAME = 'sidenote';

export type CorpusMeta = { key: 'corpus'; hash: string; entryCount: number; swappedAt: number };

/** User data. Each field carries the time it last changed (sync merges per field). */
export type SavedRecord = { entryId: number; isSaved: boolean; updatedAt: number };
export type NoteRecord = { entryId: number; text: string; updatedAt: number };

/** Where page cards may appear: a global switch and the sites the user muted. */
export type AnnotationSettings = { isEnabled: boolean; mutedSites: string[] };
type SettingsRecord = { key: 'annotations'; value: AnnotationSettings; updatedAt: number };

export const DEFAULT_ANNOTATION_SETTINGS: AnnotationSettings = { isEnabled: true, mutedSites: [] };

export class SidenoteDatabase extends Dexie {
  entries!: Table<Entry, number>;
  meta!: Table<CorpusMeta, string>;
  saved!: Table<SavedRecord, number>;
  notes!: Table<NoteRecord, number>;
  settings!: Table<SettingsRecord, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      entries: 'id, date',
      meta: 'key',
      saved: 'entryId, updatedAt',
      notes: 'entryId, updatedAt',
    });
    this.version(2).stores({ settings: 'key' });
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

/** The user's state for one entry. A missing record reads as "not saved, no note". */
export type EntryUserState = { isSaved: boolean; savedAt?: number; note: string; noteAt?: number };

export async function readEntryUserState(db: SidenoteDatabase, entryId: number): Promise<EntryUserState> {
  const [saved, note] = await Promise.all([db.saved.get(entryId), db.notes.get(entryId)]);
  return {
    isSaved: saved?.isSaved ?? false,
    ...(saved ? { savedAt: saved.updatedAt } : {}),
    note: note?.text ?? '',
    ...(note ? { noteAt: note.updatedAt } : {}),
  };
}

/** Unsaving keeps the record (isSaved false, with its time) so sync can tell it from "never saved". */
export async function writeSaved(db: SidenoteDatabase, entryId: number, isSaved: boolean, now = Date.now()): Promise<SavedRecord> {
  const record = { entryId, isSaved, updatedAt: now };
  await db.saved.put(record);
  return record;
}

/** An empty note is kept as a dated record too, for the same reason. */
export async function writeNote(db: SidenoteDatabase, entryId: number, text: string, now = Date.now()): Promise<NoteRecord> {
  const record = { entryId, text, updatedAt: now };
  await db.notes.put(record);
  return record;
}

export async function readUserMarks(db: SidenoteDatabase): Promise<UserMarks> {
  const [saved, notes] = await Promise.all([db.saved.toArray(), db.notes.toArray()]);
  return {
    savedIds: new Set(saved.filter((r) => r.isSaved).map((r) => r.entryId)),
    notedIds: new Set(notes.filter((r) => r.text.trim() !== '').map((r) => r.entryId)),
  };
}

/** Ids in timeline order (newest date first, then highest number): what j/k step through. */
export async function timelineOrder(db: SidenoteDatabase): Promise<number[]> {
  return db.entries.orderBy('date').reverse().primaryKeys();
}

export async function readAnnotationSettings(db: SidenoteDatabase): Promise<AnnotationSettings> {
  return (await db.settings.get('annotations'))?.value ?? DEFAULT_ANNOTATION_SETTINGS;
}

export async function writeAnnotationSettings(
  db: SidenoteDatabase,
  value: AnnotationSettings,
  now = Date.now(),
): Promise<AnnotationSettings> {
  await db.settings.put({ key: 'annotations', value, updatedAt: now });
  return value;
}
