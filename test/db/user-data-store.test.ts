import { describe, expect, it } from 'vitest';
import { swapCorpus } from '../../lib/db/corpus-store';
import { SidenoteDatabase } from '../../lib/db/database';
import {
  listOrphanedUserData,
  readAllEntryMarks,
  readAnnotationSettings,
  readEntryUserState,
  UnknownEntryError,
  writeCardsEnabled,
  writeNote,
  writeSaved,
  writeSiteMuted,
} from '../../lib/db/user-data-store';
import { compareStamps, formatStamp, parseStamp } from '../../lib/sync/hlc';
import { realCorpus } from '../support/seed';

async function freshDatabase(): Promise<SidenoteDatabase> {
  const db = new SidenoteDatabase();
  await swapCorpus(db, realCorpus);
  return db;
}

describe('settings', () => {
  it('keeps every one of many simultaneous changes (one record per site and per switch)', async () => {
    const db = await freshDatabase();
    const hosts = Array.from({ length: 10 }, (_, i) => `site${i}.example`);
    await Promise.all([
      ...hosts.map((host) => writeSiteMuted(db, host, true)),
      writeCardsEnabled(db, false),
      writeSiteMuted(db, 'github.com', true),
    ]);
    expect(await readAnnotationSettings(db)).toEqual({ isEnabled: false, mutedSites: [...hosts, 'github.com'].sort() });
    await Promise.all([...hosts.slice(0, 5).map((host) => writeSiteMuted(db, host, false)), writeCardsEnabled(db, true)]);
    expect(await readAnnotationSettings(db)).toEqual({ isEnabled: true, mutedSites: [...hosts.slice(5), 'github.com'].sort() });
    // An unmute is a dated record too, so a later merge can tell it from "never muted".
    expect(await db.userMutedSites.get('site0.example')).toMatchObject({ isMuted: false, stamp: expect.any(String) });
  });

  it('defaults to cards on and nothing muted', async () => {
    expect(await readAnnotationSettings(await freshDatabase())).toEqual({ isEnabled: true, mutedSites: [] });
  });
});

describe('saves and notes', () => {
  it('keeps every one of many simultaneous saves and notes', async () => {
    const db = await freshDatabase();
    const ids = Array.from({ length: 20 }, (_, i) => i + 1);
    await Promise.all(ids.flatMap((id) => [writeSaved(db, id, true), writeNote(db, id, `笔记 ${id}`, null)]));
    const marks = await readAllEntryMarks(db);
    expect(
      marks
        .filter((m) => m.isSaved && m.hasNote)
        .map((m) => m.entryId)
        .sort((a, b) => a - b),
    ).toEqual(ids);
    for (const id of ids) expect((await readEntryUserState(db, id)).note).toBe(`笔记 ${id}`);
  });

  it('stamps every change later than the one it replaces: within one millisecond, with the clock stepping back, after another device', async () => {
    const db = await freshDatabase();
    const first = await writeSaved(db, 7, true, 1000);
    const second = await writeSaved(db, 7, false, 1000);
    const third = await writeSaved(db, 7, true, 999);
    const stamps = [first.savedStamp, second.savedStamp, third.savedStamp].map((stamp) => stamp ?? '');
    expect(stamps.map((stamp) => parseStamp(stamp))).toMatchObject([
      { wall: 1000, counter: 1 },
      { wall: 1000, counter: 2 },
      { wall: 1000, counter: 3 },
    ]);
    expect(third.isSaved).toBe(true);
    // A record another device stamped later (its clock ahead) is still replaced by the next change here.
    const uid = realCorpus.entries.find((entry) => entry.id === 7)?.uid ?? '';
    const foreign = formatStamp(5000, 3, 'otherdevic');
    await db.userSaved.put({ uid, isSaved: false, stamp: foreign });
    const fourth = await writeSaved(db, 7, true, 1001);
    expect(fourth.isSaved).toBe(true);
    expect(compareStamps(fourth.savedStamp ?? '', foreign)).toBe(1);
    expect(parseStamp(fourth.savedStamp ?? '').wall).toBe(5000);
  });

  it('writes a note only over the version the editor started from', async () => {
    const db = await freshDatabase();
    const created = await writeNote(db, 7, '第一版', null, 10);
    const first = created.user.noteStamp ?? '';
    expect(created).toEqual({ status: 'saved', user: { isSaved: false, note: '第一版', noteStamp: first } });
    // Another tab, still on "no note", must not overwrite it.
    expect(await writeNote(db, 7, '另一个标签页', null, 11)).toEqual({ status: 'conflict', user: created.user });
    // Nor a tab on an old version.
    const edited = await writeNote(db, 7, '第二版', first, 12);
    expect(edited.status).toBe('saved');
    expect(await writeNote(db, 7, '过时的编辑', first, 13)).toMatchObject({ status: 'conflict', user: { note: '第二版' } });
    // The same text from anywhere is no conflict: it is already saved.
    expect(await writeNote(db, 7, '第二版', null, 14)).toMatchObject({
      status: 'saved',
      user: { note: '第二版', noteStamp: edited.user.noteStamp },
    });
    expect((await readEntryUserState(db, 7)).note).toBe('第二版');
  });

  it('keeps an empty note as a dated record, and it no longer counts as a note', async () => {
    const db = await freshDatabase();
    const { user } = await writeNote(db, 9, 'x', null, 5);
    await writeNote(db, 9, '', user.noteStamp ?? null, 6);
    expect(await db.userNotes.toArray()).toEqual([{ uid: expect.any(String), text: '', stamp: expect.stringMatching(/^000000006:0000:/) }]);
    expect((await readAllEntryMarks(db)).find((m) => m.entryId === 9)).toEqual({ entryId: 9, isSaved: false, hasNote: false });
  });

  it('refuses an entry that is not in the digest and writes nothing', async () => {
    const db = await freshDatabase();
    await expect(writeSaved(db, 4242, true)).rejects.toBeInstanceOf(UnknownEntryError);
    await expect(writeNote(db, 4242, 'x', null)).rejects.toBeInstanceOf(UnknownEntryError);
    expect(await db.userSaved.count()).toBe(0);
    expect(await db.userAnchors.count()).toBe(0);
  });

  it('keeps the entry as it read when first saved or noted (its anchor)', async () => {
    const db = await freshDatabase();
    await writeSaved(db, 58, true, 1);
    await writeNote(db, 58, 'n', null, 2);
    const anchors = await db.userAnchors.toArray();
    expect(anchors).toHaveLength(1);
    expect(anchors[0]).toMatchObject({
      anchoredAt: expect.stringMatching(/^000000001:/),
      entry: { id: 58, uid: realCorpus.entries[57]?.uid },
    });
    expect(await listOrphanedUserData(db)).toEqual([]);
  });
});
