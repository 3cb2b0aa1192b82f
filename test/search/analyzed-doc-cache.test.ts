import { describe, expect, it } from 'vitest';
import { AnalyzedDocCache } from '../../lib/search/analyzed-doc-cache';
import { makeEntry } from '../support/entries';

describe('AnalyzedDocCache', () => {
  it('folds an entry once and hands back the same analysis', () => {
    const cache = new AnalyzedDocCache(10);
    const entry = makeEntry(1, '長文本\nGPT-4 body');
    const first = cache.get(entry);
    expect(first.title.folded).toBe('长文本');
    expect(cache.get(entry)).toBe(first);
  });

  it('analyses an entry again when its text (and so its uid) changed', () => {
    const cache = new AnalyzedDocCache(10);
    const before = cache.get(makeEntry(1, 'old text'));
    const after = cache.get(makeEntry(1, 'new text'));
    expect(after).not.toBe(before);
    expect(after.title.folded).toBe('new text');
  });

  it('forgets the least recently used entry beyond its capacity', () => {
    const cache = new AnalyzedDocCache(2);
    const [a, b, c] = [makeEntry(1, 'a'), makeEntry(2, 'b'), makeEntry(3, 'c')];
    const kept = cache.get(a);
    cache.get(b);
    cache.get(a); // a is now the most recent
    cache.get(c); // b goes
    expect(cache.size).toBe(2);
    expect(cache.get(a)).toBe(kept);
    const bAgain = cache.get(b);
    expect(bAgain.title.folded).toBe('b');
    expect(cache.size).toBe(2);
  });
});
