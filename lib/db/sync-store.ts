// This device's sync set-up and the status of its last rounds, in IndexedDB so they outlive the
// service worker. Never part of what syncs.

import { DEFAULT_SYNC_SETTINGS, INITIAL_SYNC_STATUS, type SyncSettings, type SyncStatus } from '../sync/sync-status';
import type { SidenoteDatabase } from './database';

export async function readSyncSettings(db: SidenoteDatabase): Promise<SyncSettings> {
  return (await db.syncSettings.get('settings')) ?? DEFAULT_SYNC_SETTINGS;
}

/** Changes the settings in one transaction (a read-modify-write). */
export async function updateSyncSettings(db: SidenoteDatabase, change: (settings: SyncSettings) => SyncSettings): Promise<SyncSettings> {
  return db.transaction('rw', db.syncSettings, async () => {
    const next = change((await db.syncSettings.get('settings')) ?? DEFAULT_SYNC_SETTINGS);
    await db.syncSettings.put(next);
    return next;
  });
}

export async function readSyncStatus(db: SidenoteDatabase): Promise<SyncStatus> {
  return (await db.syncStatus.get('status')) ?? INITIAL_SYNC_STATUS;
}

export async function updateSyncStatus(db: SidenoteDatabase, change: (status: SyncStatus) => SyncStatus): Promise<SyncStatus> {
  return db.transaction('rw', db.syncStatus, async () => {
    const next = change((await db.syncStatus.get('status')) ?? INITIAL_SYNC_STATUS);
    await db.syncStatus.put(next);
    return next;
  });
}
