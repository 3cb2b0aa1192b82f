// The only module that imports Dexie. Owns the IndexedDB schema and its migrations: corpus
// tables (entries, meta, and the derived attachments), replaced when the shipped corpus changes,
// user tables (user*, and the device row with its clock), which a corpus swap never writes, and
// this device's sync set-up and status (sync*).

import Dexie, { type Table, type Transaction } from 'dexie';
import type { Entry, ParsedEntry } from '../corpus/types';
import {
  migrateLegacyUserData,
  type LegacyNoteRecord,
  type LegacySavedRecord,
  type LegacySettingsRecord,
} from '../user-data/legacy-migration';
import { createDeviceId, type DeviceId } from '../sync/hlc';
import type { SyncSettings, SyncStatus } from '../sync/sync-status';
import type { EntryAnchor, LocalDevice, MutedSiteRecord, NoteRecord, SavedRecord, SwitchRecord } from '../user-data/types';

export const DATABASE_NAME = 'sidenote';

export type CorpusMeta = { key: 'corpus'; hash: string; entryCount: number; swappedAt: number };

/** Derived from the corpus and the anchors: which current entry an anchored uid belongs to. */
export type Attachment = { uid: string; entryId: number };

export class SidenoteDatabase extends Dexie {
  entries!: Table<Entry, number>;
  meta!: Table<CorpusMeta, string>;
  attachments!: Table<Attachment, string>;
  userSaved!: Table<SavedRecord, string>;
  userNotes!: Table<NoteRecord, string>;
  userMutedSites!: Table<MutedSiteRecord, string>;
  userSwitches!: Table<SwitchRecord, string>;
  userAnchors!: Table<EntryAnchor, string>;
  device!: Table<LocalDevice, string>;
  syncSettings!: Table<SyncSettings, string>;
  syncStatus!: Table<SyncStatus, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    // Schemas 1–2 kept user data by heading number and settings as one blob. Kept here so an
    // installed copy upgrades; never edit a released version, add one.
    this.version(1).stores({ entries: 'id, date', meta: 'key', saved: 'entryId, updatedAt', notes: 'entryId, updatedAt' });
    this.version(2).stores({ settings: 'key' });
    // Schema 3: user data by entry identity, one record per field, stamped by this device's
    // hybrid logical clock (the `device` row). The old tables are read here and dropped in
    // schema 4 (Dexie can only read a table in an upgrade before the one that drops it).
    this.version(3)
      .stores({
        entries: 'id, date, uid',
        attachments: 'uid, entryId',
        userSaved: 'uid',
        userNotes: 'uid',
        userMutedSites: 'host',
        userSwitches: 'name',
        userAnchors: 'uid',
        device: 'key',
      })
      .upgrade(upgradeToIdentityKeyedUserData);
    this.version(4).stores({ saved: null, notes: null, settings: null });
    // Schema 5: how sync is set up here and how it went (this device's, never synced).
    this.version(5).stores({ syncSettings: 'key', syncStatus: 'key' });
  }
}

/** A new install's device id, from the platform's random source (Web Crypto, also in Node). */
export function newDeviceId(): DeviceId {
  return createDeviceId(crypto.getRandomValues(new Uint8Array(10)));
}

async function upgradeToIdentityKeyedUserData(tx: Transaction): Promise<void> {
  const [entries, saved, notes, settings] = await Promise.all([
    tx.table<ParsedEntry>('entries').toArray(),
    tx.table<LegacySavedRecord>('saved').toArray(),
    tx.table<LegacyNoteRecord>('notes').toArray(),
    tx.table<LegacySettingsRecord>('settings').toArray(),
  ]);
  const migrated = migrateLegacyUserData({ entries, saved, notes, settings }, newDeviceId());
  await Promise.all([
    tx.table('device').put(migrated.device),
    tx.table('userSaved').bulkPut(migrated.saved),
    tx.table('userNotes').bulkPut(migrated.notes),
    tx.table('userAnchors').bulkPut(migrated.anchors),
    tx.table('userMutedSites').bulkPut(migrated.mutedSites),
    tx.table('userSwitches').bulkPut(migrated.switches),
    // The stored entries have no uids: forget the corpus hash so the next wake swaps in the
    // shipped corpus, which re-attaches every anchor.
    tx.table('meta').delete('corpus'),
  ]);
}
