// Filters that narrow a search or the timeline: author, date range, saved, has a note. Pure.

import type { Entry } from '../corpus/types';

export type EntryFilters = {
  /** A handle, without `@`; matches any post of the entry. */
  author?: string;
  /** Inclusive ISO dates. */
  from?: string;
  to?: string;
  isSavedOnly?: boolean;
  hasNote?: boolean;
};

/**
 * A real day written YYYY-MM-DD (2024-02-29 is; 2023-02-29, 2025-13-45 are not): a date filter
 * the date fields cannot show would narrow the list invisibly.
 */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // Date.UTC rolls an impossible day over into the next month; a real one comes back unchanged.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** What the user tables say about an entry, as far as filters care. */
export type UserMarks = { savedIds: ReadonlySet<number>; notedIds: ReadonlySet<number> };

/** Nothing saved, nothing noted. */
export const NO_USER_MARKS: UserMarks = { savedIds: new Set(), notedIds: new Set() };

/**
 * A page of the timeline (newest first) narrowed by filters given as data, not as a callback, so
 * storage can answer from its indexes (a date range from the date index, saved or noted entries
 * from their ids) instead of reading every entry.
 */
export type LatestEntriesQuery = { offset: number; limit: number; filters?: EntryFilters; marks?: UserMarks };

export function hasFilters(filters: EntryFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined && value !== false && value !== '');
}

export function matchesFilters(entry: Entry, filters: EntryFilters, marks: UserMarks): boolean {
  if (filters.author !== undefined) {
    const wanted = filters.author.toLowerCase();
    if (!entry.posts.some((post) => post.handle.toLowerCase() === wanted)) return false;
  }
  if (filters.from !== undefined && entry.date < filters.from) return false;
  if (filters.to !== undefined && entry.date > filters.to) return false;
  if (filters.isSavedOnly && !marks.savedIds.has(entry.id)) return false;
  if (filters.hasNote && !marks.notedIds.has(entry.id)) return false;
  return true;
}
