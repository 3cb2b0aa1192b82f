// Browser sync (issue #8, transport 1): this device's registers through the browser's own
// `storage.sync`, merged when it changes, written in batches within Chrome's quotas and write rate.
// The storage area, the clock and this device's data are injected; nothing here imports `browser`.

import {
  CHROME_SYNC_LIMITS,
  foreignUsage,
  isBrowserSyncKey,
  layoutBrowserSync,
  planBrowserSyncWrite,
  readBrowserSync,
  type BrowserSyncLayout,
  type BrowserSyncLimits,
  type BrowserSyncRead,
  type BrowserSyncWarning,
  type BrowserSyncWritePlan,
  type LeftOutRegister,
  syncItemBytes,
} from './browser-sync-layout';
import { mergeStates } from './merge';
import { ownValue, type SyncState } from './sync-state';

/** The part of `browser.storage.sync` this needs (WXT's `browser.storage.sync` is one). */
export type SyncStorageArea = {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  getBytesInUse?(keys: null): Promise<number>;
};

/**
 * This device's data as browser sync needs it. Small on purpose, so the LocalReplica of
 * lib/sync/local-replica.ts (written alongside) can be adapted to it. TODO(#8): adapt it there.
 */
export type BrowserSyncReplica = {
  /** This device's state. Anchors may be left empty: browser sync does not carry them. */
  readLocalState(): Promise<SyncState>;
  /**
   * Merges a remote state into this device's data: mergeStates, then writes only changesToApply;
   * never replaces, may refuse (stamps over a day ahead) or wait for the user (the 20 % failsafe).
   * A saved uid arrives without its anchor: installs of one browser share the extension version,
   * hence the digest, so the replica finds the entry in its own corpus.
   */
  applyRemoteState(remote: SyncState): Promise<void>;
};

/** How many write calls (`set`, `remove`) this device allows itself. */
export type WriteBudget = { perMinute: number; perHour: number };

/**
 * A sixth of Chrome's 120 a minute and a third of its 1,800 an hour (MAX_WRITE_OPERATIONS_PER_*):
 * the budget lives in memory and a restarted worker forgets it while Chrome does not, and 10
 * pushes a minute is already more than debounced edits need.
 */
export const DEFAULT_WRITE_BUDGET: WriteBudget = { perMinute: 20, perHour: 600 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How storage.sync refused a write, from its message. Chrome's quota messages are
 * `<QUOTA> quota exceeded` (extensions/browser/api/storage/settings_storage_quota_enforcer.cc,
 * QuotaExceededError); its rate messages `This request exceeds the <LIMIT> quota.`
 * (extensions/browser/quota_service.cc, kOverQuotaError, with the heuristic names from
 * storage_api.cc). Firefox words every quota alike: `QuotaExceededError: storage.sync API call
 * exceeded its quota limitations.` (toolkit/components/extensions/ExtensionStorageSync).
 */
export type StorageRefusal = 'quotaBytes' | 'quotaBytesPerItem' | 'maxItems' | 'quota' | 'ratePerMinute' | 'ratePerHour';

export function classifyStorageError(error: unknown): StorageRefusal | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (/\bQUOTA_BYTES_PER_ITEM\b/.test(message)) return 'quotaBytesPerItem';
  if (/\bQUOTA_BYTES\b/.test(message)) return 'quotaBytes';
  if (/\bMAX_ITEMS\b/.test(message)) return 'maxItems';
  if (/\bMAX_WRITE_OPERATIONS_PER_MINUTE\b/.test(message)) return 'ratePerMinute';
  if (/\bMAX_WRITE_OPERATIONS_PER_HOUR\b/.test(message)) return 'ratePerHour';
  if (/\bQuotaExceededError\b/.test(message)) return 'quota';
  return undefined;
}

