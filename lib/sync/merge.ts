// The one merge every transport feeds (issue #8): per register the greater stamp wins, anchors
// keep the best snapshot of each entry, anything stamped more than a day ahead is refused. Pure and
// a join (commutative, associative, idempotent), so states can meet in any order, any number of times.

import { canonicalJson } from './canonical-json';
import { isTooFarAhead, type HlcStamp } from './hlc';
import {
  isNonEmptyNote,
  isPlaceholderEntry,
  ownValue,
  type MutedSiteRegister,
  type NoteRegister,
  type RegisterKind,
  type SavedRegister,
  type SwitchRegister,
  type SyncAnchor,
  type SyncState,
} from './sync-state';

/** A register or anchor a merge did not apply: its stamp is more than a day ahead of `now`. */
export type RefusedChange = { kind: RegisterKind | 'anchors'; key: string; stamp: HlcStamp };

export type MergeResult = { state: SyncState; refused: RefusedChange[] };

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const compareFlag = (a: boolean, b: boolean) => Number(a) - Number(b);

/**
 * Orders two versions of one register; the merge keeps the greater. The stamp decides. Equal
 * stamps come only from one event on one device, so their values are equal too — unless a device
 * or a server misbehaved; then the value that keeps data wins (saved over unsaved, text over
 * none, then the greater text), so the order stays total and the merge commutative even so.
 */
type RegisterOrder<V> = (a: V, b: V) => number;

const byStampThen =
  <V extends { stamp: HlcStamp }>(tieBreak: RegisterOrder<V>): RegisterOrder<V> =>
  (a, b) =>
    compareText(a.stamp, b.stamp) || tieBreak(a, b);

const SAVED_ORDER = byStampThen<SavedRegister>((a, b) => compareFlag(a.isSaved, b.isSaved));
const NOTE_ORDER = byStampThen<NoteRegister>((a, b) => compareText(a.text, b.text));
const MUTED_ORDER = byStampThen<MutedSiteRegister>((a, b) => compareFlag(a.isMuted, b.isMuted));
const SWITCH_ORDER = byStampThen<SwitchRegister>((a, b) => compareFlag(a.isOn, b.isOn));

/**
 * Anchors are snapshots, not edits: a real entry beats the placeholder of legacy migration (it
 * carries the text re-attachment needs), then the earliest snapshot (the entry as the user first
 * met it), then the greater serialization, only so that the order is total.
 */
const ANCHOR_ORDER: RegisterOrder<SyncAnchor> = (a, b) =>
  compareFlag(!isPlaceholderEntry(a.entry), !isPlaceholderEntry(b.entry)) ||
  compareText(b.anchoredAt, a.anchoredAt) ||
  compareText(canonicalJson(a.entry), canonicalJson(b.entry));

function mergeMaps<V>(
  kind: RefusedChange['kind'],
  a: Partial<Record<string, V>>,
  b: Partial<Record<string, V>>,
  order: RegisterOrder<V>,
  stampOf: (value: V) => HlcStamp,
  now: number,
  refused: RefusedChange[],
): Record<string, V> {
  const merged: Record<string, V> = {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareText);
  for (const key of keys) {
    let best: V | undefined;
    for (const candidate of [ownValue(a, key), ownValue(b, key)]) {
      if (candidate === undefined) continue;
      if (isTooFarAhead(stampOf(candidate), now)) {
        refused.push({ kind, key, stamp: stampOf(candidate) });
        continue;
      }
      if (best === undefined || order(candidate, best) > 0) best = candidate;
    }
    if (best !== undefined) merged[key] = best;
  }
  return merged;
}

const REFUSED_KIND_ORDER: RefusedChange['kind'][] = ['saved', 'notes', 'mutedSites', 'switches', 'anchors'];

/** Sorted and without repeats, so the list, like the state, does not depend on argument order. */
export function settleRefused(refused: RefusedChange[]): RefusedChange[] {
  const unique = new Map(refused.map((change) => [`${change.kind}\n${change.key}\n${change.stamp}`, change]));
  return [...unique.values()].sort(
    (x, y) =>
      REFUSED_KIND_ORDER.indexOf(x.kind) - REFUSED_KIND_ORDER.indexOf(y.kind) || compareText(x.key, y.key) || compareText(x.stamp, y.stamp),
  );
}

/**
 * Joins two states: each register keeps its later version, each anchor its best one. A register
 * or anchor from either side stamped more than a day ahead of `now` is refused — listed, never
 * applied (the same test on both sides keeps the merge commutative; a local register can only be
 * that far ahead if this device's clock stepped back by over a day, and it stays in local storage,
 * since callers apply `changesToApply`, never the merged state wholesale). Nothing is ever deleted:
 * an unsave, a cleared note, an unmute are registers whose value says so.
 * The result shares register objects with its inputs: treat states as immutable.
 */
export function mergeStates(a: SyncState, b: SyncState, now: number): MergeResult {
  const refused: RefusedChange[] = [];
  const stamp = (register: { stamp: HlcStamp }) => register.stamp;
  const state: SyncState = {
    saved: mergeMaps('saved', a.saved, b.saved, SAVED_ORDER, stamp, now, refused),
    notes: mergeMaps('notes', a.notes, b.notes, NOTE_ORDER, stamp, now, refused),
    mutedSites: mergeMaps('mutedSites', a.mutedSites, b.mutedSites, MUTED_ORDER, stamp, now, refused),
    switches: mergeMaps('switches', a.switches, b.switches, SWITCH_ORDER, stamp, now, refused),
    anchors: mergeMaps('anchors', a.anchors, b.anchors, ANCHOR_ORDER, (anchor) => anchor.anchoredAt, now, refused),
  };
  return { state, refused: settleRefused(refused) };
}

