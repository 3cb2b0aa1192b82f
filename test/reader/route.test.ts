import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from '../../lib/reader/route';

describe('parseRoute', () => {
  it.each<[string, Route]>([
    ['', { view: 'timeline' }],
    ['#/', { view: 'timeline' }],
    ['#/entry/58', { view: 'entry', id: 58 }],
    ['#/entry/007', { view: 'entry', id: 7 }],
    ['#/search?q=%E9%95%B7%E6%96%87%E6%9C%AC', { view: 'search', query: '長文本', filters: {} }],
    ['#/search?q=comfy&author=op7418', { view: 'search', query: 'comfy', filters: { author: 'op7418' } }],
    [
      '#/search?author=%40dotey&saved=1&note=1',
      { view: 'search', query: '', filters: { author: 'dotey', isSavedOnly: true, hasNote: true } },
    ],
    ['#/search?from=2024-03-01&to=2024-03-10', { view: 'search', query: '', filters: { from: '2024-03-01', to: '2024-03-10' } }],
    ['#/search?author=<script>&from=yesterday&saved=yes', { view: 'search', query: '', filters: {} }],
    ['#/entry/abc', { view: 'unknown', hash: '#/entry/abc' }],
    ['#/settings', { view: 'unknown', hash: '#/settings' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
});

describe('parseRoute: a date filter is a real day or nothing', () => {
  it.each<[date: string, isKept: boolean]>([
    ['2024-03-01', true],
    ['2024-02-29', true],
    ['2024-12-31', true],
    ['2000-02-29', true],
    ['2025-13-45', false],
    ['2024-00-10', false],
    ['2024-03-00', false],
    ['2024-04-31', false],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2024-3-1', false],
    ['2024-03-01T00:00', false],
    ['２０２４-03-01', false],
    ['', false],
  ])('%j: %s', (date, isKept) => {
    const query = new URLSearchParams({ from: date, to: date }).toString();
    const filters = isKept ? { from: date, to: date } : {};
    expect(parseRoute(`#/search?${query}`)).toEqual({ view: 'search', query: '', filters });
  });

  it('keeps a valid bound beside an invalid one', () => {
    expect(parseRoute('#/search?from=2025-13-45&to=2024-03-10')).toEqual({ view: 'search', query: '', filters: { to: '2024-03-10' } });
  });

  it('is not fooled by a timeline URL with a query: that page does not exist, and says so', () => {
    expect(parseRoute('#/?from=2025-13-45')).toEqual({ view: 'unknown', hash: '#/?from=2025-13-45' });
  });
});

describe('formatRoute', () => {
  it.each<Route>([
    { view: 'timeline' },
    { view: 'entry', id: 108 },
    { view: 'search', query: '归藏 ComfyUI', filters: { author: 'op7418', isSavedOnly: true } },
    { view: 'search', query: 'a&b=c#d', filters: { from: '2024-03-01', to: '2024-03-02', hasNote: true } },
  ])('round-trips %j', (route) => {
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('turns an empty search into the timeline', () => {
    expect(formatRoute({ view: 'search', query: '', filters: {} })).toBe('#/');
  });
});
