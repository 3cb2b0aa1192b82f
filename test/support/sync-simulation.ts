// A seeded simulation of devices syncing through one WebDAV folder (issue #8): each device has its
// own in-memory replica and a skewed clock, makes random edits on a small key space (so they
// collide), and runs random rounds — some interrupted, some meeting faults — while the folder is
// deleted, files damaged and MOVE refused. A fault-free settling phase must then leave every
// replica equal, and every register equal to the write with the greatest stamp ever made.
// Backends: the in-process fake server, or a real Apache (test/sync/webdav-sync-simulation.test.ts).
import { expect } from 'vitest';
import type { Entry } from '../../lib/corpus/types';
import type { HlcStamp } from '../../lib/sync/hlc';
import type { StateDiff } from '../../lib/sync/merge';
import { createRetryPolicy } from '../../lib/sync/retry';
import { decodeSyncFile, type SyncDevice } from '../../lib/sync/sync-file';
import { syncFileName } from '../../lib/sync/sync-file-name';
import { latestStamp, REGISTER_KINDS, type SyncState } from '../../lib/sync/sync-state';
import { createWebDavClient, type FetchFunction, type WebDavClient } from '../../lib/sync/webdav-client';
import { syncWithWebDav } from '../../lib/sync/webdav-sync';
import { LOGIN_PAGE } from './fake-webdav-server';
import { createSeededRandom } from './seeded-random';
import { createFaultyFetch, type FaultyFetch, type FetchFault } from './fault-fetch';
import { createTestLock, MemoryReplica, registerValue, type LocalWrite } from './memory-replica';
import { NOW } from './sync-states';

/** A folder for one case, on some server. */
export type SimulationBackend = {
  folderUrl: string;
  username: string;
  password: string;
  /** What the devices' requests go through before the harness's own faults (plain fetch, mostly). */
  fetch: FetchFunction;
  /** Server-side faults on or off; the settling phase turns them off. */
  setServerFaults(isOn: boolean): void;
  /** Server-side faults injected so far, by kind. */
  serverFaults(): Map<string, number>;
  /** Deletes the folder and every file in it, as a user cleaning up on the server would. */
  deleteFolder(): Promise<void>;
  /** Refuses MOVE (405) until set back, as some shares do. */
  setRefuseMove(isOn: boolean): void;
  close(): Promise<void>;
};

export type SimulationOptions = {
  seed: number;
  deviceCount: number;
  steps: number;
  /** The clients' timeout during the random phase (timeout faults cost this much real time). */
  timeoutMs: number;
  /** Faults injected between the clients and the server, and how often. */
  fetchFaults: readonly FetchFault[];
  fetchFaultRate: number;
};

export type SimulationTotals = {
  cases: number;
  steps: number;
  edits: number;
  editsDuringRounds: number;
  syncs: number;
  ok: number;
  paused: number;
  errors: Map<string, number>;
  interrupted: number;
  faults: Map<string, number>;
  retries: number;
  warnings: Map<string, number>;
  requests: number;
};

export function emptyTotals(): SimulationTotals {
  return {
    cases: 0,
    steps: 0,
    edits: 0,
    editsDuringRounds: 0,
    syncs: 0,
    ok: 0,
    paused: 0,
    errors: new Map(),
    interrupted: 0,
    faults: new Map(),
    retries: 0,
    warnings: new Map(),
    requests: 0,
  };
}

const add = (map: Map<string, number>, key: string, count = 1) => map.set(key, (map.get(key) ?? 0) + count);
const sum = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
const listed = (map: Map<string, number>) =>
  [...map]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, count]) => `${key} ${count}`)
    .join(', ');

export function describeTotals(label: string, seeds: number, totals: SimulationTotals): string {
  return [
    `${label}: ${totals.cases} cases (${seeds} seeds × 2 and 3 devices), ${totals.steps} steps; ` +
      `${totals.edits} edits (${totals.editsDuringRounds} made during a round); ${totals.syncs} sync rounds: ` +
      `${totals.ok} ok, ${totals.paused} paused (then confirmed), ${sum(totals.errors)} ended in an error, ${totals.interrupted} interrupted`,
    `  errors: ${listed(totals.errors) || 'none'}`,
    `  faults injected: ${sum(totals.faults)} (${listed(totals.faults)}); ${totals.retries} retries; ${totals.requests} requests`,
    `  files skipped with a warning: ${sum(totals.warnings)} (${listed(totals.warnings) || 'none'})`,
  ].join('\n');
}

