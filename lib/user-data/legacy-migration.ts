// Converts user data kept by schema 2 (records keyed by heading number, millisecond times; one
// settings blob) into today's records keyed by entry identity and stamped by this device's clock.
// Pure, so the database upgrade stays a thin wrapper.

import { assignEntryUids } from '../corpus/entry-identity';
import type { Entry, ParsedEntry } from '../corpus/types';
import { compareStamps, formatStamp, MAX_WALL, type DeviceId } from '../sync/hlc';
import {
  CARDS_SWITCH,
  type EntryAnchor,
  type LocalDevice,
  type MutedSiteRecord,
  type NoteRecord,
  type SavedRecord,
  type SwitchRecord,
} from './types';

export type LegacySavedRecord = { entryId: number; isSaved: boolean; updatedAt: number };
export type LegacyNoteRecord = { entryId: number; text: string; updatedAt: number };
export type LegacySettingsRecord = { key: string; value?: { isEnabled?: unknown; mutedSites?: unknown }; updatedAt?: number };

export type LegacyUserData = {
  /** The corpus the heading numbers referred to (schema 2 stored it without uids). */
  entries: ParsedEntry[];
  saved: LegacySavedRecord[];
  notes: LegacyNoteRecord[];
  settings: LegacySettingsRecord[];
};

export type MigratedUserData = {
  /** This install, with its clock past every migrated stamp. */
  device: LocalDevice;
  saved: SavedRecord[];
  notes: NoteRecord[];
  anchors: EntryAnchor[];
  mutedSites: MutedSiteRecord[];
  switches: SwitchRecord[];
};

/** Stands in for an entry that was not in the corpus when its record was written. */
function unknownEntry(id: number): Entry {
  return { uid: `unknown-entry-${id}`, id, date: '', posts: [], urls: [] };
}

/** Schema 2's times were milliseconds, valid ones at least: anything else reads as the epoch. */
function wallOf(time: unknown): number {
  return typeof time === 'number' && Number.isSafeInteger(time) && time >= 0 && time <= MAX_WALL ? time : 0;
}

/**
 * `deviceId` is this install's new id: every migrated change is stamped as made here, at the
 * time schema 2 recorded, and the device's clock starts past the latest of them.
 */
export function migrateLegacyUserData(legacy: LegacyUserData, deviceId: DeviceId): MigratedUserData {
  const byId = new Map(assignEntryUids(legacy.entries).map((entry) => [entry.id, entry]));
  const stampOf = (time: unknown) => formatStamp(wallOf(time), 0, deviceId);
  const anchors = new Map<string, EntryAnchor>();
  const anchorFor = (entryId: number, time: number): string => {
    const entry = byId.get(entryId) ?? unknownEntry(entryId);
    const anchoredAt = stampOf(time);
    const existing = anchors.get(entry.uid);
    if (existing === undefined || compareStamps(anchoredAt, existing.anchoredAt) < 0)
      anchors.set(entry.uid, { uid: entry.uid, entry, anchoredAt });
    return entry.uid;
  };
  const saved = legacy.saved.map((record) => ({
    uid: anchorFor(record.entryId, record.updatedAt),
    isSaved: record.isSaved,
    stamp: stampOf(record.updatedAt),
  }));
  const notes = legacy.notes.map((record) => ({
    uid: anchorFor(record.entryId, record.updatedAt),
    text: record.text,
    stamp: stampOf(record.updatedAt),
  }));
  const blob = legacy.settings.find((record) => record.key === 'annotations');
  const settingsStamp = stampOf(blob?.updatedAt);
  const mutedSites = Array.isArray(blob?.value?.mutedSites)
    ? [...new Set(blob.value.mutedSites.filter((host): host is string => typeof host === 'string'))].map((host) => ({
        host,
        isMuted: true,
        stamp: settingsStamp,
      }))
    : [];
  const switches: SwitchRecord[] =
    typeof blob?.value?.isEnabled === 'boolean' ? [{ name: CARDS_SWITCH, isOn: blob.value.isEnabled, stamp: settingsStamp }] : [];
  const latestWall = Math.max(0, ...[...legacy.saved, ...legacy.notes].map((record) => wallOf(record.updatedAt)), wallOf(blob?.updatedAt));
  const device: LocalDevice = { key: 'self', id: deviceId, name: '', clock: { deviceId, wall: latestWall, counter: 0 } };
  return { device, saved, notes, anchors: [...anchors.values()], mutedSites, switches };
}
