// The user data that syncs, as one plain JSON-able value: a last-writer-wins register per field,
// each with its clock stamp, plus the entries as they read when first saved or noted (anchors).
// Types and small readers only; merging is merge.ts, the wire format sync-file.ts.

import type { Entry } from '../corpus/types';
import { CARDS_SWITCH } from '../user-data/types';
import type { HlcStamp } from './hlc';

/**
 * Whether an entry is saved (`SavedRecord`, lib/user-data/types.ts). `isSaved: false` is the
 * tombstone an unsave leaves: kept forever, so a later merge knows "unsaved" from "never saved".
 */
export type SavedRegister = { isSaved: boolean; stamp: HlcStamp };
/** An entry's note (`NoteRecord`); empty text is the tombstone of a cleared note. */
export type NoteRegister = { text: string; stamp: HlcStamp };
/** A site where cards never show (`MutedSiteRecord`); `isMuted: false` is an unmute's tombstone. */
export type MutedSiteRegister = { isMuted: boolean; stamp: HlcStamp };
/** An on/off setting (`SwitchRecord`); today only the global card switch. */
export type SwitchRegister = { isOn: boolean; stamp: HlcStamp };
export type SwitchName = typeof CARDS_SWITCH;

/** `EntryAnchor` with a clock stamp: the entry as it read when first saved or noted. */
export type SyncAnchor = { entry: Entry; anchoredAt: HlcStamp };

/**
 * Everything that syncs, one map per kind of register. Reading preferences stay per device
 * (issue #8), so they are not here. Keys are entry uids, hosts (canonicalHost) and switch names.
 */
export type SyncState = {
  saved: Record<string, SavedRegister>;
  notes: Record<string, NoteRegister>;
  mutedSites: Record<string, MutedSiteRegister>;
  switches: Partial<Record<SwitchName, SwitchRegister>>;
  anchors: Record<string, SyncAnchor>;
};

export type RegisterKind = 'saved' | 'notes' | 'mutedSites' | 'switches';
export const REGISTER_KINDS: readonly RegisterKind[] = ['saved', 'notes', 'mutedSites', 'switches'];

export function emptySyncState(): SyncState {
  return { saved: {}, notes: {}, mutedSites: {}, switches: {}, anchors: {} };
}

/**
 * `record[key]` only if it is the record's own: a key like `constructor` must not read
 * Object.prototype's member (keys come from other devices and servers).
 */
export function ownValue<V>(record: Partial<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The state's registers of one kind, with their keys. */
export function registersOf(state: SyncState, kind: RegisterKind): [string, { stamp: HlcStamp }][] {
  return Object.entries(state[kind]).filter((pair): pair is [string, { stamp: HlcStamp }] => pair[1] !== undefined);
}

/**
 * The placeholder lib/user-data/legacy-migration.ts writes for an entry that was not in the corpus
 * when its record was made (`unknown-entry-<n>`, no posts): it carries no text, so any real
 * version of the entry is the better anchor.
 */
export function isPlaceholderEntry(entry: Entry): boolean {
  return entry.posts.length === 0;
}

/**
 * The greatest stamp in the state (registers and anchors), for the clock to `receive` after a merge
 * or a restart. A merged state holds nothing over a day ahead (the merge refused it), so `receive`
 * accepts its latest stamp.
 */
export function latestStamp(state: SyncState): HlcStamp | undefined {
  let latest: HlcStamp | undefined;
  const consider = (stamp: HlcStamp) => {
    if (latest === undefined || stamp > latest) latest = stamp;
  };
  for (const kind of REGISTER_KINDS) for (const [, register] of registersOf(state, kind)) consider(register.stamp);
  for (const anchor of Object.values(state.anchors)) consider(anchor.anchoredAt);
  return latest;
}

/** What counts as a note the user has (the same rule as `hasUserData` in lib/user-data/user-state.ts). */
export function isNonEmptyNote(register: NoteRegister | undefined): boolean {
  return register !== undefined && register.text.trim() !== '';
}