const UIDS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
const HOSTS = ['a.com', 'b.org', 'c.net'];
const NOTES = ['', 'x', '读过', 'worth rereading', 'ok'];
const HOUR = 60 * 60 * 1000;

/** Thrown through the signal to stop a round between two requests, as a stopped service worker would. */
class SimulatedInterruption extends Error {
  override name = 'SimulatedInterruption';
}

type Round = { controller: AbortController; limit: number; count: number };

type SimDevice = {
  device: SyncDevice;
  replica: MemoryReplica;
  faulty: FaultyFetch;
  client: WebDavClient;
  round: Round | undefined;
  pending: StateDiff | undefined;
  lastStamps: Map<string, HlcStamp>;
};

/** Runs one case and checks its invariants as it goes and at the end. */
export async function simulateSync(backend: SimulationBackend, options: SimulationOptions, totals: SimulationTotals): Promise<void> {
  const random = createSeededRandom(options.seed * 31 + options.deviceCount);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let time = NOW;
  const lock = createTestLock();

  // The oracle: every write ever made, and per register the one with the greatest stamp.
  const everyWrite = new Set<string>();
  const latest = new Map<string, LocalWrite>();
  const earliestAnchor = new Map<string, { entry: Entry; anchoredAt: HlcStamp }>();
  const record = (write: LocalWrite, anchor?: { uid: string; entry: Entry; anchoredAt: HlcStamp }) => {
    everyWrite.add(`${write.kind} ${write.key} ${write.stamp} ${String(write.value)}`);
    const id = `${write.kind} ${write.key}`;
    const before = latest.get(id);
    if (before === undefined || write.stamp > before.stamp) latest.set(id, write);
    if (anchor !== undefined) {
      const kept = earliestAnchor.get(anchor.uid);
      if (kept === undefined || anchor.anchoredAt < kept.anchoredAt)
        earliestAnchor.set(anchor.uid, { entry: anchor.entry, anchoredAt: anchor.anchoredAt });
    }
  };

  const makeClient = (fetchFunction: FetchFunction, timeoutMs: number, now: () => number) =>
    createWebDavClient({
      folderUrl: backend.folderUrl,
      username: backend.username,
      password: backend.password,
      fetch: fetchFunction,
      timeoutMs,
      now,
      randomId: () => Math.floor(random() * 0xffffffff).toString(16),
    });

  const devices: SimDevice[] = [];
  for (let i = 0; i < options.deviceCount; i++) {
    const id = `${'abc'[i]}${Math.floor(random() * 36 ** 9)
      .toString(36)
      .padStart(9, '0')}`;
    // ±6 hours: far apart, yet within the day a merge accepts, so nothing is refused.
    const skewMs = Math.round((random() * 2 - 1) * 6 * HOUR);
    const now = () => time + skewMs;
    const faulty = createFaultyFetch(backend.fetch, { random, rate: options.fetchFaultRate, faults: options.fetchFaults });
    // Between the client and the faults: counts this round's requests, stops the round after its
    // limit (and sends nothing more, as a stopped worker), and lets the user edit meanwhile.
    const roundFetch: FetchFunction = async (input, init) => {
      // `sim` is declared below; this runs only once the device's first round sends a request.
      const round = sim.round;
      round?.controller.signal.throwIfAborted();
      if (random() < 0.05) {
        edit(sim);
        totals.editsDuringRounds++;
      }
      try {
        return await sim.faulty(input, init);
      } finally {
        if (round && ++round.count >= round.limit)
          round.controller.abort(new SimulatedInterruption(`stopped after ${round.limit} requests`));
      }
    };
    const sim: SimDevice = {
      device: { id, name: `设备 ${i + 1} (${skewMs >= 0 ? '+' : ''}${Math.round(skewMs / 60_000)} min)` },
      replica: new MemoryReplica(id, now, record),
      faulty,
      client: makeClient(roundFetch, options.timeoutMs, now),
      round: undefined,
      pending: undefined,
      lastStamps: new Map(),
    };
    devices.push(sim);
  }

  function edit(sim: SimDevice): void {
    totals.edits++;
    const roll = random();
    const uid = pick(UIDS);
    // What the user sees when editing; the edit must outrank all of it (the clock passed every
    // stamp the replica accepted), or an unsave made after a sync could lose to an older save.
    const seen = latestStamp(sim.replica.state);
    const stampOf = (stamp: HlcStamp) => {
      if (seen !== undefined && stamp <= seen) throw new Error(`${sim.device.id}: an edit stamped ${stamp}, not after ${seen}`);
    };
    if (roll < 0.3) stampOf(sim.replica.write('saved', uid, true, 1 + Math.floor(random() * 2)));
    else if (roll < 0.5) stampOf(sim.replica.write('saved', uid, false));
    else if (roll < 0.75) stampOf(sim.replica.write('notes', uid, pick(NOTES) || `note ${totals.edits}`, 1 + Math.floor(random() * 2)));
    else if (roll < 0.85) stampOf(sim.replica.write('notes', uid, ''));
    else if (roll < 0.95) stampOf(sim.replica.write('mutedSites', pick(HOSTS), random() < 0.6));
    else stampOf(sim.replica.write('switches', 'cardsEnabled', random() < 0.5));
  }

  /**
   * Nothing is ever lost or half-applied: a register's stamp never goes back (an anchor's only
   * goes back, to an earlier snapshot of its entry), and every register holds a value some device
   * wrote with that stamp.
   */
  function checkReplica(sim: SimDevice, when: string): void {
    const stamps = sim.replica.stamps();
    for (const [key, stamp] of sim.lastStamps) {
      const now = stamps.get(key);
      const isAnchor = key.startsWith('anchor ');
      if (now === undefined || (isAnchor ? now > stamp : now < stamp)) {
        throw new Error(`${sim.device.id} ${when}: ${key} went from ${stamp} ${isAnchor ? 'on' : 'back'} to ${now}`);
      }
    }
    sim.lastStamps = stamps;
    for (const kind of REGISTER_KINDS) {
      for (const [key, register] of Object.entries(sim.replica.state[kind])) {
        if (register === undefined) continue;
        const write = `${kind} ${key} ${register.stamp} ${String(registerValue(kind, register))}`;
        if (!everyWrite.has(write)) throw new Error(`${sim.device.id} ${when}: ${write} was never written`);
      }
    }
  }

  async function syncRound(sim: SimDevice, isInterruptible: boolean): Promise<'ok' | 'paused' | 'error' | 'interrupted'> {
    const round: Round = {
      controller: new AbortController(),
      limit: isInterruptible && random() < 0.25 ? 1 + Math.floor(random() * 8) : Infinity,
      count: 0,
    };
    sim.round = round;
    const applyFailure = isInterruptible && random() < 0.04 ? new SimulatedInterruption('stopped during the apply') : undefined;
    sim.replica.failNextApply = applyFailure;
    // The user edits between the round's read of the local state and its apply (in the product,
    // while the apply waits for its transaction): the apply must merge into the state as it is then.
    sim.replica.beforeApply =
      isInterruptible && random() < 0.1
        ? () => {
            edit(sim);
            totals.editsDuringRounds++;
          }
        : undefined;
    totals.syncs++;
    let outcome: 'ok' | 'paused' | 'error' | 'interrupted';
    try {
      const result = await syncWithWebDav({
        client: sim.client,
        device: sim.device,
        crypto: globalThis.crypto,
        now: sim.replica.now,
        replica: sim.replica,
        retryPolicy: createRetryPolicy(random, { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 }),
        // The fake clock: a wait moves time on, and costs nothing.
        sleep: async (ms) => {
          time += ms;
        },
        onRetry: () => void totals.retries++,
        lock,
        confirmedDiff: sim.pending,
        signal: round.controller.signal,
      });
      // ±6 hours never reaches the day-ahead limit: nothing may be refused.
      expect(result.refused, `refused in a round of ${sim.device.id}`).toEqual([]);
      for (const warning of result.warnings) add(totals.warnings, warning.reason);
      outcome = result.status;
      if (result.status === 'paused') {
        // The user confirms the diff the round showed; the next round of this device goes ahead.
        sim.pending = result.diff;
        expect(result).toMatchObject({ applied: 0, uploaded: false });
        totals.paused++;
      } else if (result.status === 'ok') {
        sim.pending = undefined;
        totals.ok++;
      } else {
        add(totals.errors, result.error.kind);
      }
    } catch (error) {
      if (!(error instanceof SimulatedInterruption)) throw error;
      totals.interrupted++;
      outcome = 'interrupted';
    } finally {
      sim.round = undefined;
      sim.replica.failNextApply = undefined;
      sim.replica.beforeApply = undefined;
    }
    checkReplica(sim, `after a round (${outcome})`);
    return outcome;
  }

  // The harness's own hand on the folder (damage, strangers' files). Faults on the server hit it
  // too, so its timeout is the devices' short one until the settling phase.
  let rawClient = makeClient(backend.fetch, options.timeoutMs, () => time);

  for (let step = 0; step < options.steps; step++) {
    totals.steps++;
    time += Math.floor(random() * 120_000);
    const sim = pick(devices);
    const roll = random();
    if (roll < 0.03) {
      // A clean-up: everything unsaved and every note cleared, which other devices' failsafe holds back until confirmed.
      for (const uid of UIDS) {
        sim.replica.write('saved', uid, false);
        sim.replica.write('notes', uid, '');
        totals.edits += 2;
      }
      checkReplica(sim, 'after a clean-up');
    } else if (roll < 0.45) {
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) edit(sim);
      checkReplica(sim, 'after edits');
    } else if (roll < 0.89) {
      await syncRound(sim, true);
    } else if (roll < 0.92) {
      add(totals.faults, 'folder deleted');
      await backend.deleteFolder();
    } else if (roll < 0.95) {
      // A device file damaged on the server (cut, or replaced by a page); its device rewrites it.
      const victim = pick(devices);
      const name = syncFileName(victim.device.id);
      const text = await rawClient.readFile(name).catch(() => undefined);
      const damaged = random() < 0.5 ? text?.slice(0, Math.floor(text.length / 2)) : LOGIN_PAGE;
      // The server's own faults may hit these requests too; then nothing was damaged.
      if (
        text !== undefined &&
        (await rawClient.writeFile(name, damaged ?? '').then(
          () => true,
          () => false,
        ))
      )
        add(totals.faults, 'file damaged');
    } else if (roll < 0.97) {
      // Files that are not, or not readable, device files: a stranger's, an export, a device from a newer Sidenote.
      add(totals.faults, 'foreign files');
      await rawClient.ensureFolder().catch(() => undefined);
      await rawClient.writeFile('notes.txt', 'not ours').catch(() => undefined);
      await rawClient
        .writeFile(syncFileName('zzzzzzzzzz'), JSON.stringify({ format: 'sidenote-sync', version: 9, future: true }))
        .catch(() => undefined);
    } else {
      add(totals.faults, 'MOVE refused from now on');
      backend.setRefuseMove(true);
    }
  }

  // Settling: no faults, clients with a generous timeout (a new worker), every device twice in turn.
  backend.setServerFaults(false);
  rawClient = makeClient(backend.fetch, 10_000, () => time);
  for (const sim of devices) {
    sim.faulty.isFaulty = false;
    sim.client = makeClient(sim.faulty, 10_000, sim.replica.now);
  }
  for (let pass = 0; pass < 2; pass++) {
    for (const sim of devices) {
      let outcome = await syncRound(sim, false);
      // A round the failsafe paused goes ahead once confirmed: the second try.
      if (outcome === 'paused') outcome = await syncRound(sim, false);
      expect(outcome, `settling round of ${sim.device.id}`).toBe('ok');
    }
  }

  for (const sim of devices) {
    for (const [kind, count] of sim.faulty.counts.faults) add(totals.faults, kind, count);
    totals.requests += sim.faulty.counts.requests;
  }
  for (const [kind, count] of backend.serverFaults()) add(totals.faults, kind, count);

  // Every replica the same, and every register the latest write ever made (tombstones included).
  const [first, ...others] = devices.map((sim) => sim.replica.state);
  for (const other of others) expect(other).toEqual(first);
  const state = first as SyncState;
  for (const kind of REGISTER_KINDS) {
    const want = [...latest.values()].filter((write) => write.kind === kind);
    const got = Object.entries(state[kind]).map(([key, register]) => ({
      kind,
      key,
      stamp: register?.stamp,
      value: register && registerValue(kind, register),
    }));
    const sortByKey = <T extends { key: string }>(list: T[]) => [...list].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(sortByKey(got), `${kind}: the latest write of each`).toEqual(
      sortByKey(want.map(({ key, stamp, value }) => ({ kind, key, stamp, value }))),
    );
  }
  expect(state.anchors, 'anchors: the earliest of each entry').toEqual(Object.fromEntries(earliestAnchor));
  // And each device's file in the folder says the same.
  for (const sim of devices) {
    const { file } = await decodeSyncFile(await rawClient.readFile(syncFileName(sim.device.id)));
    expect(file.state, `the file of ${sim.device.id}`).toEqual(state);
  }
  totals.cases++;
}
