// The judged query set for the search evaluation: its categories, its types, and its loader.
// The judgments themselves live in search-judgments.json, with the rule they were judged by.

import { readFileSync } from 'node:fs';

export const CATEGORIES = [
  'chinese',
  'english',
  'mixed',
  'traditional',
  'author',
  'synonyms-names',
  'pinyin',
  'typos',
  'no-answer',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type JudgedQuery = {
  query: string;
  category: Category;
  /** Heading numbers of every entry a reader typing the query would want; [] for no-answer. */
  relevant: number[];
  why: string;
};

export type Judgments = { judging: string[]; queries: JudgedQuery[] };

export const JUDGMENTS_PATH = new URL('./search-judgments.json', import.meta.url);

function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

function isJudgedQuery(value: unknown): value is JudgedQuery {
  if (typeof value !== 'object' || value === null) return false;
  const { query, category, relevant, why } = value as Record<string, unknown>;
  return (
    typeof query === 'string' &&
    isCategory(category) &&
    Array.isArray(relevant) &&
    relevant.every((id) => Number.isInteger(id)) &&
    typeof why === 'string'
  );
}

/** Reads and shape-checks the judged set; throws on the first malformed query. */
export function loadJudgments(): Judgments {
  const parsed: unknown = JSON.parse(readFileSync(JUDGMENTS_PATH, 'utf8'));
  const { judging, queries } = (parsed ?? {}) as Record<string, unknown>;
  if (!Array.isArray(judging) || !Array.isArray(queries)) throw new Error('search-judgments.json needs `judging` and `queries` arrays');
  const bad = queries.find((query) => !isJudgedQuery(query));
  if (bad !== undefined) throw new Error(`malformed judged query: ${JSON.stringify(bad)}`);
  return { judging: judging.map(String), queries: queries as JudgedQuery[] };
}

export function isAnswerable(query: JudgedQuery): boolean {
  return query.category !== 'no-answer';
}
