// Sync, minus the wiring: runs rounds against the WebDAV folder (and the browser's sync storage),
// one at a time, keeps the status in IndexedDB for every view, exports and imports files. Every
// transport merges through the IndexedDB replica; none replaces local state. What it needs from
// the platform (fetch, crypto, locks, permissions, timers) comes in as parameters.

import type { Entry } from '../corpus/types';
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
import { createWebDavClient, normalizeFolderUrl, type FetchFunction } from '../sync/webdav-client';
import { WebDavError } from '../sync/webdav-error';
import { syncWithWebDav, type SyncLock } from '../sync/webdav-sync';
import type { UserDataChange } from '../user-data/types';

export type SyncServiceOptions = {
  db: SidenoteDatabase;
  fetch: FetchFunction;
  crypto: SyncCrypto;
  lock: SyncLock;
  /** Whether the extension may reach this origin (the optional host permission the user granted). */
  hasOriginPermission: (origin: string) => Promise<boolean>;
  notify: (change: UserDataChange) => void;
  translate: Translate;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** The name a new device gets until the user renames it ("Chrome on Linux"). */
  defaultDeviceName: string;
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

  async function overview(): Promise<SyncOverview> {
    const [device, settings, status] = await Promise.all([thisDevice(), readSyncSettings(db), readSyncStatus(db)]);
    const { key: _key, ...shown } = status;
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

  async function runWebDav(webdav: WebDavSettings, confirmLosses: boolean): Promise<void> {
    const origin = new URL(webdav.folderUrl).origin;
    if (!(await options.hasOriginPermission(origin))) {
      throw new SyncSetupError('permissionMissing', `no permission to reach ${origin}`);
    }
    const status = await readSyncStatus(db);
    const client = createWebDavClient({
      folderUrl: webdav.folderUrl,
      username: webdav.username,
      password: webdav.password,
      fetch: options.fetch,
    });
    const device = await thisDevice();
    const result = await syncWithWebDav({
      client,
      device,
      ...(webdav.passphrase === '' ? {} : { passphrase: webdav.passphrase }),
      crypto: options.crypto,
      now,
      replica,
      retryPolicy,
      sleep,
      lock: options.lock,
      ...(confirmLosses && status.pausedDiff ? { confirmedDiff: status.pausedDiff } : {}),
    });
    const devices = result.devices.map((seen) => ({
      id: seen.id,
      name: seen.name,
      lastSyncAt: parseStamp(seen.writtenAt).wall,
      isThisDevice: seen.isThisDevice,
    }));
    const skipped = result.warnings.map((warning) => ({ deviceId: warning.deviceId, fileName: warning.fileName, reason: warning.reason }));
    await setStatus((current) => {
      const base = { ...current, devices: devices.length > 0 ? devices : current.devices, skipped };
      if (result.status === 'ok') {
        const { pausedDiff: _paused, lastError: _error, ...rest } = base;
        return { ...rest, phase: 'ok', lastSuccessAt: now() };
      }
      if (result.status === 'paused') return { ...base, phase: 'paused', pausedDiff: result.diff };
      return { ...base, phase: 'error', lastError: failureOf('webdav', result.error, now()) };
    });
  }

  /** One round of every transport that is set up. Failures end in the status, never thrown at the caller. */
  async function syncNow(confirmLosses = false): Promise<SyncOverview> {
    const settings = await readSyncSettings(db);
    if (settings.webdav) {
      await setStatus((current) => ({ ...current, phase: 'syncing' }));
      try {
        await runWebDav(settings.webdav, confirmLosses);
      } catch (error) {
        await setStatus((current) => ({ ...current, phase: 'error', lastError: failureOf('webdav', error, now()) }));
      }
    }
    return overview();
  }

  return {
    overview,
    syncNow,
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
