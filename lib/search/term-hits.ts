// Where one query term occurs and how often, per field: the sorted entry ordinals (from
// FlexSearch's posting lists) and, for the entries being ranked, a count per field (1 where
// FlexSearch lists the entry, the stored count where the term repeats). Combines the hits of the
// index terms a query term stands for: a word being typed sums the words it begins, a Chinese run
// takes the least of its bigrams. Counts are worked out only for the candidates, in one galloping
// pass per list, so a term costs what ranking needs, not its whole posting list. Pure.

import { FIELD_COUNT, type TermRepeats } from './entry-stats';
import { advanceTo, intersectSorted, unionSorted, type SortedIds } from './sorted-ids';

export interface TermHits {
  /** Entry ordinals, ascending. */
  readonly ids: SortedIds;
  /**
   * The counts at each of `ordinals` (ascending): `FIELD_COUNT` per ordinal, in `SEARCH_FIELDS`
   * order, all 0 where the term is absent. One pass over both lists, not a lookup per entry.
   */
  countsFor(ordinals: SortedIds): Float32Array;
}

export const NO_HITS: TermHits = { ids: new Int32Array(0), countsFor: (ordinals) => new Float32Array(ordinals.length * FIELD_COUNT) };

/**
 * Positions of the ids both lists hold: `ordinals[at[2k]] === list[at[2k + 1]]`. A merge when the
 * lists are of similar length, a gallop through the longer one otherwise.
 */
function commonPositions(ordinals: SortedIds, list: SortedIds): Int32Array {
  const found = new Int32Array(2 * Math.min(ordinals.length, list.length));
  let count = 0;
  let i = 0;
  let j = 0;
  if (list.length > 8 * ordinals.length) {
    for (; i < ordinals.length && j < list.length; i++) {
      j = advanceTo(list, ordinals[i] as number, j);
      if (list[j] === ordinals[i]) {
        found[count++] = i;
        found[count++] = j;
      }
    }
  } else if (ordinals.length > 8 * list.length) {
    for (; j < list.length && i < ordinals.length; j++) {
      i = advanceTo(ordinals, list[j] as number, i);
      if (ordinals[i] === list[j]) {
        found[count++] = i;
        found[count++] = j;
      }
    }
  } else {
    while (i < ordinals.length && j < list.length) {
      const a = ordinals[i] as number;
      const b = list[j] as number;
      if (a < b) i++;
      else if (b < a) j++;
      else {
        found[count++] = i++;
        found[count++] = j++;
      }
    }
  }
  return found.subarray(0, count);
}

/** One index term: its posting list per field (undefined = field not asked or term not in it) and its repeats. */
class IndexTermHits implements TermHits {
  readonly ids: SortedIds;

  constructor(
    private readonly postings: readonly (SortedIds | undefined)[],
    private readonly repeats: TermRepeats,
  ) {
    const lists = postings.filter((list): list is SortedIds => list !== undefined && list.length > 0);
    this.ids = lists.length === 1 ? (lists[0] as SortedIds) : unionSorted(lists);
  }

  private last: { ordinals: SortedIds; counts: Float32Array } | undefined;

  countsFor(ordinals: SortedIds): Float32Array {
    // One query asks the same bigram for several forms (大模型, 语言模型) over the same candidates.
    if (this.last?.ordinals === ordinals) return this.last.counts;
    const counts = new Float32Array(ordinals.length * FIELD_COUNT);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const list = this.postings[f];
      if (list === undefined) continue;
      const common = commonPositions(ordinals, list);
      for (let k = 0; k < common.length; k += 2) counts[(common[k] as number) * FIELD_COUNT + f] = 1;
    }
    // Where the term repeats, the stored count replaces the 1 (only in fields that were asked).
    const repeated = this.repeats.counts;
    const common = commonPositions(ordinals, this.repeats.ordinals);
    for (let k = 0; k < common.length; k += 2) {
      const at = (common[k] as number) * FIELD_COUNT;
      const from = (common[k + 1] as number) * FIELD_COUNT;
      for (let f = 0; f < FIELD_COUNT; f++) if ((counts[at + f] as number) > 0) counts[at + f] = repeated[from + f] as number;
    }
    this.last = { ordinals, counts };
    return counts;
  }
}

export function hitsFromPostings(postings: readonly (SortedIds | undefined)[], repeats: TermRepeats): TermHits {
  return postings.some((list) => list !== undefined && list.length > 0) ? new IndexTermHits(postings, repeats) : NO_HITS;
}

class SumHits implements TermHits {
  readonly ids: SortedIds;

  constructor(private readonly parts: readonly { hits: TermHits; weight: number }[]) {
    this.ids = unionSorted(parts.map((part) => part.hits.ids));
  }

  countsFor(ordinals: SortedIds): Float32Array {
    const counts = new Float32Array(ordinals.length * FIELD_COUNT);
    for (const { hits, weight } of this.parts) {
      // Only the ordinals this part holds: a character widened to hundreds of bigrams stays cheap.
      const held = intersectSorted([ordinals, hits.ids]);
      if (held.length === 0) continue;
      const partCounts = hits.countsFor(held);
      const common = commonPositions(ordinals, held);
      for (let k = 0; k < common.length; k += 2) {
        const at = (common[k] as number) * FIELD_COUNT;
        const from = (common[k + 1] as number) * FIELD_COUNT;
        for (let f = 0; f < FIELD_COUNT; f++) counts[at + f] = (counts[at + f] as number) + weight * (partCounts[from + f] as number);
      }
    }
    return counts;
  }
}

/** Entries any part reaches; counts summed, each part's scaled by its weight. */
export function sumHits(parts: readonly { hits: TermHits; weight: number }[]): TermHits {
  const reaching = parts.filter((part) => part.hits.ids.length > 0);
  const [only] = reaching;
  if (reaching.length === 0) return NO_HITS;
  if (reaching.length === 1 && only !== undefined && only.weight === 1) return only.hits;
  return new SumHits(reaching);
}

class MinHits implements TermHits {
  readonly ids: SortedIds;

  constructor(private readonly parts: readonly TermHits[]) {
    // Entries with every part somewhere; their counts are 0 where no one field holds them all.
    this.ids = intersectSorted(parts.map((part) => part.ids));
  }

  countsFor(ordinals: SortedIds): Float32Array {
    const counts = new Float32Array(ordinals.length * FIELD_COUNT).fill(Number.POSITIVE_INFINITY);
    for (const part of this.parts) {
      const partCounts = part.countsFor(ordinals);
      for (let k = 0; k < counts.length; k++) counts[k] = Math.min(counts[k] as number, partCounts[k] as number);
    }
    return counts;
  }
}

/**
 * Entries every part reaches (counted only where one field holds them all); per field the least
 * count (a run occurs at most as often as its rarest bigram).
 */
export function minHits(parts: readonly TermHits[]): TermHits {
  if (parts.length === 1) return parts[0] as TermHits;
  if (parts.length === 0 || parts.some((part) => part.ids.length === 0)) return NO_HITS;
  return new MinHits(parts);
}
