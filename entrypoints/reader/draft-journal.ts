// Which reader tab owns which journalled draft. Each tab has a journal id that survives its own
// reloads (sessionStorage) and holds a Web Lock named after it while open, so any tab can tell a
// draft whose tab is still typing from one whose tab is gone (closed or crashed).
const JOURNAL_ID_KEY = 'sidenote:journal-id';
const LOCK_PREFIX = 'sidenote:journal-tab:';

let claimedId: string | undefined;

function newJournalId(): string {
  const id = Math.random().toString(36).slice(2, 10);
  sessionStorage.setItem(JOURNAL_ID_KEY, id);
  return id;
}

/** Holds the tab's lock until the tab closes or reloads; a duplicated tab (same sessionStorage) takes a new id. */
function holdLock(id: string): void {
  void navigator.locks.request(`${LOCK_PREFIX}${id}`, { ifAvailable: true }, (lock) => {
    if (lock === null) {
      claimedId = newJournalId();
      holdLock(claimedId);
      return undefined;
    }
    // Never settles: the lock is this tab's for as long as it lives.
    return new Promise<never>(() => undefined);
  });
}

/** This tab's journal id, claimed on first use. */
export function tabJournalId(): string {
  if (claimedId === undefined) {
    const stored = sessionStorage.getItem(JOURNAL_ID_KEY);
    claimedId = stored !== null && /^[a-z0-9]{4,16}$/.test(stored) ? stored : newJournalId();
    holdLock(claimedId);
  }
  return claimedId;
}

/** A draft may be taken over by this tab if it wrote it, or if the tab that wrote it is gone. */
export async function journalTakeoverRule(): Promise<(journalId: string) => boolean> {
  const own = tabJournalId();
  const { held = [] } = await navigator.locks.query();
  const live = new Set(held.flatMap((lock) => (lock.name?.startsWith(LOCK_PREFIX) ? [lock.name.slice(LOCK_PREFIX.length)] : [])));
  return (journalId) => journalId === own || !live.has(journalId);
}
