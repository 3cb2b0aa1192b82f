// Small hand-made entries for ranking, storage and re-attachment tests.
import { assignEntryUids } from '../../lib/corpus/entry-identity';
import type { Entry } from '../../lib/corpus/types';

export function makeEntry(id: number, text: string, options: { handle?: string; author?: string; date?: string } = {}): Entry {
  const [entry] = assignEntryUids([
    {
      id,
      date: options.date ?? '2024-03-01',
      posts: [{ author: options.author ?? options.handle ?? 'someone', handle: options.handle ?? 'someone', text, notes: [] }],
      urls: [],
    },
  ]);
  if (entry === undefined) throw new Error('assignEntryUids dropped the entry');
  return entry;
}

/** A corpus from hand-made entries, uids assigned as the build does (duplicates included). */
export function makeCorpus(hash: string, entries: Entry[]): { hash: string; entries: Entry[] } {
  return { hash, entries: assignEntryUids(entries.map(({ uid: _uid, ...rest }) => rest)) };
}
