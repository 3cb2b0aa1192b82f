// How sync is set up on this device and how it went: plain data kept in IndexedDB (never synced)
// and shown by the options page and the reader. Types and small pure helpers only.

import type { DeviceId } from './hlc';
import type { StateDiff } from './merge';

/** Where the WebDAV folder is and how to reach it. Kept on this device only. */
export type WebDavSettings = {
  folderUrl: string;
  username: string;
  password: string;
  /** Empty: files are plain with a checksum; set: files are encrypted with it. */
  passphrase: string;
};

export type SyncSettings = {
  key: 'settings';
  webdav?: WebDavSettings;
  /** The browser's own sync storage: on unless the user turned it off. */
  isBrowserSyncEnabled: boolean;
};

export const DEFAULT_SYNC_SETTINGS: SyncSettings = { key: 'settings', isBrowserSyncEnabled: true };

/** `data-sync-state` in the UI: a contract with tests outside the project. */
export type SyncPhase = 'idle' | 'syncing' | 'ok' | 'error' | 'paused';

export type SyncTransport = 'webdav' | 'browserSync' | 'import';

/** A failure as the UI words it: a stable kind (WebDavError kinds and a few of ours) and the raw message. */
export type SyncFailure = { transport: SyncTransport; kind: string; message: string; at: number; retryAt?: number };

export type SeenDevice = { id: DeviceId; name: string; lastSyncAt: number; isThisDevice: boolean };

export type SyncStatus = {
  key: 'status';
  phase: SyncPhase;
  lastSuccessAt?: number;
  lastError?: SyncFailure;
  devices: SeenDevice[];
  /** Device files skipped whole in the last round, with why (for the user, in words). */
  skipped: { deviceId: string; fileName: string; reason: string }[];
  /** Set while paused by the failsafe: what the round would unsave or clear. */
  pausedDiff?: StateDiff;
  /** The browser's sync storage: bytes used and notes left out because they did not fit. */
  browserSync?: { bytesInUse: number; quotaBytes: number; leftOutNotes: string[] };
};

export const INITIAL_SYNC_STATUS: SyncStatus = { key: 'status', phase: 'idle', devices: [], skipped: [] };

/** What the options page shows of sync (never the password). */
export type SyncOverview = {
  device: { id: DeviceId; name: string };
  webdav?: { folderUrl: string; username: string; hasPassphrase: boolean };
  isBrowserSyncEnabled: boolean;
  status: Omit<SyncStatus, 'key'>;
};

/** What importing a file did: merged (nothing replaced), or stopped by the failsafe to ask first. */
export type ImportResult =
  { status: 'applied'; applied: number; refused: number } | { status: 'paused'; unsaved: number; notesCleared: number };

export type ExportFormat = 'json' | 'markdown';
export type ExportedFile = { fileName: string; mimeType: string; text: string };
