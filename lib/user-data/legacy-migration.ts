// Converts user data kept by schema 2 (records keyed by heading number; one settings blob) into
// today's records keyed by entry identity. Pure, so the database upgrade stays a thin wrapper.

import { assignEntryUids } from '../corpus/entry-identity';
import type { Entry, ParsedEntry } from '../corpus/types';
import { CARDS_SWITCH, type EntryAnchor, type MutedSiteRecord, type NoteRecord, type SavedRecord, type SwitchRecord } from './types';

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

export function migrateLegacyUserData(legacy: LegacyUserData): MigratedUserData {
  const byId = new Map(assignEntryUids(legacy.entries).map((entry) => [entry.id, entry]));
  const anchors = new Map<string, EntryAnchor>();
  const anchorFor = (entryId: number, at: number): string => {
    const entry = byId.get(entryId) ?? unknownEntry(entryId);
    const existing = anchors.get(entry.uid);
    if (existing === undefined || at < existing.anchoredAt) anchors.set(entry.uid, { uid: entry.uid, entry, anchoredAt: at });
    return entry.uid;
  };
  const saved = legacy.saved.map((record) => ({
    uid: anchorFor(record.entryId, record.updatedAt),
    isSaved: record.isSaved,
    changedAt: record.updatedAt,
  }));
  const notes = legacy.notes.map((record) => ({
    uid: anchorFor(record.entryId, record.updatedAt),
    text: record.text,
    changedAt: record.updatedAt,
  }));
  const blob = legacy.settings.find((record) => record.key === 'annotations');
  const at = blob?.updatedAt ?? 0;
  const mutedSites = Array.isArray(blob?.value?.mutedSites)
    ? [...new Set(blob.value.mutedSites.filter((host): host is string => typeof host === 'string'))].map((host) => ({
        host,
        isMuted: true,
        changedAt: at,
      }))
    : [];
  const switches: SwitchRecord[] =
    typeof blob?.value?.isEnabled === 'boolean' ? [{ name: CARDS_SWITCH, isOn: blob.value.isEnabled, changedAt: at }] : [];
  return { saved, notes, anchors: [...anchors.values()], mutedSites, switches };
}
