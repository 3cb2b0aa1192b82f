// The user's own data, the one thing in Sidenote that is theirs: saved entries, notes, where
// cards may appear. One record per field that changes on its own, each with its change stamp,
// so two changes to different fields never overwrite each other and later sync can merge them.

import type { Entry } from '../corpus/types';
import type { DeviceId, HlcClock, HlcStamp } from '../sync/hlc';

/**
 * When a record last changed: a hybrid-logical-clock stamp (lib/sync/hlc.ts: wall time, counter,
 * device), later than every stamp this device issued or received, so the later of two writes
 * wins a plain string comparison on every device, whatever their clocks say.
 */
export type ChangeStamp = HlcStamp;

/** Whether an entry is saved. Unsaving keeps the record (isSaved false), so "unsaved" is a dated fact. */
export type SavedRecord = { uid: string; isSaved: boolean; stamp: ChangeStamp };

/** Longest note, in UTF-16 units: a page of text, far under IndexedDB's and sync's limits. */
export const MAX_NOTE_LENGTH = 20_000;

/** An entry's note. Clearing keeps the record with empty text, for the same reason. */
export type NoteRecord = { uid: string; text: string; stamp: ChangeStamp };

/** One site where cards never show (or no longer: isMuted false after an unmute). */
export type MutedSiteRecord = { host: string; isMuted: boolean; stamp: ChangeStamp };

export const CARDS_SWITCH = 'cardsEnabled';
/** An on/off setting; today only the global card switch. */
export type SwitchRecord = { name: typeof CARDS_SWITCH; isOn: boolean; stamp: ChangeStamp };

/**
 * The entry as it read when the user first saved or noted it. Kept so the data can follow the
 * entry through edits and renumbering, and so an entry that leaves the digest can still be shown.
 */
export type EntryAnchor = { uid: string; entry: Entry; anchoredAt: ChangeStamp };

/** The user's state for one entry. A missing record reads as "not saved, no note". */
export type EntryUserState = { isSaved: boolean; savedStamp?: ChangeStamp; note: string; noteStamp?: ChangeStamp };

/**
 * This install: its id and clock (which stamp every change it makes) and the name the user gave
 * it ("Firefox on laptop"). One row; never synced as such, but named in the files it writes.
 */
export type LocalDevice = { key: 'self'; id: DeviceId; name: string; clock: HlcClock };

/** Where page cards may appear: a global switch and the sites the user muted. */
export type AnnotationSettings = { isEnabled: boolean; mutedSites: string[] };

/** A save or note whose entry is no longer in the digest, with the entry as it read then. */
export type OrphanedUserData = { uid: string; entry: Entry; user: EntryUserState };

/** What a note write did: saved, or refused because the note changed since the editor read it. */
export type NoteWriteResult = { status: 'saved' | 'conflict'; user: EntryUserState };

/** Marks for one entry, as lists show them. */
export type EntryMarks = { entryId: number; isSaved: boolean; hasNote: boolean };

/** Told to every open view after a change, so it can update without reload. */
export type UserDataChange =
  | { kind: 'entries'; marks: EntryMarks[] }
  | { kind: 'settings' }
  /** How sync is set up or went changed (the options page and the reader's sync line read it again). */
  | { kind: 'sync' }
  /** Reload everything; `storageCleared`: the browser wiped Sidenote's storage and the digest was reloaded. */
  | { kind: 'all'; reason?: 'storageCleared' };
