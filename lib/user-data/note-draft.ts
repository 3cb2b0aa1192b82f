// The note being typed: saves itself a moment after the last keystroke, keeps a copy of unsaved
// text in a journal (localStorage in the reader) until the save lands, and never overwrites a
// note that changed elsewhere meanwhile: it stops and offers both texts. No DOM, no browser APIs:
// the save function, the journal and the timer come in as parameters.

import { isStamp } from '../sync/hlc';
import type { ChangeStamp, EntryUserState, NoteWriteResult } from './types';

/** How long typing may pause before the note saves itself. */
export const NOTE_AUTOSAVE_DELAY_MS = 600;

export const DRAFT_JOURNAL_PREFIX = 'sidenote:note-draft:';

export type NoteDraftStatus =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'conflict'; theirs: string; theirsStamp: ChangeStamp | null };

export type NoteDraftState = { text: string; status: NoteDraftStatus; savedStamp?: ChangeStamp };

/** What the journal keeps for one unsaved draft. */
export type DraftJournalRecord = { entryId: number; uid: string; text: string; baseNoteStamp: ChangeStamp | null; writtenAt: number };

/** The slice of `Storage` the journal uses. */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export type Timer = { set: (run: () => void, ms: number) => unknown; clear: (handle: unknown) => void };

export type NoteDraftOptions = {
  entryId: number;
  uid: string;
  user: EntryUserState;
  save: (text: string, baseNoteStamp: ChangeStamp | null) => Promise<NoteWriteResult>;
  journal: JournalStorage;
  /** Distinguishes this tab's journal from another tab's editing the same note. */
  journalId: string;
  timer: Timer;
  onChange: (state: NoteDraftState) => void;
  now?: () => number;
};

export function parseJournalRecord(raw: string | null): DraftJournalRecord | undefined {
  if (raw === null) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<DraftJournalRecord> | null;
    if (
      typeof value?.entryId === 'number' &&
      typeof value.uid === 'string' &&
      typeof value.text === 'string' &&
      (value.baseNoteStamp === null || isStamp(value.baseNoteStamp)) &&
      typeof value.writtenAt === 'number'
    ) {
      return value as DraftJournalRecord;
    }
  } catch {
    // Not ours or damaged: there is no draft to recover in it.
  }
  return undefined;
}

/** A journalled draft: where it is kept, which tab wrote it, and what it holds. */
export type JournalEntry = { key: string; journalId: string; record: DraftJournalRecord };

export function journalKey(entryId: number, journalId: string): string {
  return `${DRAFT_JOURNAL_PREFIX}${entryId}:${journalId}`;
}

/** Every journalled draft in `storage`. */
export function listJournalRecords(storage: JournalStorage): JournalEntry[] {
  const found: JournalEntry[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key === null || !key.startsWith(DRAFT_JOURNAL_PREFIX)) continue;
    const journalId = key.slice(key.lastIndexOf(':') + 1);
    const record = parseJournalRecord(storage.getItem(key));
    if (record !== undefined) found.push({ key, journalId, record });
  }
  return found;
}

/**
 * The draft of `entry` to show when its page opens: this tab's own (a reload), or one whose tab
 * is gone (closed, crashed), newest first. Drafts whose text the stored note already has are
 * done: they are removed. Another open tab's draft is left to that tab.
 */
export function takeUnsavedDraft(
  journal: JournalStorage,
  entry: { id: number; uid: string },
  storedNote: string,
  canTake: (journalId: string) => boolean,
): JournalEntry | undefined {
  let newest: JournalEntry | undefined;
  for (const found of listJournalRecords(journal)) {
    if (found.record.entryId !== entry.id || found.record.uid !== entry.uid || !canTake(found.journalId)) continue;
    if (found.record.text === storedNote) journal.removeItem(found.key);
    else if (newest === undefined || found.record.writtenAt > newest.record.writtenAt) newest = found;
  }
  return newest;
}

export class NoteDraft {
  private text: string;
  /** The stored note this draft builds on: its text and stamp. */
  private savedText: string;
  private baseNoteStamp: ChangeStamp | null;
  private status: NoteDraftStatus = { kind: 'saved' };
  private timerHandle: unknown;
  private inFlight: Promise<void> | undefined;
  private isDisposed = false;
  private readonly key: string;
  private readonly now: () => number;

  constructor(private readonly options: NoteDraftOptions) {
    this.text = options.user.note;
    this.savedText = options.user.note;
    this.baseNoteStamp = options.user.noteStamp ?? null;
    this.key = journalKey(options.entryId, options.journalId);
    this.now = options.now ?? Date.now;
  }

  get state(): NoteDraftState {
    return { text: this.text, status: this.status, ...(this.baseNoteStamp === null ? {} : { savedStamp: this.baseNoteStamp }) };
  }

  get hasUnsavedText(): boolean {
    return this.text !== this.savedText;
  }

  /** Takes over a journalled draft (from a closed tab or a reload): shown, then saved on its old base. */
  restore(record: DraftJournalRecord): void {
    if (record.text === this.savedText) return;
    this.text = record.text;
    if (record.baseNoteStamp !== this.baseNoteStamp) {
      this.status = { kind: 'conflict', theirs: this.savedText, theirsStamp: this.baseNoteStamp };
      this.writeJournal();
      this.emit();
      return;
    }
    this.edit(record.text);
  }

