// This device's user data as a sync replica: read whole as a SyncState, and merged with a
// remote state in one transaction (last writer wins per register, by clock stamp; nothing is
// replaced wholesale, nothing deleted). Every transport (WebDAV, storage.sync, an imported file)
// goes through here.

import type { Entry } from '../corpus/types';
import { compareStamps, isTooFarAhead, receive, type HlcStamp } from '../sync/hlc';
import { changesToApply, mergeStates, type RefusedChange } from '../sync/merge';
import { emptySyncState, ownValue, type SyncState } from '../sync/sync-state';
import { attachAnchors } from '../user-data/reattach';
import { CARDS_SWITCH, type EntryAnchor } from '../user-data/types';
import type { SidenoteDatabase } from './database';
import { ensureDevice } from './user-data-store';

const USER_TABLES = (db: SidenoteDatabase) => [db.userSaved, db.userNotes, db.userMutedSites, db.userSwitches, db.userAnchors];

/** Everything that syncs, as stored now. Call inside a transaction over the user tables, or alone. */
export async function readSyncState(db: SidenoteDatabase): Promise<SyncState> {
  return db.transaction('r', USER_TABLES(db), async () => {
    const [saved, notes, mutedSites, switches, anchors] = await Promise.all([
      db.userSaved.toArray(),
      db.userNotes.toArray(),
      db.userMutedSites.toArray(),
      db.userSwitches.toArray(),
      db.userAnchors.toArray(),
    ]);
    const state = emptySyncState();
    for (const record of saved) state.saved[record.uid] = { isSaved: record.isSaved, stamp: record.stamp };
    for (const record of notes) state.notes[record.uid] = { text: record.text, stamp: record.stamp };
    for (const record of mutedSites) state.mutedSites[record.host] = { isMuted: record.isMuted, stamp: record.stamp };
    for (const record of switches)
      if (record.name === CARDS_SWITCH) state.switches[CARDS_SWITCH] = { isOn: record.isOn, stamp: record.stamp };
    for (const anchor of anchors) state.anchors[anchor.uid] = { entry: anchor.entry, anchoredAt: anchor.anchoredAt };
    return state;
  });
}

/** Stands in for an entry only a register names (storage.sync carries no anchors) and this corpus lacks. */
function placeholderEntry(uid: string): Entry {
  return { uid, id: 0, date: '', posts: [], urls: [] };
}

export type ApplyResult = {
  /** How many registers and anchors changed here. */
  applied: number;
  /** Registers stamped more than a day ahead of this device's clock: listed, never applied. */
  refused: RefusedChange[];
  /** Entry ids whose marks may have changed (for the views). */
  touchedEntryIds: number[];
};

/**
 * Merges `remote` into this device's data, atomically against what is stored at that moment (a
 * local change made while a sync was on its way is merged, not lost), moves the clock past every
 * stamp it took in, and attaches new records to the current digest's entries.
 */
export async function applyRemoteState(db: SidenoteDatabase, remote: SyncState, now = Date.now()): Promise<ApplyResult> {
  return db.transaction('rw', [...USER_TABLES(db), db.device, db.entries, db.attachments], async () => {
    const local = await readSyncState(db);
    const { state: merged, refused } = mergeStates(local, remote, now);
    const changes = changesToApply(local, merged);
    const stamps: HlcStamp[] = [];
    const touchedUids = new Set<string>();

    for (const [uid, register] of Object.entries(changes.saved)) {
      await db.userSaved.put({ uid, isSaved: register.isSaved, stamp: register.stamp });
      stamps.push(register.stamp);
      touchedUids.add(uid);
    }
    for (const [uid, register] of Object.entries(changes.notes)) {
      await db.userNotes.put({ uid, text: register.text, stamp: register.stamp });
      stamps.push(register.stamp);
      touchedUids.add(uid);
    }
    for (const [host, register] of Object.entries(changes.mutedSites)) {
      await db.userMutedSites.put({ host, isMuted: register.isMuted, stamp: register.stamp });
      stamps.push(register.stamp);
    }
    const cards = changes.switches[CARDS_SWITCH];
    if (cards !== undefined) {
      await db.userSwitches.put({ name: CARDS_SWITCH, isOn: cards.isOn, stamp: cards.stamp });
      stamps.push(cards.stamp);
    }

    // Every record needs an anchor to be found again after the digest changes: the remote one,
    // else this digest's entry, else a placeholder that still re-attaches by uid.
    const anchors: EntryAnchor[] = Object.entries(changes.anchors).map(([uid, anchor]) => ({ uid, ...anchor }));
    const anchored = new Set([...Object.keys(local.anchors), ...anchors.map((anchor) => anchor.uid)]);
    const unanchored = [...touchedUids].filter((uid) => !anchored.has(uid));
    const ownEntries = unanchored.length === 0 ? [] : await db.entries.where('uid').anyOf(unanchored).toArray();
    const ownByUid = new Map(ownEntries.map((entry) => [entry.uid, entry]));
    for (const uid of unanchored) {
      // The earliest of the record's changes that came in (a touched uid has at least one).
      const [anchoredAt] = [ownValue(changes.saved, uid)?.stamp, ownValue(changes.notes, uid)?.stamp]
        .filter((stamp): stamp is HlcStamp => stamp !== undefined)
        .sort(compareStamps);
      if (anchoredAt !== undefined) anchors.push({ uid, entry: ownByUid.get(uid) ?? placeholderEntry(uid), anchoredAt });
    }
    for (const anchor of anchors) await db.userAnchors.put(anchor);

    // Attach the new anchors: by uid, else by author, day and text among that day's entries.
    const days = [...new Set(anchors.map((anchor) => anchor.entry.date).filter((date) => date !== ''))];
    const candidates = new Map<number, Entry>();
    for (const entry of await db.entries
      .where('uid')
      .anyOf(anchors.map((anchor) => anchor.uid))
      .toArray())
      candidates.set(entry.id, entry);
    if (days.length > 0) for (const entry of await db.entries.where('date').anyOf(days).toArray()) candidates.set(entry.id, entry);
    const attached = attachAnchors(anchors, [...candidates.values()]);
    await db.attachments.bulkPut([...attached].map(([uid, entryId]) => ({ uid, entryId })));

    // The clock moves past everything it took in, so the next local change outranks it.
    const device = await ensureDevice(db, now);
    let clock = device.clock;
    for (const stamp of stamps.concat(anchors.map((anchor) => anchor.anchoredAt))) {
      if (!isTooFarAhead(stamp, now)) clock = receive(clock, stamp, now).clock;
    }
    await db.device.put({ ...device, clock });

    const touchedEntryIds = new Set<number>();
    for (const uid of touchedUids) {
      const entryId = attached.get(uid) ?? (await db.attachments.get(uid))?.entryId;
      if (entryId !== undefined) touchedEntryIds.add(entryId);
    }
    const applied =
      Object.keys(changes.saved).length +
      Object.keys(changes.notes).length +
      Object.keys(changes.mutedSites).length +
      (cards === undefined ? 0 : 1) +
      Object.keys(changes.anchors).length;
    return { applied, refused, touchedEntryIds: [...touchedEntryIds] };
  });
}
