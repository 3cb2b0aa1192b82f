// A device's synced data held in memory, for the browser-sync tests (memory-replica.ts is the
// WebDAV round's): edits stamped by its own hybrid logical clock (with a skew), remote states applied as a transport must (mergeStates, then only
// changesToApply), the clock moved past what it received. Every write is logged for "no write lost".
import { createClock, receive, tick, isTooFarAhead, type HlcClock, type HlcStamp } from '../../lib/sync/hlc';
import { changesToApply, mergeStates } from '../../lib/sync/merge';
import { emptySyncState, latestStamp, type SyncState } from '../../lib/sync/sync-state';
import type { BrowserSyncReplica } from '../../lib/sync/browser-sync';

export type LoggedWrite =
  | { kind: 'saved'; key: string; value: boolean; stamp: HlcStamp }
  | { kind: 'notes'; key: string; value: string; stamp: HlcStamp }
  | { kind: 'mutedSites'; key: string; value: boolean; stamp: HlcStamp }
  | { kind: 'switches'; key: 'cardsEnabled'; value: boolean; stamp: HlcStamp };

/** Writes `changes` over `local`, as a transport does after a merge. */
export function applyChanges(local: SyncState, changes: SyncState): SyncState {
  return {
    saved: { ...local.saved, ...changes.saved },
    notes: { ...local.notes, ...changes.notes },
    mutedSites: { ...local.mutedSites, ...changes.mutedSites },
    switches: { ...local.switches, ...changes.switches },
    anchors: { ...local.anchors, ...changes.anchors },
  };
}

export class MemoryReplica implements BrowserSyncReplica {
  state: SyncState = emptySyncState();
  clock: HlcClock;
  applied = 0;

  constructor(
    readonly deviceId: string,
    /** This device's clock error: its wall time is the real time plus this. */
    readonly skew: number,
    private readonly realTime: () => number,
    private readonly writes: LoggedWrite[] = [],
  ) {
    this.clock = createClock(deviceId, this.now());
  }

  now(): number {
    return this.realTime() + this.skew;
  }

  private stamp(): HlcStamp {
    const { clock, stamp } = tick(this.clock, this.now());
    this.clock = clock;
    return stamp;
  }

  setSaved(uid: string, isSaved: boolean): void {
    const stamp = this.stamp();
    this.state = { ...this.state, saved: { ...this.state.saved, [uid]: { isSaved, stamp } } };
    this.writes.push({ kind: 'saved', key: uid, value: isSaved, stamp });
  }

  setNote(uid: string, text: string): void {
    const stamp = this.stamp();
    this.state = { ...this.state, notes: { ...this.state.notes, [uid]: { text, stamp } } };
    this.writes.push({ kind: 'notes', key: uid, value: text, stamp });
  }

  setMuted(host: string, isMuted: boolean): void {
    const stamp = this.stamp();
    this.state = { ...this.state, mutedSites: { ...this.state.mutedSites, [host]: { isMuted, stamp } } };
    this.writes.push({ kind: 'mutedSites', key: host, value: isMuted, stamp });
  }

  setCardsEnabled(isOn: boolean): void {
    const stamp = this.stamp();
    this.state = { ...this.state, switches: { cardsEnabled: { isOn, stamp } } };
    this.writes.push({ kind: 'switches', key: 'cardsEnabled', value: isOn, stamp });
  }

  async readLocalState(): Promise<SyncState> {
    return this.state;
  }

  async applyRemoteState(remote: SyncState): Promise<void> {
    const now = this.now();
    const { state: merged } = mergeStates(this.state, remote, now);
    this.state = applyChanges(this.state, changesToApply(this.state, merged));
    this.applied++;
    const latest = latestStamp(remote);
    if (latest !== undefined && !isTooFarAhead(latest, now)) this.clock = receive(this.clock, latest, now).clock;
  }
}
