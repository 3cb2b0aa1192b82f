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
