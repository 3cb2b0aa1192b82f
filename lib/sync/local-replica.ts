// What a sync transport needs from this device's store of user data (the IndexedDB store in the
// product, an in-memory replica in tests): its whole synced state, and one atomic merge of remote
// state into it. The contract and the pure plan of that merge; no storage here.

import type { HlcStamp } from './hlc';
import { changesToApply, mergeStates, type RefusedChange } from './merge';
import { latestStamp, REGISTER_KINDS, type SyncState } from './sync-state';

export type ApplyRemoteResult = {
  /** Registers and anchors written (0 when the remote state held nothing newer). */
  applied: number;
  /** What the merge refused (stamped more than a day ahead); none of it was written. */
  refused: RefusedChange[];
};

export type LocalReplica = {
  /** This device's full synced state as stored now: every register, tombstones and anchors included. */
  readState(): Promise<SyncState>;
  /**
   * Merges `remote` into the local state as it is when the write happens, in one atomic step:
   * `planRemoteApply(current, remote, now)`, then its `changes` written and the device's clock
   * `receive`d past `latestAccepted`, all or nothing (one Dexie transaction). Never a wholesale
   * replace, and never against a state read earlier: a local edit made while the sync was talking
   * to the server must survive. Idempotent: applying the same remote state twice writes nothing
   * the second time.
   */
  applyRemote(remote: SyncState, now: number): Promise<ApplyRemoteResult>;
};

export type RemoteApplyPlan = ApplyRemoteResult & {
  /** The registers and anchors to write: those the merge made newer (or better, for anchors). */
  changes: SyncState;
  /**
   * The greatest stamp the merged state holds, for `receive`: afterwards every local write outranks
   * everything this device has accepted. Undefined for an empty state.
   */
  latestAccepted: HlcStamp | undefined;
};

/** How many registers and anchors a state holds (for `changes`: how many writes it takes). */
export function countRecords(state: SyncState): number {
  let count = Object.keys(state.anchors).length;
  for (const kind of REGISTER_KINDS) count += Object.keys(state[kind]).length;
  return count;
}

/**
 * What `applyRemote` writes, computed from the state it holds at that moment. Pure, so the store
 * can run it inside its transaction (it makes no Dexie call and awaits nothing).
 */
export function planRemoteApply(local: SyncState, remote: SyncState, now: number): RemoteApplyPlan {
  const { state: merged, refused } = mergeStates(local, remote, now);
  const changes = changesToApply(local, merged);
  // The merge refused everything over a day ahead, so `receive` accepts this stamp.
  return { changes, applied: countRecords(changes), refused, latestAccepted: latestStamp(merged) };
}
