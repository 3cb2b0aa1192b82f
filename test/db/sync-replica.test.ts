// This device as a sync replica: what it reads out, and how a remote state merges in.
import { describe, expect, it } from 'vitest';
import { swapCorpus } from '../../lib/db/corpus-store';
import { SidenoteDatabase } from '../../lib/db/database';
import { applyRemoteState, readSyncState } from '../../lib/db/sync-replica';
import {
  listOrphanedUserData,
  readAnnotationSettings,
  readEntryUserState,
  writeNote,
  writeSaved,
  writeSiteMuted,
} from '../../lib/db/user-data-store';
import { compareStamps, formatStamp } from '../../lib/sync/hlc';
import { emptySyncState } from '../../lib/sync/sync-state';
import { realCorpus } from '../support/seed';

const OTHER = 'otherdev01';
const NOW = Date.UTC(2026, 10, 30);
const at = (ms: number, counter = 0) => formatStamp(ms, counter, OTHER);
const uidOf = (id: number) => realCorpus.entries.find((entry) => entry.id === id)?.uid ?? '';

async function freshDatabase(): Promise<SidenoteDatabase> {
  const db = new SidenoteDatabase();
  await swapCorpus(db, realCorpus);
  return db;
}

describe('the IndexedDB sync replica', () => {
  it('reads out every register and anchor as stored', async () => {
    const db = await freshDatabase();
    await writeSaved(db, 4, true, NOW);
    await writeNote(db, 4, '笔记', null, NOW);
    await writeSiteMuted(db, 'github.com', true, NOW);
    const state = await readSyncState(db);
    expect(state.saved[uidOf(4)]).toMatchObject({ isSaved: true });
    expect(state.notes[uidOf(4)]).toMatchObject({ text: '笔记' });
    expect(state.mutedSites['github.com']).toMatchObject({ isMuted: true });
    expect(state.anchors[uidOf(4)]?.entry.id).toBe(4);
  });

  it('takes newer remote registers, keeps newer local ones, and never deletes', async () => {
    const db = await freshDatabase();
    await writeSaved(db, 4, true, NOW);
    await writeNote(db, 5, '本地较新', null, NOW);
    const remote = emptySyncState();
    remote.saved[uidOf(4)] = { isSaved: false, stamp: at(NOW + 1000) }; // a later unsave elsewhere
    remote.notes[uidOf(5)] = { text: '远端较旧', stamp: at(NOW - 1000) };
    remote.saved[uidOf(6)] = { isSaved: true, stamp: at(NOW - 5000) };
    remote.mutedSites['x.com'] = { isMuted: true, stamp: at(NOW - 5000) };
    remote.switches.cardsEnabled = { isOn: false, stamp: at(NOW - 5000) };
    const result = await applyRemoteState(db, remote, NOW);
    expect(result.applied).toBeGreaterThanOrEqual(4);
    expect(result.touchedEntryIds.sort((a, b) => a - b)).toEqual([4, 6]);
    expect(await readEntryUserState(db, 4)).toMatchObject({ isSaved: false });
    expect(await readEntryUserState(db, 5)).toMatchObject({ note: '本地较新' });
    expect(await readEntryUserState(db, 6)).toMatchObject({ isSaved: true });
    expect(await readAnnotationSettings(db)).toEqual({ isEnabled: false, mutedSites: ['x.com'] });
    // The unsave is a record, not a deletion.
    expect(await db.userSaved.get(uidOf(4))).toMatchObject({ isSaved: false });
  });

  it('moves the clock past what it took in, so the next change here wins', async () => {
    const db = await freshDatabase();
    const ahead = at(NOW + 3_600_000, 7); // another device's clock an hour ahead
    const remote = emptySyncState();
    remote.saved[uidOf(8)] = { isSaved: true, stamp: ahead };
    await applyRemoteState(db, remote, NOW);
    const unsaved = await writeSaved(db, 8, false, NOW);
    expect(unsaved.isSaved).toBe(false);
    expect(compareStamps(unsaved.savedStamp ?? '', ahead)).toBe(1);
  });

  it('refuses a register stamped more than a day ahead', async () => {
    const db = await freshDatabase();
    const remote = emptySyncState();
    remote.saved[uidOf(9)] = { isSaved: true, stamp: at(NOW + 2 * 86_400_000) };
    const result = await applyRemoteState(db, remote, NOW);
    expect(result.refused).toEqual([{ kind: 'saved', key: uidOf(9), stamp: at(NOW + 2 * 86_400_000) }]);
    expect(await readEntryUserState(db, 9)).toEqual({ isSaved: false, note: '' });
  });

  it('anchors records that come without one: from this digest, or as a placeholder that still re-attaches by uid', async () => {
    const db = await freshDatabase();
    const remote = emptySyncState();
    remote.saved[uidOf(10)] = { isSaved: true, stamp: at(NOW) };
    remote.notes['uid-from-a-newer-digest'] = { text: '新一期的条目', stamp: at(NOW) };
    await applyRemoteState(db, remote, NOW);
    expect((await db.userAnchors.get(uidOf(10)))?.entry.id).toBe(10);
    expect(await readEntryUserState(db, 10)).toMatchObject({ isSaved: true });
    const orphans = await listOrphanedUserData(db);
    expect(orphans).toEqual([
      {
        uid: 'uid-from-a-newer-digest',
        entry: expect.objectContaining({ posts: [] }),
        user: expect.objectContaining({ note: '新一期的条目' }),
      },
    ]);
  });

  it('takes remote anchors with their text, and attaches them when the entry is here', async () => {
    const db = await freshDatabase();
    const entry = realCorpus.entries.find((candidate) => candidate.id === 11);
    if (entry === undefined) throw new Error('no entry 11');
    const remote = emptySyncState();
    remote.notes[entry.uid] = { text: '带原文的笔记', stamp: at(NOW) };
    remote.anchors[entry.uid] = { entry, anchoredAt: at(NOW) };
    await applyRemoteState(db, remote, NOW);
    expect(await readEntryUserState(db, 11)).toMatchObject({ note: '带原文的笔记' });
    expect(await listOrphanedUserData(db)).toEqual([]);
  });

  it('is idempotent: applying the same state twice changes nothing the second time', async () => {
    const db = await freshDatabase();
    const remote = emptySyncState();
    remote.saved[uidOf(12)] = { isSaved: true, stamp: at(NOW) };
    await applyRemoteState(db, remote, NOW);
    const before = await readSyncState(db);
    expect((await applyRemoteState(db, remote, NOW)).applied).toBe(0);
    expect(await readSyncState(db)).toEqual(before);
  });
});
