// The reader's views as URL hashes, so a view can be bookmarked and Back works. Pure.
//   #/                          timeline
//   #/entry/58                  one entry (deep link by id: volume × 1000 + heading number)
//   #/search?q=…&author=…&from=…&to=…&saved=1&note=1   search and filters
//   #/orphans                   saves and notes whose entry left the digest

import { isCalendarDate, type EntryFilters } from '../search/entry-filters';

export type Route =
  | { view: 'timeline' }
  | { view: 'entry'; id: number }
  | { view: 'search'; query: string; filters: EntryFilters }
  | { view: 'orphans' }
  | { view: 'unknown'; hash: string };

const HANDLE = /^[A-Za-z0-9_]{1,15}$/;

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { view: 'timeline' };
  const entry = /^\/entry\/(\d{1,9})$/.exec(path);
  if (entry) return { view: 'entry', id: Number(entry[1]) };
  if (path === '/orphans') return { view: 'orphans' };
  const search = /^\/search(?:\?(.*))?$/.exec(path);
  if (!search) return { view: 'unknown', hash };
  const params = new URLSearchParams(search[1] ?? '');
  const filters: EntryFilters = {};
  const author = params.get('author')?.replace(/^@/, '');
  if (author && HANDLE.test(author)) filters.author = author;
  const from = params.get('from');
  // An impossible date is dropped, not kept as a filter the date fields cannot show.
  if (from && isCalendarDate(from)) filters.from = from;
  const to = params.get('to');
  if (to && isCalendarDate(to)) filters.to = to;
  if (params.get('saved') === '1') filters.isSavedOnly = true;
  if (params.get('note') === '1') filters.hasNote = true;
  return { view: 'search', query: params.get('q') ?? '', filters };
}

export function formatRoute(route: Route): string {
  switch (route.view) {
    case 'timeline':
      return '#/';
    case 'entry':
      return `#/entry/${route.id}`;
    case 'orphans':
      return '#/orphans';
    case 'unknown':
      return route.hash;
    case 'search': {
      const params = new URLSearchParams();
      if (route.query !== '') params.set('q', route.query);
      const { author, from, to, isSavedOnly, hasNote } = route.filters;
      if (author) params.set('author', author);
      if (from) params.set('from', from);
      if (to) params.set('to', to);
      if (isSavedOnly) params.set('saved', '1');
      if (hasNote) params.set('note', '1');
      const query = params.toString();
      return query === '' ? '#/' : `#/search?${query}`;
    }
  }
}
