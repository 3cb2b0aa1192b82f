// Binds a NoteDraft (lib/user-data/note-draft.ts) to a component: saves on a pause in typing, on
// leaving the view and when the tab is hidden or closed; the journal (localStorage) keeps what
// has not reached the database yet.
import { useEffect, useRef, useState } from 'preact/hooks';
import { NoteDraft, type JournalEntry, type JournalStorage, type NoteDraftState } from '../../lib/user-data/note-draft';
import type { ChangeStamp, EntryUserState, NoteWriteResult } from '../../lib/user-data/types';
import { tabJournalId } from './draft-journal';

const browserTimer = {
  set: (run: () => void, ms: number) => window.setTimeout(run, ms),
  clear: (handle: unknown) => window.clearTimeout(handle as number),
};

export type NoteDraftBinding = NoteDraftState & {
  edit: (text: string) => void;
  /** Saves what is pending; true when nothing is left unsaved. */
  flush: () => Promise<boolean>;
  resolve: (choice: 'mine' | 'theirs' | 'both') => Promise<boolean>;
};

export function useNoteDraft(options: {
  entryId: number;
  uid: string;
  user: EntryUserState;
  save: (text: string, baseNoteStamp: ChangeStamp | null) => Promise<NoteWriteResult>;
  journal: JournalStorage;
  restored?: JournalEntry;
}): NoteDraftBinding {
  const { entryId, uid, user, journal } = options;
  const draft = useRef<NoteDraft | undefined>(undefined);
  const [state, setState] = useState<NoteDraftState>({ text: user.note, status: { kind: 'saved' } });
  const save = useRef(options.save);
  save.current = options.save;

  useEffect(() => {
    const current = new NoteDraft({
      entryId,
      uid,
      user,
      save: (text, base) => save.current(text, base),
      journal,
      journalId: tabJournalId(),
      timer: browserTimer,
      onChange: setState,
    });
    draft.current = current;
    if (options.restored) {
      // This tab takes the draft over under its own journal key.
      journal.removeItem(options.restored.key);
      current.restore(options.restored.record);
    }
    const flushWhenHidden = () => {
      if (document.visibilityState === 'hidden') void current.flush();
    };
    const flush = () => void current.flush();
    document.addEventListener('visibilitychange', flushWhenHidden);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', flushWhenHidden);
      window.removeEventListener('pagehide', flush);
      void current.dispose();
    };
  }, [entryId, uid]);

  // The stored note changed (this tab's own save, another tab, the card): the draft decides.
  useEffect(() => draft.current?.receive(user), [user.note, user.noteStamp]);

  return {
    ...state,
    edit: (text) => draft.current?.edit(text),
    flush: () => draft.current?.flush() ?? Promise.resolve(true),
    resolve: (choice) => draft.current?.resolve(choice) ?? Promise.resolve(true),
  };
}