  edit(text: string): void {
    this.text = text;
    this.writeJournal();
    if (this.status.kind === 'conflict') return this.emit();
    this.status = this.hasUnsavedText ? { kind: 'pending' } : { kind: 'saved' };
    this.schedule();
    this.emit();
  }

  /** Saves now what is pending (leaving a view, blur, pagehide); true when nothing is left unsaved. */
  async flush(): Promise<boolean> {
    this.options.timer.clear(this.timerHandle);
    await this.send();
    return !this.hasUnsavedText && this.status.kind === 'saved';
  }

  /** The stored note changed (another tab, the background): adopt it unless there is typing to keep. */
  receive(user: EntryUserState): void {
    const theirsStamp = user.noteStamp ?? null;
    if (theirsStamp === this.baseNoteStamp || this.status.kind === 'saving') return;
    if (!this.hasUnsavedText) {
      this.text = user.note;
      this.savedText = user.note;
      this.baseNoteStamp = theirsStamp;
      this.status = { kind: 'saved' };
      this.emit();
    } else if (user.note === this.text) {
      this.savedText = user.note;
      this.baseNoteStamp = theirsStamp;
      this.status = { kind: 'saved' };
      this.clearJournal();
      this.emit();
    } else {
      this.options.timer.clear(this.timerHandle);
      this.status = { kind: 'conflict', theirs: user.note, theirsStamp };
      this.emit();
    }
  }

  /** Ends a conflict: keep this text, the stored one, or both (stored first, then this). */
  resolve(choice: 'mine' | 'theirs' | 'both'): Promise<boolean> {
    if (this.status.kind !== 'conflict') return this.flush();
    const { theirs, theirsStamp } = this.status;
    this.savedText = theirs;
    this.baseNoteStamp = theirsStamp;
    if (choice === 'theirs') this.text = theirs;
    if (choice === 'both') this.text = theirs.trim() === '' ? this.text : `${theirs}\n\n${this.text}`;
    this.status = this.hasUnsavedText ? { kind: 'pending' } : { kind: 'saved' };
    if (!this.hasUnsavedText) this.clearJournal();
    else this.writeJournal();
    this.emit();
    return this.flush();
  }

  /** The editor is going away: save what is pending; the journal keeps it if that fails. */
  dispose(): Promise<boolean> {
    const saving = this.flush();
    this.isDisposed = true;
    return saving;
  }

  private schedule(): void {
    this.options.timer.clear(this.timerHandle);
    if (this.hasUnsavedText) this.timerHandle = this.options.timer.set(() => void this.send(), NOTE_AUTOSAVE_DELAY_MS);
  }

  private send(): Promise<void> {
    if (this.inFlight) return this.inFlight.then(() => this.send());
    if (!this.hasUnsavedText || this.status.kind === 'conflict') return Promise.resolve();
    this.status = { kind: 'saving' };
    this.emit();
    this.inFlight = this.options.save(this.text, this.baseNoteStamp).then(
      (result) => this.afterSave(result),
      (error: unknown) => {
        this.status = { kind: 'failed', error };
        this.emit();
      },
    );
    return this.inFlight.finally(() => {
      this.inFlight = undefined;
    });
  }

  private afterSave(result: NoteWriteResult): void {
    const theirsStamp = result.user.noteStamp ?? null;
    if (result.status === 'conflict') {
      this.status = { kind: 'conflict', theirs: result.user.note, theirsStamp };
      this.emit();
      return;
    }
    this.savedText = result.user.note;
    this.baseNoteStamp = theirsStamp;
    if (this.text === this.savedText) {
      this.status = { kind: 'saved' };
      this.clearJournal();
    } else {
      // Typed on while the save was on its way: that text saves next.
      this.status = { kind: 'pending' };
      if (!this.isDisposed) this.schedule();
    }
    this.emit();
  }

  private writeJournal(): void {
    if (!this.hasUnsavedText) return this.clearJournal();
    const record: DraftJournalRecord = {
      entryId: this.options.entryId,
      uid: this.options.uid,
      text: this.text,
      baseNoteStamp: this.baseNoteStamp,
      writtenAt: this.now(),
    };
    try {
      this.options.journal.setItem(this.key, JSON.stringify(record));
    } catch {
      // A full or blocked localStorage only loses the crash copy: the text is on screen and
      // autosave still runs (and says so if it fails).
    }
  }

  private clearJournal(): void {
    this.options.journal.removeItem(this.key);
  }

  private emit(): void {
    if (!this.isDisposed) this.options.onChange(this.state);
  }
}

/**
 * Saves drafts left in the journal by closed or crashed tabs (`isAbandoned`), each on the note it
 * was typed over; one whose note changed since stays in the journal, for its entry page to offer
 * both texts. Returns how many were saved.
 */
export async function saveAbandonedDrafts(
  journal: JournalStorage,
  api: {
    entryUid: (entryId: number) => Promise<string | undefined>;
    save: (entryId: number, text: string, baseNoteStamp: ChangeStamp | null) => Promise<NoteWriteResult>;
  },
  isAbandoned: (journalId: string) => boolean,
): Promise<number> {
  let saved = 0;
  for (const { key, journalId, record } of listJournalRecords(journal)) {
    if (!isAbandoned(journalId)) continue;
    if ((await api.entryUid(record.entryId)) !== record.uid) continue;
    const result = await api.save(record.entryId, record.text, record.baseNoteStamp);
    if (result.status === 'saved') {
      journal.removeItem(key);
      saved++;
    }
  }
  return saved;
}
