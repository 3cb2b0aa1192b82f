// Reading the user's records as the UI sees them: the record with the latest stamp wins each
// field. Pure: records in, state out.

import { compareStamps } from '../sync/hlc';
import type { AnnotationSettings, ChangeStamp, EntryUserState, MutedSiteRecord, NoteRecord, SavedRecord, SwitchRecord } from './types';

function latest<T extends { stamp: ChangeStamp }>(records: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const record of records) if (best === undefined || compareStamps(record.stamp, best.stamp) > 0) best = record;
  return best;
}

/** The later of two optional stamps. */
export function laterStamp(a: ChangeStamp | undefined, b: ChangeStamp | undefined): ChangeStamp | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareStamps(a, b) >= 0 ? a : b;
}

/**
 * One entry's state from every record attached to it (an entry can carry records from earlier
 * versions of itself): per field, the most recent record.
 */
export function mergeEntryUserState(saved: readonly SavedRecord[], notes: readonly NoteRecord[]): EntryUserState {
  const save = latest(saved);
  const note = latest(notes);
  return {
    isSaved: save?.isSaved ?? false,
    ...(save ? { savedStamp: save.stamp } : {}),
    note: note?.text ?? '',
    ...(note ? { noteStamp: note.stamp } : {}),
  };
}

export function hasUserData(state: EntryUserState): boolean {
  return state.isSaved || state.note.trim() !== '';
}

export function annotationSettingsOf(cardsSwitch: SwitchRecord | undefined, sites: readonly MutedSiteRecord[]): AnnotationSettings {
  return {
    isEnabled: cardsSwitch?.isOn ?? true,
    mutedSites: sites
      .filter((site) => site.isMuted)
      .map((site) => site.host)
      .sort(),
  };
}
