import { describe, expect, it } from 'vitest';
import { emptyRate, scoreRanking, summarizeAnswerable } from './metrics';

describe('scoreRanking', () => {
  it.each([
    { name: 'all relevant first', ranked: [1, 2, 9], relevant: [1, 2], recall: 1, reciprocalRank: 1, precision: 2 / 3 },
    { name: 'first hit at rank 3', ranked: [7, 8, 2, 9], relevant: [2, 5], recall: 0.5, reciprocalRank: 1 / 3, precision: 1 / 4 },
    { name: 'no hit', ranked: [7, 8], relevant: [2], recall: 0, reciprocalRank: 0, precision: 0 },
    { name: 'nothing shown', ranked: [], relevant: [2], recall: 0, reciprocalRank: 0, precision: undefined },
    {
      name: 'a hit at rank 11 does not count',
      ranked: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 3],
      relevant: [3],
      recall: 0,
      reciprocalRank: 0,
      precision: 0,
    },
    { name: 'one of many relevant', ranked: [4], relevant: [1, 2, 3, 4], recall: 0.25, reciprocalRank: 1, precision: 1 },
  ])('$name', ({ ranked, relevant, recall, reciprocalRank, precision }) => {
    const score = scoreRanking(ranked, relevant);
    expect(score.recall).toBeCloseTo(recall);
    expect(score.reciprocalRank).toBeCloseTo(reciprocalRank);
    // Textbook P@10: the hits over 10, however few were shown.
    expect(score.precisionAt10).toBeCloseTo((recall * relevant.length) / 10);
    if (precision === undefined) expect(score.precision).toBeUndefined();
    else expect(score.precision).toBeCloseTo(precision);
  });

  it('refuses a query without relevant ids (those are scored by emptyRate)', () => {
    expect(() => scoreRanking([1], [])).toThrow();
  });
});

describe('summarizeAnswerable', () => {
  it('averages recall and MRR over all queries, precision only over queries that showed something', () => {
    const summary = summarizeAnswerable([
      { recall: 1, reciprocalRank: 1, precisionAt10: 0.2, precision: 0.5 },
      { recall: 0.5, reciprocalRank: 0.5, precisionAt10: 0.1, precision: 1 },
      { recall: 0, reciprocalRank: 0, precisionAt10: 0, precision: undefined },
    ]);
    expect(summary.queries).toBe(3);
    expect(summary.recall).toBeCloseTo(0.5);
    expect(summary.mrr).toBeCloseTo(0.5);
    expect(summary.precision).toBeCloseTo(0.75);
    expect(summary.precisionAt10).toBeCloseTo(0.1);
    expect(summary.emptyCount).toBe(1);
  });

  it('has no precision when nothing was shown for any query', () => {
    expect(summarizeAnswerable([{ recall: 0, reciprocalRank: 0, precisionAt10: 0, precision: undefined }]).precision).toBeUndefined();
  });
});

describe('emptyRate', () => {
  it('is the share of rankings that show nothing', () => {
    expect(emptyRate([[], [3], [], []])).toBeCloseTo(0.75);
    expect(emptyRate([])).toBe(0);
  });
});
