// The straightforward way to answer a query under Sidenote's ranking model, for tests that the fast
// path (FlexSearch posting lists, the repeats table, a bounded heap, filters from the entry table)
// gives the same ranked ids: read every entry, count its terms from its text, score it, sort all.
// Shares only the plan (which forms a unit has) and the scoring formula with the fast path.

import type { Entry } from '../../lib/corpus/types';
import { matchesFilters, NO_USER_MARKS, type EntryFilters, type UserMarks } from '../../lib/search/entry-filters';
import { foldText } from '../../lib/search/fold';
import { parseQuery } from '../../lib/search/query';
import type { MatchTerm } from '../../lib/search/query-plan';
import { planWithShards } from '../../lib/search/search-entries';
import { isListed, scoreEntry, unitRarity, type ScoringUnit } from '../../lib/search/rank';
import { PREFIX_QUALITY, type SearchIndex } from '../../lib/search/search-index';
import { SEARCH_FIELDS, searchDocOf } from '../../lib/search/search-doc';
import { isCjkTerm, tokenize } from '../../lib/search/tokenize';

export type ReferenceRequest = { query: string; offset: number; limit: number; filters?: EntryFilters; marks?: UserMarks };

const countedEntries = new WeakMap<Entry, { counts: Map<string, number>[]; lengths: number[] }>();

/** Per field, term → count, straight from the entry's text (remembered per entry object: tests ask many queries). */
function countTerms(entry: Entry): { counts: Map<string, number>[]; lengths: number[] } {
  const known = countedEntries.get(entry);
  if (known !== undefined) return known;
  const doc = searchDocOf(entry);
  const counts: Map<string, number>[] = [];
  const lengths: number[] = [];
  for (const field of SEARCH_FIELDS) {
    const folded = foldText(doc[field]);
    lengths.push(folded.length);
    const fieldCounts = new Map<string, number>();
    for (const token of tokenize(folded)) fieldCounts.set(token.term, (fieldCounts.get(token.term) ?? 0) + 1);
    counts.push(fieldCounts);
  }
  countedEntries.set(entry, { counts, lengths });
  return { counts, lengths };
}

/** How often a query term occurs in one field, by the model's rules, from that field's counts. */
function termCount(term: MatchTerm, fieldCounts: Map<string, number>): number {
  if (!term.isCjk) {
    let count = 0;
    for (const [word, n] of fieldCounts) {
      if (word === term.text) count += n;
      else if (
        term.allowsPrefix &&
        !isCjkTerm(word) &&
        word.startsWith(term.text) &&
        word.length - term.text.length <= (term.maxPrefixExtension ?? Infinity)
      )
        count += PREFIX_QUALITY * n;
    }
    return count;
  }
  const chars = [...term.text];
  if (chars.length === 1) {
    let count = 0;
    for (const [word, n] of fieldCounts) if (isCjkTerm(word) && word.includes(term.text)) count += n;
    return count;
  }
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < chars.length; i++) least = Math.min(least, fieldCounts.get(`${chars[i]}${chars[i + 1]}`) ?? 0);
  return least;
}

export async function referenceSearch(
  entries: Entry[],
  index: SearchIndex,
  request: ReferenceRequest,
): Promise<{ ids: number[]; total: number }> {
  const { plan } = await planWithShards(parseQuery(request.query), index);
  if (plan.units.length === 0) return { ids: [], total: 0 };
  const terms: { term: MatchTerm; isAuthorOnly: boolean }[] = [];
  const units: ScoringUnit[] = plan.units.map((unit) => ({
    rarity: unitRarity(index.stats.docCount, unit.candidates.length),
    forms: unit.forms.map((form) => ({
      weight: form.weight,
      ...(form.via === undefined ? {} : { via: form.via }),
      terms: form.terms.map((term) => terms.push({ term, isAuthorOnly: unit.isAuthorOnly }) - 1),
    })),
  }));
  const scored: { id: number; date: string; score: number; isLiteral: boolean }[] = [];
  for (const entry of entries) {
    if (!matchesFilters(entry, request.filters ?? {}, request.marks ?? NO_USER_MARKS)) continue;
    const { counts, lengths } = countTerms(entry);
    const score = scoreEntry(
      units,
      (term, out) => {
        const { term: matchTerm, isAuthorOnly } = terms[term] as (typeof terms)[number];
        counts.forEach(
          (fieldCounts, f) => (out[f] = isAuthorOnly && SEARCH_FIELDS[f] !== 'author' ? 0 : termCount(matchTerm, fieldCounts)),
        );
        return out.some((count) => count > 0);
      },
      lengths,
      index.stats,
    );
    if (score !== undefined) scored.push({ id: entry.id, date: entry.date, ...score });
  }
  const best = Math.max(0, ...scored.map((entry) => entry.score));
  const listed = scored
    .filter((entry) => isListed(entry, best))
    .sort((a, b) => b.score - a.score || b.date.localeCompare(a.date) || b.id - a.id);
  return { ids: listed.slice(request.offset, request.offset + request.limit).map((entry) => entry.id), total: listed.length };
}
