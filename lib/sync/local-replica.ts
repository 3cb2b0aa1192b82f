// What a sync transport needs from this device's store of user data (lib/db/sync-replica.ts in
// the product, an in-memory replica in tests): its whole synced state, and one atomic merge of
// remote state into it. The contract only; no storage and no merging here.

import type { RefusedChange } from './merge';
import type { SyncState } from './sync-state';

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
   * Merges `remote` into the local state as it is when the write happens, in one atomic step (one
   * Dexie transaction): `changesToApply(current, mergeStates(current, remote, now).state)` written
   * and the device's clock `receive`d past every stamp taken in, all or nothing. Never a wholesale
   * replace, and never against a state read earlier: a local edit made while the sync was talking
   * to the server must survive. Idempotent: applying the same remote state twice writes nothing
   * the second time.
   */
  applyRemote(remote: SyncState, now: number): Promise<ApplyRemoteResult>;
};
