// Sync, minus the wiring: runs rounds against the WebDAV folder (and the browser's sync storage),
// one at a time, keeps the status in IndexedDB for every view, exports and imports files. Every
// transport merges through the IndexedDB replica; none replaces local state. What it needs from
// the platform (fetch, crypto, locks, permissions, timers) comes in as parameters.

import type { Entry } from '../corpus/types';
import { entryLabel } from '../corpus/entry-id';
import type { SidenoteDatabase } from '../db/database';
import { applyRemoteState, readSyncState } from '../db/sync-replica';
import { readSyncSettings, readSyncStatus, updateSyncSettings, updateSyncStatus } from '../db/sync-store';
import { ensureDevice } from '../db/user-data-store';
import type { Translate } from '../i18n/messages';
import { parseStamp, tick } from '../sync/hlc';
import type { LocalReplica } from '../sync/local-replica';
import { exportFileName, exportJson, exportMarkdown, planImport } from '../sync/export-file';
import { createRetryPolicy } from '../sync/retry';
import { isDeviceName, SyncFileError, type SyncCrypto } from '../sync/sync-file';
import type { ExportedFile, ExportFormat, ImportResult, SyncFailure, SyncOverview, SyncStatus, WebDavSettings } from '../sync/sync-status';
import {
  BrowserSyncQuotaError,
  createBrowserSync,
  type BrowserSync,
  type BrowserSyncReport,
  type SyncStorageArea,
} from '../sync/browser-sync';
import { diffStates, mergeStates, needsConfirmation, type StateDiff } from '../sync/merge';
import { cutExcerpt } from '../render/excerpt';
import { entryTitle } from '../search/search-doc';
import { createWebDavClient, normalizeFolderUrl, type FetchFunction } from '../sync/webdav-client';
import { WebDavError } from '../sync/webdav-error';
import { syncWithWebDav, type SyncLock } from '../sync/webdav-sync';
import type { UserDataChange } from '../user-data/types';

export type SyncServiceOptions = {
  db: SidenoteDatabase;
  fetch: FetchFunction;
  crypto: SyncCrypto;
  lock: SyncLock;
  /** Whether the extension may reach this folder (the optional host permission the user granted). */
  hasFolderPermission: (folderUrl: string) => Promise<boolean>;
  notify: (change: UserDataChange) => void;
  translate: Translate;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** The name a new device gets until the user renames it ("Chrome on Linux"). */
  defaultDeviceName: string;
  /** `browser.storage.sync`, when the browser has it. */
  browserSyncArea?: SyncStorageArea;
};

export class SyncSetupError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncSetupError';
  }
}

/** The replica every transport merges through. */
export function createDexieReplica(db: SidenoteDatabase, notify: (change: UserDataChange) => void): LocalReplica {
  return {
    readState: () => readSyncState(db),
    async applyRemote(remote, now) {
      const result = await applyRemoteState(db, remote, now);
      // Marks changed on entries the views may show: they read again.
      if (result.applied > 0) notify({ kind: 'all' });
      return { applied: result.applied, refused: result.refused };
    },
  };
}

function failureOf(transport: SyncFailure['transport'], error: unknown, at: number): SyncFailure {
  if (error instanceof WebDavError) {
    return {
      transport,
      kind: error.kind,
      message: error.message,
      at,
      ...(error.retryAfterMs === null ? {} : { retryAt: at + error.retryAfterMs }),
    };
  }
  if (error instanceof SyncSetupError) return { transport, kind: error.kind, message: error.message, at };
  if (error instanceof SyncFileError) return { transport, kind: 'file', message: error.message, at };
  return { transport, kind: 'other', message: error instanceof Error ? error.message : String(error), at };
}

