import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../lib/sync/canonical-json';

describe('canonicalJson', () => {
  it.each([
    ['keys sorted at every depth', { b: 1, a: { d: [true, null], c: '长' } }, '{"a":{"c":"长","d":[true,null]},"b":1}'],
    ['undefined members left out', { a: undefined, b: 2 }, '{"b":2}'],
    ['strings escaped as JSON does', 'a"b\n\u0001', JSON.stringify('a"b\n\u0001')],
    ['arrays keep their order', [3, 1, 2], '[3,1,2]'],
    ['key order by code unit, not locale', { a: 1, B: 2, é: 3 }, '{"B":2,"a":1,"é":3}'],
  ])('%s', (_label, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('gives one text for objects built in any order', () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it.each([NaN, Infinity, () => 1, 1n])('refuses %s', (value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});
