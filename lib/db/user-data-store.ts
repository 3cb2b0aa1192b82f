// Reads and writes the user tables. Every read-modify-write runs inside one Dexie transaction, so
// simultaneous changes (two tabs, a card, sync) each land. Records are keyed by entry identity and
// stamped by this device's hybrid logical clock; an entry's state merges every record attached
// to it (see lib/user-data/).

import type { Entry } from '../corpus/types';
import type { UserMarks } from '../search/entry-filters';
import {
  CARDS_SWITCH,
  type AnnotationSettings,
  type ChangeStamp,
  type EntryMarks,
  type LocalDevice,
  type EntryUserState,
  type NoteWriteResult,
  type OrphanedUserData,
} from '../user-data/types';
import { annotationSettingsOf, hasUserData, laterStamp, mergeEntryUserState } from '../user-data/user-state';
import { compareStamps, createClock, formatStamp, isTooFarAhead, receive, tick, type HlcStamp } from '../sync/hlc';
import { newDeviceId, type SidenoteDatabase } from './database';

export class UnknownEntryError extends Error {
  constructor(entryId: number) {
    super(`there is no entry #${entryId}`);
    this.name = 'UnknownEntryError';
  }
}

const NO_USER_STATE: EntryUserState = { isSaved: false, note: '' };

/** This install's row, created on first use (a fresh profile never ran the schema-2 migration). */
export async function ensureDevice(db: SidenoteDatabase, now = Date.now()): Promise<LocalDevice> {
  return db.transaction('rw', db.device, async () => {
    const existing = await db.device.get('self');
    if (existing !== undefined) return existing;
    const id = newDeviceId();
    const created: LocalDevice = { key: 'self', id, name: '', clock: createClock(id, now) };
    await db.device.put(created);
    return created;
  });
}

/**
 * A stamp for a change made now, later than `replacing` (the stamp of what it overwrites, which
 * may have come from another device). Call inside a transaction that includes `db.device`.
 */
async function issueStamp(db: SidenoteDatabase, now: number, replacing?: ChangeStamp): Promise<HlcStamp> {
  const device = await ensureDevice(db, now);
  let clock = device.clock;
  // Every stamp in the tables passed through this clock already; this only guards against rows
  // written some other way (a restored backup): never issue a stamp that loses to what it replaces.
  const isAhead = replacing !== undefined && compareStamps(replacing, formatStamp(clock.wall, clock.counter, clock.deviceId)) > 0;
  if (isAhead && !isTooFarAhead(replacing, now)) clock = receive(clock, replacing, now).clock;
  const next = tick(clock, now);
  await db.device.put({ ...device, clock: next.clock });
  return next.stamp;
}
/** The entry's own uid and every anchored uid re-attached to it. */
async function uidsOf(db: SidenoteDatabase, entry: Entry): Promise<string[]> {
  const attached = await db.attachments.where('entryId').equals(entry.id).primaryKeys();
  return [...new Set([entry.uid, ...attached])];
}

async function stateOfUids(db: SidenoteDatabase, uids: string[]): Promise<EntryUserState> {
  const [saved, notes] = await Promise.all([db.userSaved.bulkGet(uids), db.userNotes.bulkGet(uids)]);
  return mergeEntryUserState(
    saved.filter((record) => record !== undefined),
    notes.filter((record) => record !== undefined),
  );
}

async function requireEntry(db: SidenoteDatabase, entryId: number): Promise<Entry> {
  const entry = await db.entries.get(entryId);
  if (entry === undefined) throw new UnknownEntryError(entryId);
  return entry;
}

/** The first write about an entry keeps its text (anchor) and attaches its uid to it. */
async function anchorEntry(db: SidenoteDatabase, entry: Entry, stamp: HlcStamp): Promise<void> {
  if ((await db.userAnchors.get(entry.uid)) === undefined) await db.userAnchors.put({ uid: entry.uid, entry, anchoredAt: stamp });
  await db.attachments.put({ uid: entry.uid, entryId: entry.id });
}

const ENTRY_WRITE_TABLES = (db: SidenoteDatabase) => [db.entries, db.attachments, db.userSaved, db.userNotes, db.userAnchors, db.device];

export async function readEntryUserState(db: SidenoteDatabase, entryId: number): Promise<EntryUserState> {
  return db.transaction('r', [db.entries, db.attachments, db.userSaved, db.userNotes], async () => {
    const entry = await db.entries.get(entryId);
    return entry === undefined ? NO_USER_STATE : stateOfUids(db, await uidsOf(db, entry));
  });
}

export async function writeSaved(db: SidenoteDatabase, entryId: number, isSaved: boolean, now = Date.now()): Promise<EntryUserState> {
  return db.transaction('rw', ENTRY_WRITE_TABLES(db), async () => {
    const entry = await requireEntry(db, entryId);
    const uids = await uidsOf(db, entry);
    const before = await stateOfUids(db, uids);
    const stamp = await issueStamp(db, now, before.savedStamp);
    await anchorEntry(db, entry, stamp);
    await db.userSaved.put({ uid: entry.uid, isSaved, stamp });
    return stateOfUids(db, uids);
  });
}

