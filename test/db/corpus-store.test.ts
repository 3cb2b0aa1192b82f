import { describe, expect, it, vi } from 'vitest';
import type { Corpus } from '../../lib/corpus/types';
import { createDexieEntrySource, storedCorpusHash, swapCorpus } from '../../lib/db/corpus-store';
import { SidenoteDatabase } from '../../lib/db/database';
import { compareNewestFirst } from '../../lib/search/array-entry-source';
import { matchesFilters, type EntryFilters } from '../../lib/search/entry-filters';
import { writeNote, writeSaved, writeSiteMuted } from '../../lib/db/user-data-store';
import { makeCorpus, makeEntry } from '../support/entries';
import { realCorpus } from '../support/seed';

const corpusV2: Corpus = makeCorpus('v2', [makeEntry(1, '新的第一条'), makeEntry(500, '新增条目', { date: '2024-04-01' })]);

async function userTables(db: SidenoteDatabase) {
  return Promise.all([db.userSaved.toArray(), db.userNotes.toArray(), db.userAnchors.toArray(), db.userMutedSites.toArray()]);
}

describe('corpus swap', () => {
  it('loads the corpus once; a second swap with the same hash changes nothing', async () => {
    const db = new SidenoteDatabase();
    expect(await swapCorpus(db, realCorpus)).toBe(true);
    expect(await db.entries.count()).toBe(119);
    expect(await storedCorpusHash(db)).toBe(realCorpus.hash);
    expect(await swapCorpus(db, realCorpus)).toBe(false);
    expect(await db.entries.count()).toBe(119);
  });

  it('replaces every corpus entry when the hash changes', async () => {
    const db = new SidenoteDatabase();
    await swapCorpus(db, realCorpus);
    expect(await swapCorpus(db, corpusV2)).toBe(true);
    expect((await db.entries.toCollection().primaryKeys()).sort((a, b) => a - b)).toEqual([1, 500]);
    expect((await db.entries.get(1))?.posts[0]?.text).toBe('新的第一条');
  });

  it('never writes a user table', async () => {
    const db = new SidenoteDatabase();
    await swapCorpus(db, realCorpus);
    await writeSaved(db, 7, true, 1);
    await writeSaved(db, 119, true, 2);
    await writeNote(db, 7, '值得一读', null, 3);
    await writeSiteMuted(db, 'github.com', true, 4);
    const before = await userTables(db);
    await swapCorpus(db, corpusV2);
    await swapCorpus(db, realCorpus);
    expect(await userTables(db)).toEqual(before);
  });

  it('leaves the old corpus in place when a swap fails midway', async () => {
    const db = new SidenoteDatabase();
    await swapCorpus(db, realCorpus);
    const broken = { hash: 'broken', entries: [makeEntry(1, 'ok'), { date: 'no id, so no key' } as never] } as Corpus;
    await expect(swapCorpus(db, broken)).rejects.toThrow();
    expect(await db.entries.count()).toBe(119);
    expect(await storedCorpusHash(db)).toBe(realCorpus.hash);
  });
});

describe('Dexie entry source', () => {
  it('lists the latest by date, then by number', async () => {
    const db = new SidenoteDatabase();
    await swapCorpus(db, realCorpus);
    const source = createDexieEntrySource(db);
    const latest = await source.latestEntries({ offset: 0, limit: 5 });
    expect(latest.entries.map((e) => e.id)).toEqual([119, 118, 117, 116, 115]);
    expect(latest.total).toBe(119);
    const page = await source.latestEntries({ offset: 2, limit: 3, filters: { author: 'dotey' } });
    const doteyNewestFirst = realCorpus.entries.filter((e) => e.posts.some((post) => post.handle === 'dotey')).sort(compareNewestFirst);
    expect(page.entries.map((e) => e.id)).toEqual(doteyNewestFirst.slice(2, 5).map((e) => e.id));
    expect(page.total).toBe(doteyNewestFirst.length);
    expect((await source.getEntries([58, 4242, 7])).map((e) => e.id)).toEqual([58, 7]);
    expect(await source.countEntries()).toBe(119);
  });

  const SAVED = [7, 58, 100, 119, 4242];
  const NOTED = [2, 58, 100];
  const marks = { savedIds: new Set(SAVED), notedIds: new Set(NOTED) };

  it.each<[string, EntryFilters]>([
    ['no filter', {}],
    ['an author', { author: 'op7418' }],
    ['an author in any case', { author: 'DOTEY' }],
    ['a date range', { from: '2024-03-10', to: '2024-03-16' }],
    ['only a start', { from: '2024-03-28' }],
    ['only an end', { to: '2024-03-05' }],
    ['an author and a range', { author: 'dotey', from: '2024-03-16', to: '2024-03-20' }],
    ['saved', { isSavedOnly: true }],
    ['noted', { hasNote: true }],
    ['saved and noted', { isSavedOnly: true, hasNote: true }],
    ['saved in a range', { isSavedOnly: true, from: '2024-03-20' }],
    ['a range with nothing in it', { from: '2025-01-01' }],
  ])('answers filters given as data (%s) as matchesFilters does, newest first', async (_label, filters) => {
    const db = new SidenoteDatabase();
    await swapCorpus(db, realCorpus);
    const source = createDexieEntrySource(db);
    const passing = realCorpus.entries.filter((entry) => matchesFilters(entry, filters, marks)).sort(compareNewestFirst);
    for (const [offset, limit] of [
      [0, 5],
      [3, 4],
      [0, 200],
    ] as const) {
      const page = await source.latestEntries({ offset, limit, filters, marks });
      expect(page.entries.map((e) => e.id)).toEqual(passing.slice(offset, offset + limit).map((e) => e.id));
      expect(page.total).toBe(passing.length);
    }
  });

  it('reads only the saved entries for the saved filter, and only the asked dates for a range', async () => {
    const db = new SidenoteDatabase();
    await swapCorpus(db, realCorpus);
    const source = createDexieEntrySource(db);
    const bulkGet = vi.spyOn(db.entries, 'bulkGet');
    const orderBy = vi.spyOn(db.entries, 'orderBy');
    expect((await source.latestEntries({ offset: 0, limit: 10, filters: { isSavedOnly: true }, marks })).total).toBe(4);
    expect(bulkGet).toHaveBeenCalledWith(SAVED);
    const between = vi.spyOn(db.entries, 'where');
    expect((await source.latestEntries({ offset: 0, limit: 1, filters: { from: '2024-03-30' } })).entries[0]?.id).toBe(119);
    expect(between).toHaveBeenCalledWith('date');
    expect(orderBy).not.toHaveBeenCalled();
  });
});
