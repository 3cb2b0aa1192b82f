// The judged set's integrity: big enough, every category present, every id a real entry.
import { describe, expect, it } from 'vitest';
import { realCorpus } from '../support/seed';
import { CATEGORIES, isAnswerable, loadJudgments } from './judgments';

const { judging, queries } = loadJudgments();

describe('search judgments', () => {
  it('states the rule it was judged by', () => {
    expect(judging.length).toBeGreaterThan(0);
  });

  it('has at least 120 queries', () => {
    expect(queries.length).toBeGreaterThanOrEqual(120);
  });

  it.each(CATEGORIES.map((category) => ({ category, minimum: category === 'no-answer' ? 12 : 10 })))(
    '$category has at least $minimum queries',
    ({ category, minimum }) => {
      expect(queries.filter((query) => query.category === category).length).toBeGreaterThanOrEqual(minimum);
    },
  );

  it('judges only entries that exist in the real digest', () => {
    const ids = new Set(realCorpus.entries.map((entry) => entry.id));
    const unknown = queries.flatMap((query) => query.relevant.filter((id) => !ids.has(id)).map((id) => `${query.query} → ${id}`));
    expect(unknown).toEqual([]);
  });

  it('has no duplicate queries and no duplicate ids within a query', () => {
    const texts = queries.map((query) => query.query.trim().toLowerCase());
    expect(texts.length - new Set(texts).size).toBe(0);
    for (const query of queries) expect(new Set(query.relevant).size, query.query).toBe(query.relevant.length);
  });

  it('gives no-answer queries no relevant entries and every other query at least one', () => {
    for (const query of queries) {
      if (isAnswerable(query)) expect(query.relevant.length, query.query).toBeGreaterThan(0);
      else expect(query.relevant, query.query).toEqual([]);
    }
  });

  it('says why each query is judged as it is', () => {
    for (const query of queries) expect(query.why.trim(), query.query).not.toBe('');
  });
});