/**
 * Writes a note only if it is still the one the editor started from (`baseNoteStamp`, null for
 * "no note yet"); otherwise nothing is written and the current note comes back as a conflict.
 */
export async function writeNote(
  db: SidenoteDatabase,
  entryId: number,
  text: string,
  baseNoteStamp: ChangeStamp | null,
  now = Date.now(),
): Promise<NoteWriteResult> {
  return db.transaction('rw', ENTRY_WRITE_TABLES(db), async () => {
    const entry = await requireEntry(db, entryId);
    const uids = await uidsOf(db, entry);
    const before = await stateOfUids(db, uids);
    if (before.note === text) return { status: 'saved', user: before };
    if ((before.noteStamp ?? null) !== baseNoteStamp) return { status: 'conflict', user: before };
    const stamp = await issueStamp(db, now, before.noteStamp);
    await anchorEntry(db, entry, stamp);
    await db.userNotes.put({ uid: entry.uid, text, stamp });
    return { status: 'saved', user: await stateOfUids(db, uids) };
  });
}

/** Every entry's user state (saved, note), merged across the uids attached to it. */
export async function readAllEntryStates(db: SidenoteDatabase): Promise<{ entryId: number; state: EntryUserState }[]> {
  return db.transaction('r', [db.attachments, db.userSaved, db.userNotes], async () => {
    const [attachments, saved, notes] = await Promise.all([db.attachments.toArray(), db.userSaved.toArray(), db.userNotes.toArray()]);
    const entryOf = new Map(attachments.map((a) => [a.uid, a.entryId]));
    const byEntry = new Map<number, { saved: typeof saved; notes: typeof notes }>();
    const slot = (uid: string) => {
      const entryId = entryOf.get(uid);
      if (entryId === undefined) return undefined;
      let records = byEntry.get(entryId);
      if (records === undefined) byEntry.set(entryId, (records = { saved: [], notes: [] }));
      return records;
    };
    for (const record of saved) slot(record.uid)?.saved.push(record);
    for (const record of notes) slot(record.uid)?.notes.push(record);
    return [...byEntry].map(([entryId, records]) => ({ entryId, state: mergeEntryUserState(records.saved, records.notes) }));
  });
}

/** Every entry's marks, merged across the uids attached to it. */
export async function readAllEntryMarks(db: SidenoteDatabase): Promise<EntryMarks[]> {
  return (await readAllEntryStates(db)).map(({ entryId, state }) => ({
    entryId,
    isSaved: state.isSaved,
    hasNote: state.note.trim() !== '',
  }));
}

export function userMarksOf(marks: readonly EntryMarks[]): UserMarks {
  return {
    savedIds: new Set(marks.filter((m) => m.isSaved).map((m) => m.entryId)),
    notedIds: new Set(marks.filter((m) => m.hasNote).map((m) => m.entryId)),
  };
}

/** Saves and notes whose entry left the digest, newest change first, with the entry as it read. */
export async function listOrphanedUserData(db: SidenoteDatabase): Promise<OrphanedUserData[]> {
  return db.transaction('r', [db.attachments, db.userAnchors, db.userSaved, db.userNotes], async () => {
    const attachedUids = new Set(await db.attachments.toCollection().primaryKeys());
    const orphans = (await db.userAnchors.toArray()).filter((anchor) => !attachedUids.has(anchor.uid));
    const withState = await Promise.all(
      orphans.map(async (anchor) => ({ uid: anchor.uid, entry: anchor.entry, user: await stateOfUids(db, [anchor.uid]) })),
    );
    const changedAt = (o: OrphanedUserData) => laterStamp(o.user.savedStamp, o.user.noteStamp) ?? '';
    return withState.filter((orphan) => hasUserData(orphan.user)).sort((a, b) => compareStamps(changedAt(b), changedAt(a)));
  });
}

export async function readAnnotationSettings(db: SidenoteDatabase): Promise<AnnotationSettings> {
  return db.transaction('r', [db.userSwitches, db.userMutedSites], async () =>
    annotationSettingsOf(await db.userSwitches.get(CARDS_SWITCH), await db.userMutedSites.toArray()),
  );
}

export async function writeCardsEnabled(db: SidenoteDatabase, isOn: boolean, now = Date.now()): Promise<AnnotationSettings> {
  return db.transaction('rw', [db.userSwitches, db.userMutedSites, db.device], async () => {
    const before = await db.userSwitches.get(CARDS_SWITCH);
    await db.userSwitches.put({ name: CARDS_SWITCH, isOn, stamp: await issueStamp(db, now, before?.stamp) });
    return annotationSettingsOf(await db.userSwitches.get(CARDS_SWITCH), await db.userMutedSites.toArray());
  });
}

export async function writeSiteMuted(db: SidenoteDatabase, host: string, isMuted: boolean, now = Date.now()): Promise<AnnotationSettings> {
  return db.transaction('rw', [db.userSwitches, db.userMutedSites, db.device], async () => {
    const before = await db.userMutedSites.get(host);
    await db.userMutedSites.put({ host, isMuted, stamp: await issueStamp(db, now, before?.stamp) });
    return annotationSettingsOf(await db.userSwitches.get(CARDS_SWITCH), await db.userMutedSites.toArray());
  });
}
