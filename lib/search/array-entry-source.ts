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
    latestEntries: async ({ offset, limit, filters, marks }: LatestEntriesQuery) => {
      const passing =
        filters === undefined ? newestFirst : newestFirst.filter((entry) => matchesFilters(entry, filters, marks ?? NO_USER_MARKS));
      return { entries: passing.slice(offset, offset + limit), total: passing.length };
    },
    countEntries: async () => entries.length,
  };
}