/** storage.sync failed for a reason sync cannot work around (sync off, a browser error). */
export class BrowserSyncStorageError extends Error {
  constructor(
    readonly operation: 'get' | 'set' | 'remove',
    override readonly cause: unknown,
  ) {
    super(`storage.sync ${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'BrowserSyncStorageError';
  }
}

/**
 * The area refused our items even with every note left out: foreign items fill it, or a browser
 * counts bytes otherwise. Nothing local is lost; WebDAV and files still carry everything.
 */
export class BrowserSyncQuotaError extends Error {
  constructor(readonly refusal: StorageRefusal) {
    super(`storage.sync stays over its quota (${refusal}) with every note left out`);
    this.name = 'BrowserSyncQuotaError';
  }
}

/** What the UI shows about browser sync after a push or a pull. */
export type BrowserSyncReport = {
  /** Notes whose text did not fit (this device has them): the WebDAV folder or a file carries them. */
  leftOut: string[];
  /** Notes another install holds a newer text of that did not fit there. */
  notesElsewhere: string[];
  /** Registers that did not fit at all (only past ~5,000 registers). */
  leftOutRegisters: LeftOutRegister[];
  /** The area's use once our items are written, foreign items included. */
  bytes: BrowserSyncLayout['bytes'] & { foreign: number };
  warnings: BrowserSyncWarning[];
};

export type PushResult =
  | { status: 'written'; operations: number; shrinks: number; report: BrowserSyncReport }
  | { status: 'unchanged'; report: BrowserSyncReport }
  /** Nothing written; push again at `retryAt` (our budget, or the browser's rate refusal). */
  | { status: 'deferred'; reason: 'writeBudget' | 'rateLimit'; retryAt: number }
  | { status: 'skipped'; reason: 'newerLayout'; warnings: BrowserSyncWarning[] };

export type PullResult =
  /** None of the changed keys is ours. */
  | { status: 'ignored' }
  /** `needsPush`: the area lacks or holds older versions of what this device has. */
  | { status: 'applied'; needsPush: boolean; report: BrowserSyncReport }
  | { status: 'skipped'; reason: 'newerLayout'; warnings: BrowserSyncWarning[] };

export type BrowserSync = {
  /** Writes this device's registers, merged with the area's first, as the fewest item changes. */
  pushLocal(): Promise<PushResult>;
  /** Reads the area and applies it through the merge; `changedKeys` from storage.onChanged. */
  pullRemote(changedKeys?: readonly string[]): Promise<PullResult>;
  /** The area's bytes in use (getBytesInUse where the browser has it) against its quota. */
  readUsage(): Promise<{ bytesInUse: number; quota: number }>;
};

export type BrowserSyncOptions = {
  area: SyncStorageArea;
  replica: BrowserSyncReplica;
  now: () => number;
  budget?: WriteBudget;
  limits?: BrowserSyncLimits;
};

/** Write times within the last hour, and a pause the browser imposed. In memory. */
class WriteLog {
  private times: number[] = [];
  private blockedUntil = Number.NEGATIVE_INFINITY;

  constructor(private readonly budget: WriteBudget) {
    // A push takes up to two calls; a budget below that could never write.
    if (budget.perMinute < 2 || budget.perHour < 2) throw new RangeError('a write budget allows at least 2 calls a minute and an hour');
  }

  /** When `calls` more writes fit the budget, or undefined if they fit now. */
  retryAt(calls: number, now: number): number | undefined {
    this.times = this.times.filter((time) => time > now - HOUR);
    let at = Math.max(now, this.blockedUntil);
    for (const [window, limit] of [
      [MINUTE, this.budget.perMinute],
      [HOUR, this.budget.perHour],
    ] as const) {
      const inWindow = this.times.filter((time) => time > now - window);
      const excess = inWindow.length + calls - limit;
      // The excess-th oldest write must leave the window first.
      const leaving = inWindow[excess - 1];
      if (excess > 0 && leaving !== undefined) at = Math.max(at, leaving + window);
    }
    return at > now ? at : undefined;
  }

  spend(now: number): void {
    this.times.push(now);
  }

  /** The browser refused for rate: its window (fixed, begun at an unknown call) ends within `window`. */
  block(now: number, window: number): number {
    this.blockedUntil = now + window;
    return this.blockedUntil;
  }
}

/**
 * After a quota refusal the notes get this share of the bytes they had in the refused layout: half,
 * then a quarter of that, then none. Registers are never what shrinks.
 */
const NOTE_SHRINKS = [0.5, 0.25, 0];
/** After a per-item refusal (a browser counting otherwise): items 10 % smaller each time. */
const PER_ITEM_SHRINK = 0.9;

type Tuning = { quotaBytesPerItem: number; noteBytesLimit?: number };

/**
 * The area holds the join of every install's registers: merged here with no stamp refused, so an
 * install never erases a register it will not apply itself (one over a day ahead of its clock) —
 * erasing it would start a fight with the install that wrote it. Refusal happens on apply.
 */
const NEVER_REFUSE = Number.POSITIVE_INFINITY;

export function createBrowserSync(options: BrowserSyncOptions): BrowserSync {
  const { area, replica, now } = options;
  const limits = options.limits ?? CHROME_SYNC_LIMITS;
  const log = new WriteLog(options.budget ?? DEFAULT_WRITE_BUDGET);
  // One push or pull at a time: onChanged bursts and alarms must not interleave their writes.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  async function readArea(): Promise<Record<string, unknown>> {
    try {
      return await area.get(null);
    } catch (error) {
      throw new BrowserSyncStorageError('get', error);
    }
  }

  function plan(local: SyncState, remote: BrowserSyncRead, current: Record<string, unknown>, tuning: Tuning) {
    const join = mergeStates({ ...local, anchors: {} }, remote.state, NEVER_REFUSE).state;
    const foreign = foreignUsage(current);
    const layout = layoutBrowserSync(
      join,
      { ...limits, quotaBytesPerItem: tuning.quotaBytesPerItem },
      { reserved: foreign, notesElsewhere: remote.notesElsewhere, noteBytesLimit: tuning.noteBytesLimit },
    );
    const writes: BrowserSyncWritePlan = planBrowserSyncWrite(current, layout.items);
    const report: BrowserSyncReport = {
      leftOut: layout.leftOut,
      // Less the ones this device holds (its own left-out notes).
      notesElsewhere: Object.entries(remote.notesElsewhere)
        .filter(([uid, stamp]) => (ownValue(local.notes, uid)?.stamp ?? '') < stamp)
        .map(([uid]) => uid),
      leftOutRegisters: layout.leftOutRegisters,
      bytes: {
        ...layout.bytes,
        used: layout.bytes.used + foreign.bytes,
        items: layout.bytes.items + foreign.items,
        foreign: foreign.bytes,
      },
      warnings: remote.warnings,
    };
    return { layout, writes, report };
  }

  const callsOf = (writes: BrowserSyncWritePlan) => Number(writes.remove.length > 0) + Number(Object.keys(writes.set).length > 0);

  async function push(): Promise<PushResult> {
    const blocked = log.retryAt(1, now());
    if (blocked !== undefined) return { status: 'deferred', reason: 'writeBudget', retryAt: blocked };
    let current = await readArea();
    let remote = readBrowserSync(current);
    if (remote.isNewerLayout) return { status: 'skipped', reason: 'newerLayout', warnings: remote.warnings };
    const local = await replica.readLocalState();
    const tuning: Tuning = { quotaBytesPerItem: limits.quotaBytesPerItem };
    let calls = 0;
    for (let shrinks = 0; ; shrinks++) {
      const { layout, writes, report } = plan(local, remote, current, tuning);
      const needed = callsOf(writes);
      if (needed === 0) return calls === 0 ? { status: 'unchanged', report } : { status: 'written', operations: calls, shrinks, report };
      const later = log.retryAt(needed, now());
      if (later !== undefined) return { status: 'deferred', reason: 'writeBudget', retryAt: later };
      let operation: 'set' | 'remove' = 'remove';
      try {
        // Removes first: what goes is not in the new layout, and the set then fits whatever stale
        // items the area held. One call each, however many items.
        if (writes.remove.length > 0) {
          log.spend(now());
          calls++;
          await area.remove(writes.remove);
        }
        operation = 'set';
        if (Object.keys(writes.set).length > 0) {
          log.spend(now());
          calls++;
          await area.set(writes.set);
        }
        return { status: 'written', operations: calls, shrinks, report };
      } catch (error) {
        const refusal = classifyStorageError(error);
        if (refusal === undefined) throw new BrowserSyncStorageError(operation, error);
        if (refusal === 'ratePerMinute' || refusal === 'ratePerHour') {
          return { status: 'deferred', reason: 'rateLimit', retryAt: log.block(now(), refusal === 'ratePerMinute' ? MINUTE : HOUR) };
        }
        const factor = NOTE_SHRINKS[shrinks];
        if (factor === undefined) throw new BrowserSyncQuotaError(refusal);
        // Chrome refuses a whole call and changes nothing, but the remove before it may have
        // landed, and another install's items may have arrived: read again, then leave out more.
        if (refusal === 'quotaBytesPerItem') tuning.quotaBytesPerItem = Math.floor(tuning.quotaBytesPerItem * PER_ITEM_SHRINK);
        else tuning.noteBytesLimit = Math.floor(noteBytes(layout) * factor);
        current = await readArea();
        remote = readBrowserSync(current);
        if (remote.isNewerLayout) return { status: 'skipped', reason: 'newerLayout', warnings: remote.warnings };
      }
    }
  }

  async function pull(changedKeys: readonly string[] | undefined): Promise<PullResult> {
    if (changedKeys !== undefined && !changedKeys.some(isBrowserSyncKey)) return { status: 'ignored' };
    const current = await readArea();
    const remote = readBrowserSync(current);
    if (remote.isNewerLayout) return { status: 'skipped', reason: 'newerLayout', warnings: remote.warnings };
    await replica.applyRemoteState(remote.state);
    const local = await replica.readLocalState();
    const { writes, report } = plan(local, remote, current, { quotaBytesPerItem: limits.quotaBytesPerItem });
    return { status: 'applied', needsPush: callsOf(writes) > 0, report };
  }

  return {
    pushLocal: () => exclusive(push),
    pullRemote: (changedKeys) => exclusive(() => pull(changedKeys)),
    async readUsage() {
      if (area.getBytesInUse !== undefined) return { bytesInUse: await area.getBytesInUse(null), quota: limits.quotaBytes };
      const items = await readArea();
      return { bytesInUse: bytesOf(Object.entries(items)), quota: limits.quotaBytes };
    },
  };
}

const bytesOf = (items: [string, unknown][]) => items.reduce((sum, [key, value]) => sum + syncItemBytes(key, value), 0);

/** The bytes a layout gives note texts (its `n:` items). */
const noteBytes = (layout: BrowserSyncLayout) => bytesOf(Object.entries(layout.items).filter(([key]) => key.startsWith('n:')));
