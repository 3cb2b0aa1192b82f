// Ranking metrics for the judged search evaluation. Pure: ids in, numbers out.
// Definitions (all at a cutoff of 10, over the ids a system shows, in order):
//   recall@10    |relevant ∩ top10| / |relevant|, for queries with at least one relevant entry
//   MRR          mean over queries of 1/rank of the first relevant id in the top 10 (0 when none)
//   precision@10 |relevant ∩ top10| / 10, the textbook definition (a short list of right
//                answers scores low when more relevant entries exist, never when none do)
//   P/shown      |relevant ∩ top10| / |top10|: of what is shown, so a query with no results
//                has no precision and is counted among the empty answers instead; stricter:
//                one passing mention beside two right answers costs a third
//   empty rate   for queries with no answer in the digest: the share that return nothing

export const CUTOFF = 10;

export type QueryScore = {
  recall: number;
  reciprocalRank: number;
  /** Relevant in the top 10, over 10. */
  precisionAt10: number;
  /** Undefined when the system showed nothing: precision of an empty list means nothing. */
  precision: number | undefined;
};

/** Scores one ranking of an answerable query (at least one relevant id). */
export function scoreRanking(ranked: readonly number[], relevant: readonly number[]): QueryScore {
  if (relevant.length === 0) throw new Error('scoreRanking needs at least one relevant id; use emptyRate for no-answer queries');
  const wanted = new Set(relevant);
  const top = ranked.slice(0, CUTOFF);
  const hits = top.filter((id) => wanted.has(id)).length;
  const firstHit = top.findIndex((id) => wanted.has(id));
  return {
    recall: hits / wanted.size,
    reciprocalRank: firstHit === -1 ? 0 : 1 / (firstHit + 1),
    precisionAt10: hits / CUTOFF,
    precision: top.length === 0 ? undefined : hits / top.length,
  };
}

export type AnswerableSummary = {
  queries: number;
  recall: number;
  mrr: number;
  precisionAt10: number;
  /** P/shown: mean over the queries that showed something; undefined when none did. */
  precision: number | undefined;
  /** Answerable queries that showed nothing at all. */
  emptyCount: number;
};

function mean(values: number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function summarizeAnswerable(scores: readonly QueryScore[]): AnswerableSummary {
  const shown = scores.flatMap((score) => (score.precision === undefined ? [] : [score.precision]));
  return {
    queries: scores.length,
    recall: mean(scores.map((score) => score.recall)) ?? 0,
    mrr: mean(scores.map((score) => score.reciprocalRank)) ?? 0,
    precisionAt10: mean(scores.map((score) => score.precisionAt10)) ?? 0,
    precision: mean(shown),
    emptyCount: scores.length - shown.length,
  };
}

/** For queries with no answer in the digest: the share of rankings that are empty. */
export function emptyRate(rankings: readonly (readonly number[])[]): number {
  if (rankings.length === 0) return 0;
  return rankings.filter((ranked) => ranked.length === 0).length / rankings.length;
}
