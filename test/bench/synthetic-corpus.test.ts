import { describe, expect, it } from 'vitest';
import { realCorpus } from '../support/seed';
import { createSeededRandom } from '../support/seeded-random';
import { generateSyntheticCorpus, measureCorpusText } from './synthetic-corpus';

const real = realCorpus.entries;

describe('generateSyntheticCorpus', () => {
  const corpus = generateSyntheticCorpus(real, { size: 2_000, seed: 7 });

  it('gives the same corpus for the same seed, another for another seed', () => {
    expect(generateSyntheticCorpus(real, { size: 2_000, seed: 7 })).toEqual(corpus);
    expect(generateSyntheticCorpus(real, { size: 2_000, seed: 8 })).not.toEqual(corpus);
  });

  it('numbers entries 1..N with distinct uids', () => {
    expect(corpus.map((entry) => entry.id)).toEqual(Array.from({ length: 2_000 }, (_, i) => i + 1));
    expect(new Set(corpus.map((entry) => entry.uid)).size).toBe(corpus.length);
  });

  it('spreads dates over several years, oldest first', () => {
    const dates = corpus.map((entry) => entry.date);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]).toBe('2020-01-01');
    expect(Number(dates.at(-1)?.slice(0, 4))).toBeGreaterThanOrEqual(2024);
  });

  it('mixes the real text instead of copying it', () => {
    const realTexts = new Set(real.map((entry) => entry.posts.map((post) => post.text).join('\n')));
    const texts = corpus.map((entry) => entry.posts.map((post) => post.text).join('\n'));
    expect(new Set(texts).size).toBeGreaterThan(corpus.length * 0.9);
    expect(texts.filter((text) => realTexts.has(text)).length).toBeLessThan(corpus.length * 0.1);
  });

  it('uses only real authors, handles and URLs', () => {
    const handles = new Set(real.flatMap((entry) => entry.posts.map((post) => `${post.author}@${post.handle}`)));
    const urls = new Set(real.flatMap((entry) => entry.urls));
    for (const entry of corpus) {
      for (const post of entry.posts) expect(handles).toContain(`${post.author}@${post.handle}`);
      for (const url of entry.urls) expect(urls).toContain(url);
    }
  });

  it('measures the corpus text in chars and UTF-8 bytes', () => {
    const size = measureCorpusText(corpus);
    expect(size.chars).toBeGreaterThan(0);
    // Mostly Chinese: 3 UTF-8 bytes per Han character.
    expect(size.utf8Bytes).toBeGreaterThan(size.chars);
  });
});

describe('createRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const values = Array.from({ length: 1_000 }, () => a());
    expect(Array.from({ length: 1_000 }, () => b())).toEqual(values);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
