// What the reader's entry page shows: the entry, the user's state for it, and its neighbours.

import type { Entry } from '../corpus/types';
import type { EntryUserState } from '../user-data/types';

/** An entry with the user's state and its neighbours in timeline order (for j/k). */
export type EntryView = { entry: Entry; user: EntryUserState; previousId?: number; nextId?: number };
