// What the reader needs from the extension, as props: main.tsx wires it to messages; tests and
// screenshots could wire it to anything.
import type { AuthorSummary } from '../../lib/corpus/authors';
import type { EntryView } from '../../lib/reader/entry-view';
import type { SyncOverview } from '../../lib/sync/sync-status';
import type { SearchFunction } from '../../lib/ui/use-search';
import type { ChangeStamp, EntryUserState, NoteWriteResult, OrphanedUserData, UserDataChange } from '../../lib/user-data/types';

export type ReaderApi = {
  search: SearchFunction;
  getEntry: (id: number) => Promise<EntryView | null>;
  setSaved: (entryId: number, isSaved: boolean) => Promise<EntryUserState>;
  setNote: (entryId: number, text: string, baseNoteStamp: ChangeStamp | null) => Promise<NoteWriteResult>;
  listAuthors: () => Promise<AuthorSummary[]>;
  listOrphans: () => Promise<OrphanedUserData[]>;
  syncOverview: () => Promise<SyncOverview>;
  /** The options page, where sync is set up. */
  optionsUrl: string;
  /** Opens the options page in a tab (the browser's own, reused if one is open). */
  openSettings: () => Promise<void>;
  /** Calls back on every change to user data made anywhere; returns the unsubscribe. */
  onUserDataChanged: (listener: (change: UserDataChange) => void) => () => void;
};