function changedEntries<V>(
  local: Partial<Record<string, V>>,
  merged: Partial<Record<string, V>>,
  isNewer: (mergedValue: V, localValue: V) => boolean,
): Record<string, V> {
  const changes: Record<string, V> = {};
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined) continue;
    const before = ownValue(local, key);
    if (before === undefined || isNewer(value, before)) changes[key] = value;
  }
  return changes;
}

/**
 * What to write to local storage after a merge: the registers whose merged version is later than
 * the local one, and the anchors the merge improved. Transports apply this, never the merged
 * state wholesale, so a register the merge refused or a local write made meanwhile stays.
 */
export function changesToApply(local: SyncState, merged: SyncState): SyncState {
  const isAfter =
    <V>(order: RegisterOrder<V>) =>
    (mergedValue: V, localValue: V) =>
      order(mergedValue, localValue) > 0;
  return {
    saved: changedEntries(local.saved, merged.saved, isAfter(SAVED_ORDER)),
    notes: changedEntries(local.notes, merged.notes, isAfter(NOTE_ORDER)),
    mutedSites: changedEntries(local.mutedSites, merged.mutedSites, isAfter(MUTED_ORDER)),
    switches: changedEntries(local.switches, merged.switches, isAfter(SWITCH_ORDER)),
    anchors: changedEntries(local.anchors, merged.anchors, isAfter(ANCHOR_ORDER)),
  };
}

/** What a merge would change on this device, as the user would say it (keys: uids and hosts, sorted). */
export type StateDiff = {
  saved: string[];
  unsaved: string[];
  notesAdded: string[];
  notesChanged: string[];
  notesCleared: string[];
  muted: string[];
  unmuted: string[];
  /** Present when the card switch would flip. */
  cardsEnabled?: boolean;
};

/**
 * Compares the local state with a merge's result. A key absent from `after` is no change: a merge
 * never removes a register, so absence means it was refused and the local register stays.
 */
export function diffStates(before: SyncState, after: SyncState): StateDiff {
  const diff: StateDiff = { saved: [], unsaved: [], notesAdded: [], notesChanged: [], notesCleared: [], muted: [], unmuted: [] };
  const keysOf = (record: object) => Object.keys(record).sort(compareText);
  for (const uid of keysOf(after.saved)) {
    const wasSaved = ownValue(before.saved, uid)?.isSaved ?? false;
    const isSaved = ownValue(after.saved, uid)?.isSaved ?? wasSaved;
    if (isSaved !== wasSaved) (isSaved ? diff.saved : diff.unsaved).push(uid);
  }
  for (const uid of keysOf(after.notes)) {
    const old = ownValue(before.notes, uid);
    const next = ownValue(after.notes, uid);
    if (next === undefined) continue;
    if (!isNonEmptyNote(old) && isNonEmptyNote(next)) diff.notesAdded.push(uid);
    else if (isNonEmptyNote(old) && !isNonEmptyNote(next)) diff.notesCleared.push(uid);
    else if (isNonEmptyNote(old) && old?.text !== next.text) diff.notesChanged.push(uid);
  }
  for (const host of keysOf(after.mutedSites)) {
    const wasMuted = ownValue(before.mutedSites, host)?.isMuted ?? false;
    const isMuted = ownValue(after.mutedSites, host)?.isMuted ?? wasMuted;
    if (isMuted !== wasMuted) (isMuted ? diff.muted : diff.unmuted).push(host);
  }
  // A missing switch reads as on, as annotationSettingsOf (lib/user-data/user-state.ts) reads it.
  const wasOn = before.switches.cardsEnabled?.isOn ?? true;
  const isOn = after.switches.cardsEnabled?.isOn ?? wasOn;
  if (isOn !== wasOn) diff.cardsEnabled = isOn;
  return diff;
}

/** Issue #8's failsafe: a sync that would unsave or clear more than 20 % of the user's items, and more than 5, asks first. */
export const CONFIRM_LOSS_SHARE = 0.2;
export const CONFIRM_LOSS_MIN = 5;

/**
 * The user's items: saved entries plus non-empty notes (an entry saved and noted is two). Muted
 * sites and the switch are settings, not items: undoing them costs nothing the user wrote.
 */
export function countUserItems(state: SyncState): number {
  let items = 0;
  for (const register of Object.values(state.saved)) if (register.isSaved) items++;
  for (const register of Object.values(state.notes)) if (isNonEmptyNote(register)) items++;
  return items;
}

/**
 * Whether applying `after` over `before` must wait for the user: the unsaves plus cleared notes
 * exceed both 20 % of the items `before` holds and 5. A changed note is not a loss (its newer text
 * wins, as it would on one device); only a removal is.
 */
export function needsConfirmation(before: SyncState, after: SyncState): boolean {
  const diff = diffStates(before, after);
  const losses = diff.unsaved.length + diff.notesCleared.length;
  return losses > CONFIRM_LOSS_MIN && losses > CONFIRM_LOSS_SHARE * countUserItems(before);
}
