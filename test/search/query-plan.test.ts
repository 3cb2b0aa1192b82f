import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../lib/search/query';
import { planQuery, type MatchTerm, type TermLookup } from '../../lib/search/query-plan';

/** A lookup over a few known CJK words, counting how often it is asked. */
function wordLookup(words: Record<string, number[]>): TermLookup & { asked: number } {
  const lookup = {
    asked: 0,
    termHits(term: MatchTerm) {
      lookup.asked++;
      const ids = [...new Set(Object.entries(words).flatMap(([word, found]) => (word.includes(term.text) ? found : [])))].sort(
        (a, b) => a - b,
      );
      return { ids: Int32Array.from(ids), countsFor: (ordinals: ArrayLike<number>) => new Float32Array(ordinals.length * 3).fill(1) };
    },
    latinFrequency: () => undefined,
    corrections: () => [],
    aliases: () => [],
    phraseAliases: () => [],
  };
  return lookup;
}

describe('planQuery', () => {
  it('splits a run typed without spaces into the words the index knows', () => {
    const plan = planQuery(parseQuery('宝玉的提示词'), wordLookup({ 宝玉: [1], 提示词: [1, 2] }));
    expect(plan.units).toHaveLength(1);
    expect(plan.units[0]?.forms.map((form) => form.terms.map((term) => term.text))).toEqual([['宝玉', '提示词']]);
    expect([...(plan.units[0]?.candidates ?? [])]).toEqual([1]);
  });

  it('makes no split when a character is left that is no particle (a guess would be wrong)', () => {
    const plan = planQuery(parseQuery('宝玉猫提示词'), wordLookup({ 宝玉: [1], 提示词: [1] }));
    expect(plan.units).toEqual([]);
    expect(plan.unmatched).toEqual(['宝玉猫提示词']);
  });

  it('asks the index a bounded number of times for a long pasted sentence', () => {
    const sentence = '我们今天讨论一个非常有意思的问题'.repeat(12);
    const words = ['我们', '今天', '讨论', '一个', '非常', '有意思', '问题'];
    const lookup = wordLookup(Object.fromEntries(words.map((word) => [word, [1]])));
    const plan = planQuery(parseQuery(sentence), lookup);
    expect(plan.units[0]?.forms[0]?.terms).toHaveLength(7 * 12);
    // At most 8 piece lengths per position, plus the run itself.
    expect(lookup.asked).toBeLessThanOrEqual(8 * [...sentence].length + 2);
  });
});
