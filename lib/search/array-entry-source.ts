// An EntrySource over an in-memory array: for tests, benchmarks and the build step. Pure.

import type { Entry } from '../corpus/types';
import { matchesFilters, NO_USER_MARKS, type LatestEntriesQuery } from './entry-filters';
import type { EntrySource } from './search-entries';

export function compareNewestFirst(a: Entry, b: Entry): number {
  return b.date.localeCompare(a.date) || b.id - a.id;
}

export function createArrayEntrySource(entries: Entry[]): EntrySource {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const newestFirst = [...entries].sort(compareNewestFirst);
  return {
    getEntries: async (ids) => ids.flatMap((id) => byId.get(id) ?? []),
    // `where` until search passes its filters as data (TODO(#10)).
    latestEntries: async ({ offset, limit, where, filters, marks }: LatestEntriesQuery & { where?: (entry: Entry) => boolean }) => {
      const passes =
        where ?? (filters === undefined ? undefined : (entry: Entry) => matchesFilters(entry, filters, marks ?? NO_USER_MARKS));
      const passing = passes ? newestFirst.filter(passes) : newestFirst;
      return { entries: passing.slice(offset, offset + limit), total: passing.length };
    },
    countEntries: async () => entries.length,
  };
}
