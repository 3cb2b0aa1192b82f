// A sync state the size a real user reaches: the real digest's entries saved, each with a note
// (a few lines of the entry's own text, so mixed Chinese and English) and its anchor.
import type { Entry } from '../../lib/corpus/types';
import { formatStamp } from '../../lib/sync/hlc';
import { emptySyncState, type SyncState } from '../../lib/sync/sync-state';
import { realCorpus } from './seed';

export const REAL_DEVICE = { id: 'k3j9x2ab7q', name: 'Firefox on laptop' };
const SAVED_AT = Date.UTC(2024, 3, 1);

/** A note of about 300 characters taken from the entry, as a user might quote and comment. */
function noteFor(entry: Entry): string {
  const text = entry.posts[0]?.text ?? '';
  return `Worth rereading. ${text.replace(/\s+/g, ' ').slice(0, 280)}`;
}

export function realSyncState(entries: readonly Entry[] = realCorpus.entries): SyncState {
  const state = emptySyncState();
  entries.forEach((entry, i) => {
    const stamp = formatStamp(SAVED_AT + i * 60_000, 0, REAL_DEVICE.id);
    state.saved[entry.uid] = { isSaved: true, stamp };
    state.notes[entry.uid] = { text: noteFor(entry), stamp };
    state.anchors[entry.uid] = { entry, anchoredAt: stamp };
  });
  state.mutedSites['example.com'] = { isMuted: true, stamp: formatStamp(SAVED_AT, 1, REAL_DEVICE.id) };
  state.switches.cardsEnabled = { isOn: true, stamp: formatStamp(SAVED_AT, 2, REAL_DEVICE.id) };
  return state;
}