export function createSyncService(options: SyncServiceOptions) {
  const { db, notify } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const replica = createDexieReplica(db, notify);
  const retryPolicy = createRetryPolicy(options.random ?? Math.random);

  const setStatus = async (change: (status: SyncStatus) => SyncStatus) => {
    const status = await updateSyncStatus(db, change);
    notify({ kind: 'sync' });
    return status;
  };

  const thisDevice = async () => {
    const device = await ensureDevice(db, now());
    return { id: device.id, name: isDeviceName(device.name) ? device.name : options.defaultDeviceName };
  };

  /** Whether this worker is running a round now (a "syncing" status without one was cut short by a stopped worker). */
  let roundsRunning = 0;

  async function overview(): Promise<SyncOverview> {
    const [device, settings, status] = await Promise.all([thisDevice(), readSyncSettings(db), readSyncStatus(db)]);
    const { key: _key, ...stored } = status;
    // A worker stopped mid-round left "syncing" behind; the round resumes with the next one.
    const shown = stored.phase === 'syncing' && roundsRunning === 0 ? { ...stored, phase: 'idle' as const } : stored;
    return {
      device,
      ...(settings.webdav
        ? {
            webdav: {
              folderUrl: settings.webdav.folderUrl,
              username: settings.webdav.username,
              hasPassphrase: settings.webdav.passphrase !== '',
            },
          }
        : {}),
      isBrowserSyncEnabled: settings.isBrowserSyncEnabled,
      status: shown,
    };
  }

  /** How one transport's part of a round ended. */
  type Outcome = {
    phase: 'ok' | 'paused' | 'error';
    failure?: SyncFailure;
    pausedDiff?: StateDiff;
    devices?: SyncStatus['devices'];
    skipped?: SyncStatus['skipped'];
  };

  async function runWebDav(webdav: WebDavSettings, confirmedDiff: StateDiff | undefined): Promise<Outcome> {
    if (!(await options.hasFolderPermission(webdav.folderUrl))) {
      throw new SyncSetupError('permissionMissing', `no permission to reach ${new URL(webdav.folderUrl).origin}`);
    }
    const client = createWebDavClient({
      folderUrl: webdav.folderUrl,
      username: webdav.username,
      password: webdav.password,
      fetch: options.fetch,
    });
    const result = await syncWithWebDav({
      client,
      device: await thisDevice(),
      ...(webdav.passphrase === '' ? {} : { passphrase: webdav.passphrase }),
      crypto: options.crypto,
      now,
      replica,
      retryPolicy,
      sleep,
      lock: options.lock,
      ...(confirmedDiff ? { confirmedDiff } : {}),
    });
    const devices = result.devices.map((seen) => ({
      id: seen.id,
      name: seen.name,
      lastSyncAt: parseStamp(seen.writtenAt).wall,
      isThisDevice: seen.isThisDevice,
    }));
    const skipped = result.warnings.map((warning) => ({ deviceId: warning.deviceId, fileName: warning.fileName, reason: warning.reason }));
    const seen = { ...(devices.length > 0 ? { devices } : {}), skipped };
    if (result.status === 'ok') return { phase: 'ok', ...seen };
    if (result.status === 'paused') return { phase: 'paused', pausedDiff: result.diff, ...seen };
    return { phase: 'error', failure: failureOf('webdav', result.error, now()), ...seen };
  }

  /** Names of the entries whose notes did not fit the browser's sync storage ("#21 Karpathy…"). */
  async function labelsOf(uids: string[]): Promise<string[]> {
    if (uids.length === 0) return [];
    const entries = new Map((await db.entries.where('uid').anyOf(uids).toArray()).map((entry) => [entry.uid, entry]));
    return uids.map((uid) => {
      const entry = entries.get(uid);
      return entry === undefined ? uid : `#${entryLabel(entry.id)} ${cutExcerpt(entryTitle(entry), 60)}`;
    });
  }

  /**
   * Browser sync's replica: the IndexedDB one, behind the same failsafe as WebDAV (a pull that
   * would unsave or clear too much is held back until the user says go ahead).
   */
  const browserSyncFailsafe: { held?: StateDiff; confirmed?: StateDiff } = {};
  const browserSync: BrowserSync | undefined =
    options.browserSyncArea === undefined
      ? undefined
      : createBrowserSync({
          area: options.browserSyncArea,
          now,
          replica: {
            readLocalState: () => readSyncState(db),
            async applyRemoteState(remote) {
              const local = await readSyncState(db);
              const merged = mergeStates(local, remote, now()).state;
              const diff = diffStates(local, merged);
              const { confirmed } = browserSyncFailsafe;
              const isCovered =
                confirmed !== undefined &&
                diff.unsaved.every((uid) => confirmed.unsaved.includes(uid)) &&
                diff.notesCleared.every((uid) => confirmed.notesCleared.includes(uid));
              if (needsConfirmation(local, merged) && !isCovered) {
                browserSyncFailsafe.held = diff;
                return;
              }
              await replica.applyRemote(remote, now());
            },
          },
        });

  // Read through a call: the replica sets it while pullRemote runs, which narrowing cannot see.
  const heldBrowserSyncDiff = (): StateDiff | undefined => browserSyncFailsafe.held;

  /**
   * One browser-sync step at a time: our own pushes come back through storage.onChanged while a
   * round is still running, and the failsafe's state belongs to one step.
   */
  let browserSyncQueue: Promise<unknown> = Promise.resolve();
  function runBrowserSync(sync: BrowserSync, confirmedDiff: StateDiff | undefined, changedKeys?: readonly string[]): Promise<Outcome> {
    const step = browserSyncQueue.then(() => browserSyncStep(sync, confirmedDiff, changedKeys));
    browserSyncQueue = step.catch(() => undefined);
    return step;
  }

  async function browserSyncStep(
    sync: BrowserSync,
    confirmedDiff: StateDiff | undefined,
    changedKeys?: readonly string[],
  ): Promise<Outcome> {
    delete browserSyncFailsafe.held;
    browserSyncFailsafe.confirmed = confirmedDiff;
    try {
      const pulled = await sync.pullRemote(changedKeys);
      const held = heldBrowserSyncDiff();
      if (held !== undefined) return { phase: 'paused', pausedDiff: held };
      // A pull from onChanged pushes only if the area lacks something; a round always pushes.
      const pushed = changedKeys !== undefined && pulled.status === 'applied' && !pulled.needsPush ? undefined : await sync.pushLocal();
      const report: BrowserSyncReport | undefined =
        pushed !== undefined && (pushed.status === 'written' || pushed.status === 'unchanged')
          ? pushed.report
          : pulled.status === 'applied'
            ? pulled.report
            : undefined;
      if (report !== undefined) {
        const usage = await sync.readUsage();
        const leftOutNotes = await labelsOf(report.leftOut);
        await setStatus((current) => ({
          ...current,
          browserSync: { bytesInUse: usage.bytesInUse, quotaBytes: usage.quota, leftOutNotes },
        }));
      }
      return { phase: 'ok' };
    } catch (error) {
      const failure = failureOf('browserSync', error, now());
      return { phase: 'error', failure: error instanceof BrowserSyncQuotaError ? { ...failure, kind: 'quota' } : failure };
    } finally {
      delete browserSyncFailsafe.confirmed;
    }
  }

  /** Folds the transports' outcomes into the status every view shows. */
  async function record(outcomes: Outcome[]): Promise<void> {
    const failed = outcomes.find((outcome) => outcome.phase === 'error');
    const paused = outcomes.find((outcome) => outcome.phase === 'paused');
    const seen = outcomes.find((outcome) => outcome.skipped !== undefined);
    // Another round waits behind this one (a click during an automatic round): the status stays
    // "syncing" until the last of them ends, so "ok" always describes the latest round.
    const isLastRound = roundsRunning <= 1;
    await setStatus((current) => {
      const { pausedDiff: _paused, lastError: _error, ...rest } = current;
      const base = { ...rest, ...(seen?.devices ? { devices: seen.devices } : {}), ...(seen?.skipped ? { skipped: seen.skipped } : {}) };
      if (failed?.failure) return { ...base, phase: isLastRound ? 'error' : 'syncing', lastError: failed.failure };
      if (paused?.pausedDiff) return { ...base, phase: isLastRound ? 'paused' : 'syncing', pausedDiff: paused.pausedDiff };
      return { ...base, phase: isLastRound ? 'ok' : 'syncing', lastSuccessAt: now() };
    });
  }

  /** One round of every transport that is set up. Failures end in the status, never thrown at the caller. */
  async function syncNow(confirmLosses = false): Promise<SyncOverview> {
    const settings = await readSyncSettings(db);
    const useBrowserSync = settings.isBrowserSyncEnabled && browserSync !== undefined;
    if (settings.webdav === undefined && !useBrowserSync) return overview();
    const confirmedDiff = confirmLosses ? (await readSyncStatus(db)).pausedDiff : undefined;
    roundsRunning++;
    try {
      await setStatus((current) => ({ ...current, phase: 'syncing' }));
      const outcomes: Outcome[] = [];
      if (useBrowserSync) outcomes.push(await runBrowserSync(browserSync, confirmedDiff));
      if (settings.webdav !== undefined) {
        try {
          outcomes.push(await runWebDav(settings.webdav, confirmedDiff));
        } catch (error) {
          outcomes.push({ phase: 'error', failure: failureOf('webdav', error, now()) });
        }
      }
      await record(outcomes);
    } finally {
      roundsRunning--;
    }
    return overview();
  }

  return {
    overview,
    syncNow,
    /** storage.onChanged in the sync area: another install wrote; merge it in (and push if it lacks ours). */
    async pullBrowserSync(changedKeys: readonly string[]): Promise<void> {
      const settings = await readSyncSettings(db);
      if (!settings.isBrowserSyncEnabled || browserSync === undefined) return;
      const outcome = await runBrowserSync(browserSync, undefined, changedKeys);
      if (outcome.phase !== 'ok') await record([outcome]);
    },
    async connectWebDav(settings: WebDavSettings): Promise<SyncOverview> {
      let folderUrl: string;
      try {
        folderUrl = normalizeFolderUrl(settings.folderUrl);
      } catch (error) {
        throw new SyncSetupError('invalidUrl', error instanceof Error ? error.message : String(error));
      }
      await updateSyncSettings(db, (current) => ({ ...current, webdav: { ...settings, folderUrl } }));
      await setStatus((current) => {
        const { pausedDiff: _paused, lastError: _error, ...rest } = current;
        return { ...rest, phase: 'idle', devices: [], skipped: [] };
      });
      return syncNow(false);
    },
    async disconnectWebDav(): Promise<SyncOverview> {
      await updateSyncSettings(db, ({ webdav: _webdav, ...rest }) => rest);
      await setStatus((current) => {
        const { pausedDiff: _paused, lastError: _error, ...rest } = current;
        return { ...rest, phase: 'idle', devices: [], skipped: [] };
      });
      return overview();
    },
    async setBrowserSyncEnabled(isEnabled: boolean): Promise<SyncOverview> {
      await updateSyncSettings(db, (current) => ({ ...current, isBrowserSyncEnabled: isEnabled }));
      notify({ kind: 'sync' });
      return overview();
    },
    async renameDevice(name: string): Promise<SyncOverview> {
      if (!isDeviceName(name)) throw new SyncSetupError('invalidName', 'a device name is 1 to 100 characters of text');
      await db.transaction('rw', db.device, async () => {
        const device = await ensureDevice(db, now());
        await db.device.put({ ...device, name: name.trim() });
      });
      notify({ kind: 'sync' });
      return overview();
    },
    async exportData(format: ExportFormat, entries: () => Promise<Entry[]>): Promise<ExportedFile> {
      const [state, device] = await Promise.all([readSyncState(db), thisDevice()]);
      if (format === 'markdown') {
        return {
          fileName: exportFileName('md', now()),
          mimeType: 'text/markdown',
          text: exportMarkdown({ state, entries: await entries(), t: options.translate, now: now() }),
        };
      }
      const { stamp } = tick((await ensureDevice(db, now())).clock, now());
      return {
        fileName: exportFileName('json', now()),
        mimeType: 'application/json',
        text: await exportJson({ device, writtenAt: stamp, state }),
      };
    },
    async importData(text: string, passphrase: string, confirmLosses: boolean): Promise<ImportResult> {
      const plan = await planImport(text, await readSyncState(db), now(), {
        ...(passphrase === '' ? {} : { passphrase }),
        crypto: options.crypto,
      });
      if (plan.needsConfirmation && !confirmLosses) {
        return { status: 'paused', unsaved: plan.diff.unsaved.length, notesCleared: plan.diff.notesCleared.length };
      }
      const result = await replica.applyRemote(plan.file.state, now());
      return { status: 'applied', applied: result.applied, refused: result.refused.length };
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
