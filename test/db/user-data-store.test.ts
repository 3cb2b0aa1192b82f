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
    expect(await db.userMutedSites.get('site0.example')).toMatchObject({ isMuted: false, changedAt: expect.any(Number) });
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

  it('stamps every change later than the one it replaces, even within one millisecond', async () => {
    const db = await freshDatabase();
    const first = await writeSaved(db, 7, true, 1000);
    const second = await writeSaved(db, 7, false, 1000);
    const third = await writeSaved(db, 7, true, 999);
    expect([first.savedAt, second.savedAt, third.savedAt]).toEqual([1000, 1001, 1002]);
    expect(third.isSaved).toBe(true);
  });

  it('writes a note only over the version the editor started from', async () => {
    const db = await freshDatabase();
    const created = await writeNote(db, 7, '第一版', null, 10);
    expect(created).toEqual({ status: 'saved', user: { isSaved: false, note: '第一版', noteAt: 10 } });
    // Another tab, still on "no note", must not overwrite it.
    expect(await writeNote(db, 7, '另一个标签页', null, 11)).toEqual({ status: 'conflict', user: created.user });
    // Nor a tab on an old version.
    const edited = await writeNote(db, 7, '第二版', 10, 12);
    expect(edited.status).toBe('saved');
    expect(await writeNote(db, 7, '过时的编辑', 10, 13)).toMatchObject({ status: 'conflict', user: { note: '第二版' } });
    // The same text from anywhere is no conflict: it is already saved.
    expect(await writeNote(db, 7, '第二版', null, 14)).toMatchObject({ status: 'saved', user: { note: '第二版', noteAt: 12 } });
    expect((await readEntryUserState(db, 7)).note).toBe('第二版');
  });

  it('keeps an empty note as a dated record, and it no longer counts as a note', async () => {
    const db = await freshDatabase();
    const { user } = await writeNote(db, 9, 'x', null, 5);
    await writeNote(db, 9, '', user.noteAt ?? null, 6);
    expect(await db.userNotes.toArray()).toEqual([{ uid: expect.any(String), text: '', changedAt: 6 }]);
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
    expect(anchors[0]).toMatchObject({ anchoredAt: 1, entry: { id: 58, uid: realCorpus.entries[57]?.uid } });
    expect(await listOrphanedUserData(db)).toEqual([]);
  });
});
