import { describe, expect, it, vi } from 'vitest';
import {
  journalKey,
  listJournalRecords,
  NOTE_AUTOSAVE_DELAY_MS,
  NoteDraft,
  saveAbandonedDrafts,
  takeUnsavedDraft,
  type JournalStorage,
  type NoteDraftState,
} from '../../lib/user-data/note-draft';
import { formatStamp } from '../../lib/sync/hlc';
import type { EntryUserState, NoteWriteResult } from '../../lib/user-data/types';

/** A Storage over a Map: the journal's whole contract. */
function memoryStorage(): JournalStorage & { dump: () => Record<string, string> } {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    key: (index) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
    dump: () => Object.fromEntries(items),
  };
}

/** A timer the test runs by hand. */
function manualTimer() {
  let pending: (() => void) | undefined;
  return {
    set: (run: () => void, ms: number) => {
      expect(ms).toBe(NOTE_AUTOSAVE_DELAY_MS);
      pending = run;
      return run;
    },
    clear: (handle: unknown) => {
      if (handle === pending) pending = undefined;
    },
    fire: () => {
      const run = pending;
      pending = undefined;
      run?.();
    },
    get isPending() {
      return pending !== undefined;
    },
  };
}

/** A database with one note, and compare-and-set like the background's. */
/** The stamp the fake store gives its n-th write (any device id will do). */
const stampAt = (n: number) => formatStamp(n, 0, 'fakestore0');

function fakeNoteStore(initial: EntryUserState = { isSaved: false, note: '' }) {
  let user = initial;
  let clock = 100;
  return {
    get user() {
      return user;
    },
    changeElsewhere(text: string): EntryUserState {
      user = { ...user, note: text, noteStamp: stampAt(++clock) };
      return user;
    },
    save: vi.fn(async (text: string, base: string | null): Promise<NoteWriteResult> => {
      if (user.note === text) return { status: 'saved', user };
      if ((user.noteStamp ?? null) !== base) return { status: 'conflict', user };
      user = { ...user, note: text, noteStamp: stampAt(++clock) };
      return { status: 'saved', user };
    }),
  };
}

function setUp(initial?: EntryUserState) {
  const store = fakeNoteStore(initial);
  const journal = memoryStorage();
  const timer = manualTimer();
  const states: NoteDraftState[] = [];
  const draft = new NoteDraft({
    entryId: 7,
    uid: 'uid-7',
    user: store.user,
    save: store.save,
    journal,
    journalId: 'tab1',
    timer,
    onChange: (state) => states.push(state),
    now: () => 5000,
  });
  return { store, journal, timer, states, draft };
}

describe('NoteDraft', () => {
  it('saves a moment after typing stops, and keeps a journal copy until the save lands', async () => {
    const { store, journal, timer, draft } = setUp();
    draft.edit('第');
    draft.edit('第一');
    expect(store.save).not.toHaveBeenCalled();
    expect(draft.state.status).toEqual({ kind: 'pending' });
    expect(JSON.parse(journal.getItem(journalKey(7, 'tab1')) ?? 'null')).toEqual({
      entryId: 7,
      uid: 'uid-7',
      text: '第一',
      baseNoteStamp: null,
      writtenAt: 5000,
    });
    timer.fire();
    await vi.waitFor(() => expect(draft.state.status).toEqual({ kind: 'saved' }));
    expect(store.save).toHaveBeenCalledTimes(1);
    expect(store.user.note).toBe('第一');
    expect(journal.length).toBe(0);
  });

  it('saves at once on flush (leaving the view), and says when nothing is left', async () => {
    const { store, draft } = setUp();
    draft.edit('马上离开');
    expect(await draft.flush()).toBe(true);
    expect(store.user.note).toBe('马上离开');
  });

  it('keeps the text and the journal when a save fails, and saves on retry', async () => {
    const { store, journal, draft } = setUp();
    store.save.mockRejectedValueOnce(new Error('storage refused'));
    draft.edit('不能丢');
    expect(await draft.flush()).toBe(false);
    expect(draft.state).toMatchObject({ text: '不能丢', status: { kind: 'failed' } });
    expect(journal.length).toBe(1);
    expect(await draft.flush()).toBe(true);
    expect(store.user.note).toBe('不能丢');
    expect(journal.length).toBe(0);
  });

  it('saves what was typed while a save was on its way', async () => {
    const { store, timer, draft } = setUp();
    draft.edit('a');
    const first = draft.flush();
    draft.edit('ab');
    await first;
    expect(draft.state.status).toEqual({ kind: 'pending' });
    expect(timer.isPending).toBe(true);
    timer.fire();
    await vi.waitFor(() => expect(store.user.note).toBe('ab'));
  });

  it('adopts a change made elsewhere when nothing is being typed', () => {
    const { store, draft } = setUp();
    draft.receive(store.changeElsewhere('别处写的'));
    expect(draft.state).toMatchObject({ text: '别处写的', status: { kind: 'saved' } });
  });

  it('stops and offers both texts when the note changed elsewhere during typing, and never overwrites', async () => {
    const { store, timer, draft } = setUp();
    draft.edit('我的');
    draft.receive(store.changeElsewhere('他们的'));
    expect(draft.state.status).toEqual({ kind: 'conflict', theirs: '他们的', theirsStamp: store.user.noteStamp });
    expect(timer.isPending).toBe(false);
    expect(await draft.flush()).toBe(false);
    expect(store.user.note).toBe('他们的');
    expect(draft.state.text).toBe('我的');
  });

  it('turns a refused save (compare-and-set) into a conflict', async () => {
    const { store, draft } = setUp();
    draft.edit('我的');
    store.changeElsewhere('他们的');
    await draft.flush();
    expect(draft.state.status).toMatchObject({ kind: 'conflict', theirs: '他们的' });
    expect(store.user.note).toBe('他们的');
  });

  it.each([
    ['mine', '我的'],
    ['theirs', '他们的'],
    ['both', '他们的\n\n我的'],
  ] as const)('resolves a conflict by keeping %s', async (choice, expected) => {
    const { store, journal, draft } = setUp();
    draft.edit('我的');
    draft.receive(store.changeElsewhere('他们的'));
    expect(await draft.resolve(choice)).toBe(true);
    expect(store.user.note).toBe(expected);
    expect(draft.state).toMatchObject({ text: expected, status: { kind: 'saved' } });
    expect(journal.length).toBe(0);
  });

  it('restores a journalled draft: saved on its base, or a conflict if the note moved on', async () => {
    const same = setUp({ isSaved: false, note: '旧的', noteStamp: stampAt(50) });
    same.draft.restore({ entryId: 7, uid: 'uid-7', text: '旧的，加一句', baseNoteStamp: stampAt(50), writtenAt: 1 });
    expect(await same.draft.flush()).toBe(true);
    expect(same.store.user.note).toBe('旧的，加一句');

    const moved = setUp({ isSaved: false, note: '别处改过', noteStamp: stampAt(60) });
    moved.draft.restore({ entryId: 7, uid: 'uid-7', text: '旧的，加一句', baseNoteStamp: stampAt(50), writtenAt: 1 });
    expect(moved.draft.state.status).toEqual({ kind: 'conflict', theirs: '别处改过', theirsStamp: stampAt(60) });
    expect(moved.journal.length).toBe(1);
  });

  it('saves on dispose and tells nobody afterwards', async () => {
    const { store, states, draft } = setUp();
    draft.edit('离开页面');
    const before = states.length;
    expect(await draft.dispose()).toBe(true);
    expect(store.user.note).toBe('离开页面');
    // "Saving" was said before it left; the answer comes to no one.
    expect(states.slice(before)).toEqual([{ text: '离开页面', status: { kind: 'saving' } }]);
  });
});

