// Reading the user's records as the UI sees them: the latest record wins each field, change
// stamps only move forward. Pure: records in, state out.

import type { AnnotationSettings, ChangeStamp, EntryUserState, MutedSiteRecord, NoteRecord, SavedRecord, SwitchRecord } from './types';

/** A stamp later than both the clock and the stamp being replaced (clocks repeat and step back). */
export function nextStamp(now: number, previous?: ChangeStamp): ChangeStamp {
  return previous === undefined ? now : Math.max(now, previous + 1);
}

function latest<T extends { changedAt: ChangeStamp }>(records: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const record of records) if (best === undefined || record.changedAt > best.changedAt) best = record;
  return best;
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
    ...(save ? { savedAt: save.changedAt } : {}),
    note: note?.text ?? '',
    ...(note ? { noteAt: note.changedAt } : {}),
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
