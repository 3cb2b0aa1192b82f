// An in-memory LocalReplica for sync tests: one device's state and clock, local edits as the user
// makes them (a stamp from the device's own, possibly skewed, clock; an anchor on the first save or
// note), and applyRemote as one synchronous — so atomic — step. Plus a mutex for the sync lock.
import type { Entry } from '../../lib/corpus/types';
import { createClock, receive, tick, type DeviceId, type HlcClock, type HlcStamp } from '../../lib/sync/hlc';
import type { ApplyRemoteResult, LocalReplica } from '../../lib/sync/local-replica';
import { changesToApply, mergeStates } from '../../lib/sync/merge';
import { emptySyncState, latestStamp, ownValue, REGISTER_KINDS, type RegisterKind, type SyncState } from '../../lib/sync/sync-state';
import type { SyncLock } from '../../lib/sync/webdav-sync';
import { entryFor } from './sync-states';

/** One local write, as the oracle of a simulation records it. */
export type LocalWrite = { kind: RegisterKind; key: string; value: boolean | string; stamp: HlcStamp };

/** The value field of a register, whatever its kind. */
export function registerValue(kind: RegisterKind, register: object): boolean | string {
  const record = register as Record<string, unknown>;
  const value = record[{ saved: 'isSaved', notes: 'text', mutedSites: 'isMuted', switches: 'isOn' }[kind]];
  if (typeof value !== 'boolean' && typeof value !== 'string') throw new TypeError(`no value in a ${kind} register`);
  return value;
}

function registerOf(kind: RegisterKind, value: boolean | string, stamp: HlcStamp): object {
  switch (kind) {
    case 'saved':
      return { isSaved: value, stamp };
    case 'notes':
      return { text: value, stamp };
    case 'mutedSites':
      return { isMuted: value, stamp };
    case 'switches':
      return { isOn: value, stamp };
  }
}

/** Writes `changes` over `state` (a transport's apply step). */
export function overlayChanges(state: SyncState, changes: SyncState): SyncState {
  return {
    saved: { ...state.saved, ...changes.saved },
    notes: { ...state.notes, ...changes.notes },
    mutedSites: { ...state.mutedSites, ...changes.mutedSites },
    switches: { ...state.switches, ...changes.switches },
    anchors: { ...state.anchors, ...changes.anchors },
  };
}

/** How many registers and anchors a state holds. */
export function countRecords(state: SyncState): number {
  let count = Object.keys(state.anchors).length;
  for (const kind of REGISTER_KINDS) count += Object.keys(state[kind]).length;
  return count;
}

export class MemoryReplica implements LocalReplica {
  state: SyncState;
  clock: HlcClock;
  /** Set to make the next applyRemote fail before writing anything (a transaction that aborts). */
  failNextApply: Error | undefined;
  /** Called before applyRemote reads the state: a hook for "the user edits while the merge runs". */
  beforeApply: (() => void) | undefined;

  constructor(
    readonly deviceId: DeviceId,
    readonly now: () => number,
    private readonly onWrite: (write: LocalWrite, anchor?: { uid: string; entry: Entry; anchoredAt: HlcStamp }) => void = () => {},
    initial: SyncState = emptySyncState(),
  ) {
    this.state = structuredClone(initial);
    this.clock = createClock(deviceId, now());
    const latest = latestStamp(this.state);
    if (latest !== undefined) this.clock = receive(this.clock, latest, now()).clock;
  }

  async readState(): Promise<SyncState> {
    return structuredClone(this.state);
  }

  async applyRemote(remote: SyncState, now: number): Promise<ApplyRemoteResult> {
    this.beforeApply?.();
    const failure = this.failNextApply;
    if (failure !== undefined) {
      this.failNextApply = undefined;
      throw failure;
    }
    const { state: merged, refused } = mergeStates(this.state, remote, now);
    const changes = changesToApply(this.state, merged);
    this.state = overlayChanges(this.state, structuredClone(changes));
    // The merge refused everything over a day ahead, so `receive` accepts its latest stamp.
    const latest = latestStamp(merged);
    if (latest !== undefined) this.clock = receive(this.clock, latest, now).clock;
    return { applied: countRecords(changes), refused };
  }

  /** A local edit: the next stamp of this device's clock; a first save or non-empty note also anchors the entry. */
  write(kind: RegisterKind, key: string, value: boolean | string, entryVariant = 1): HlcStamp {
    const { clock, stamp } = tick(this.clock, this.now());
    this.clock = clock;
    (this.state[kind] as Record<string, object>)[key] = registerOf(kind, value, stamp);
    const isFirstMark = (kind === 'saved' && value === true) || (kind === 'notes' && typeof value === 'string' && value.trim() !== '');
    let anchor: { uid: string; entry: Entry; anchoredAt: HlcStamp } | undefined;
    if (isFirstMark && ownValue(this.state.anchors, key) === undefined) {
      anchor = { uid: key, entry: entryFor(key, entryVariant), anchoredAt: stamp };
      this.state.anchors[key] = { entry: anchor.entry, anchoredAt: stamp };
    }
    this.onWrite({ kind, key, value, stamp }, anchor);
    return stamp;
  }

  /** Every register's stamp, by kind and key: to check that nothing ever goes back. */
  stamps(): Map<string, HlcStamp> {
    const stamps = new Map<string, HlcStamp>();
    for (const kind of REGISTER_KINDS) {
      for (const [key, register] of Object.entries(this.state[kind])) if (register) stamps.set(`${kind} ${key}`, register.stamp);
    }
    for (const [uid, anchor] of Object.entries(this.state.anchors)) stamps.set(`anchor ${uid}`, anchor.anchoredAt);
    return stamps;
  }
}

/** A SyncLock for tests: one holder per name at a time, the rest queue in order (as navigator.locks does). */
export function createTestLock(): SyncLock & { names: string[]; held: Set<string> } {
  const tails = new Map<string, Promise<unknown>>();
  const names: string[] = [];
  const held = new Set<string>();
  const lock = <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    names.push(name);
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(async () => {
        held.add(name);
        try {
          return await fn();
        } finally {
          held.delete(name);
        }
      });
    tails.set(name, run);
    return run;
  };
  return Object.assign(lock, { names, held });
}