describe('the journal', () => {
  const record = (entryId: number, text: string, writtenAt = 1) =>
    JSON.stringify({ entryId, uid: `uid-${entryId}`, text, baseNoteStamp: null, writtenAt });

  it('lists only well-formed drafts', () => {
    const journal = memoryStorage();
    journal.setItem(journalKey(1, 'a'), record(1, 'x'));
    journal.setItem(journalKey(2, 'b'), '{not json');
    journal.setItem('sidenote:theme', 'dark');
    expect(listJournalRecords(journal).map((found) => [found.key, found.journalId])).toEqual([[journalKey(1, 'a'), 'a']]);
  });

  it('hands an entry page its own or an abandoned draft, never a live tab’s, and clears finished ones', () => {
    const journal = memoryStorage();
    journal.setItem(journalKey(7, 'live'), record(7, '另一个标签页正在写', 30));
    journal.setItem(journalKey(7, 'gone'), record(7, '关掉的标签页', 20));
    journal.setItem(journalKey(7, 'old'), record(7, '更早的', 10));
    journal.setItem(journalKey(7, 'done'), record(7, '已保存的'));
    journal.setItem(journalKey(8, 'gone'), record(8, '别的条目'));
    const taken = takeUnsavedDraft(journal, { id: 7, uid: 'uid-7' }, '已保存的', (id) => id !== 'live');
    expect(taken?.record.text).toBe('关掉的标签页');
    expect(journal.getItem(journalKey(7, 'done'))).toBeNull();
    expect(journal.getItem(journalKey(7, 'live'))).not.toBeNull();
    expect(takeUnsavedDraft(journal, { id: 7, uid: 'another-version' }, '', () => true)).toBeUndefined();
  });

  it('saves abandoned drafts on reader start; a conflicting one stays for its entry page', async () => {
    const journal = memoryStorage();
    journal.setItem(journalKey(1, 'gone'), record(1, '能保存'));
    journal.setItem(journalKey(2, 'gone'), record(2, '会冲突'));
    journal.setItem(journalKey(3, 'live'), record(3, '还在写'));
    const save = vi.fn(async (entryId: number): Promise<NoteWriteResult> => ({
      status: entryId === 2 ? 'conflict' : 'saved',
      user: { isSaved: false, note: '' },
    }));
    const saved = await saveAbandonedDrafts(journal, { entryUid: async (id) => `uid-${id}`, save }, (id) => id !== 'live');
    expect(saved).toBe(1);
    expect(save.mock.calls.map(([id]) => id)).toEqual([1, 2]);
    expect(Object.keys(journal.dump()).sort()).toEqual([journalKey(2, 'gone'), journalKey(3, 'live')]);
  });
});
