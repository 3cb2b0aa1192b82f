// The schema migration from version 2 (user data by heading number, settings as one blob) to
// today's records by entry identity: nothing the user had is lost, and it follows the entries.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { swapCorpus } from '../../lib/db/corpus-store';
import { DATABASE_NAME, SidenoteDatabase } from '../../lib/db/database';
import { listOrphanedUserData, readAllEntryMarks, readAnnotationSettings, readEntryUserState } from '../../lib/db/user-data-store';
import { formatStamp } from '../../lib/sync/hlc';
import { realCorpus } from '../support/seed';

/** Schema 2 exactly as the released extension declared it. */
function openSchemaTwo(): Dexie {
  const db = new Dexie(DATABASE_NAME);
  db.version(1).stores({ entries: 'id, date', meta: 'key', saved: 'entryId, updatedAt', notes: 'entryId, updatedAt' });
  db.version(2).stores({ settings: 'key' });
  return db;
}

async function installSchemaTwoWithUserData(): Promise<void> {
  const legacy = openSchemaTwo();
  // Schema 2 stored the corpus without uids.
  await legacy.table('entries').bulkPut(realCorpus.entries.map(({ uid: _uid, ...entry }) => entry));
  await legacy.table('meta').put({ key: 'corpus', hash: 'old-build', entryCount: 119, swappedAt: 1 });
  await legacy.table('saved').bulkPut([
    { entryId: 21, isSaved: true, updatedAt: 100 },
    { entryId: 58, isSaved: false, updatedAt: 101 },
    { entryId: 999, isSaved: true, updatedAt: 102 },
  ]);
  await legacy.table('notes').bulkPut([
    { entryId: 21, text: 'Karpathy 的容错观点', updatedAt: 103 },
    { entryId: 30, text: '', updatedAt: 104 },
  ]);
  await legacy
    .table('settings')
    .put({ key: 'annotations', value: { isEnabled: false, mutedSites: ['github.com', 'x.com'] }, updatedAt: 105 });
  legacy.close();
}

describe('migration from schema 2', () => {
  it('moves saves, notes and settings to identity-keyed records, stamps kept', async () => {
    await installSchemaTwoWithUserData();
    const db = new SidenoteDatabase();
    const uidOf = (id: number) => realCorpus.entries.find((e) => e.id === id)?.uid;
    // The migration gives this install its device id and stamps each change as made here, then.
    const device = await db.device.get('self');
    if (device === undefined) throw new Error('the migration made no device');
    const at = (ms: number) => formatStamp(ms, 0, device.id);
    expect(device.clock).toEqual({ deviceId: device.id, wall: 105, counter: 0 });
    expect(await db.userSaved.toArray()).toEqual(
      expect.arrayContaining([
        { uid: uidOf(21), isSaved: true, stamp: at(100) },
        { uid: uidOf(58), isSaved: false, stamp: at(101) },
        { uid: 'unknown-entry-999', isSaved: true, stamp: at(102) },
      ]),
    );
    expect(await db.userNotes.toArray()).toEqual(
      expect.arrayContaining([
        { uid: uidOf(21), text: 'Karpathy 的容错观点', stamp: at(103) },
        { uid: uidOf(30), text: '', stamp: at(104) },
      ]),
    );
    expect(await readAnnotationSettings(db)).toEqual({ isEnabled: false, mutedSites: ['github.com', 'x.com'] });
    // The stored corpus had no uids, so its hash is forgotten and the next wake swaps the shipped one in.
    expect(await db.meta.get('corpus')).toBeUndefined();
    expect(db.tables.map((table) => table.name)).not.toContain('saved');
  });

  it('reads the same state per entry after the shipped corpus is swapped in', async () => {
    await installSchemaTwoWithUserData();
    const db = new SidenoteDatabase();
    await swapCorpus(db, realCorpus);
    const deviceId = (await db.device.get('self'))?.id ?? '';
    const at = (ms: number) => formatStamp(ms, 0, deviceId);
    expect(await readEntryUserState(db, 21)).toEqual({
      isSaved: true,
      savedStamp: at(100),
      note: 'Karpathy 的容错观点',
      noteStamp: at(103),
    });
    expect(await readEntryUserState(db, 58)).toEqual({ isSaved: false, savedStamp: at(101), note: '' });
    expect((await readAllEntryMarks(db)).filter((m) => m.isSaved || m.hasNote)).toEqual([{ entryId: 21, isSaved: true, hasNote: true }]);
    // A save of a number that was never in the corpus is kept, as an orphan without text.
    expect(await listOrphanedUserData(db)).toEqual([
      {
        uid: 'unknown-entry-999',
        entry: { uid: 'unknown-entry-999', id: 999, date: '', posts: [], urls: [] },
        user: { isSaved: true, savedStamp: at(102), note: '' },
      },
    ]);
  });

  it('opens an empty profile straight at the current schema', async () => {
    const db = new SidenoteDatabase();
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.userSaved.count()).toBe(0);
  });
});
