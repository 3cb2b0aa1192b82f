// Set operations on ascending arrays of distinct integers (entry ordinals): FlexSearch's posting
// lists come out this way, and so do ours. Inputs are read, never modified (a FlexSearch result is
// its internal posting list). Pure. Budget: linear in the shorter list when sizes are skewed.

export type SortedIds = ArrayLike<number>;

/** First position in `ids[from … to)` whose value is not below `value` (`to` if none). */
function lowerBoundFrom(ids: SortedIds, value: number, from = 0, to = ids.length): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ids[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * First position at or after `from` whose value is not below `value`, galloping: steps of 1, 2, 4…
 * then a binary search, so walking a long list to a few ids costs a few steps each.
 */
export function advanceTo(ids: SortedIds, value: number, from: number): number {
  if (from >= ids.length || (ids[from] as number) >= value) return from;
  // ids[low] < value throughout; the answer lies in (low, high].
  let low = from;
  let step = 1;
  let high = from + step;
  while (high < ids.length && (ids[high] as number) < value) {
    low = high;
    step *= 2;
    high = from + step;
  }
  return lowerBoundFrom(ids, value, low + 1, Math.min(high, ids.length));
}

function intersectTwo(small: SortedIds, large: SortedIds): Int32Array {
  const out = new Int32Array(small.length);
  let count = 0;
  // Much larger lists are searched (galloping would save little more); similar ones merged.
  if (large.length > small.length * 8) {
    let from = 0;
    for (let i = 0; i < small.length; i++) {
      const value = small[i] as number;
      from = lowerBoundFrom(large, value, from);
      if (from === large.length) break;
      if (large[from] === value) out[count++] = value;
    }
  } else {
    let j = 0;
    for (let i = 0; i < small.length && j < large.length; i++) {
      const value = small[i] as number;
      while (j < large.length && (large[j] as number) < value) j++;
      if (large[j] === value) out[count++] = value;
    }
  }
  return out.subarray(0, count);
}

/** Ids in every list, smallest list first. No lists: nothing. */
export function intersectSorted(lists: readonly SortedIds[]): Int32Array {
  if (lists.length === 0) return new Int32Array(0);
  const bySize = [...lists].sort((a, b) => a.length - b.length);
  let result: Int32Array = Int32Array.from(bySize[0] as SortedIds);
  for (const list of bySize.slice(1)) {
    if (result.length === 0) break;
    result = intersectTwo(result, list);
  }
  return result;
}

function mergeTwo(a: SortedIds, b: SortedIds): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x < y) {
      out[count++] = x;
      i++;
    } else if (y < x) {
      out[count++] = y;
      j++;
    } else {
      out[count++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[count++] = a[i++] as number;
  while (j < b.length) out[count++] = b[j++] as number;
  return out.subarray(0, count);
}

/** Lists at most this many are merged pairwise; more go through a bitmap or a sort. */
const PAIRWISE_MERGE_LISTS = 4;

/** Ids in any list. */
export function unionSorted(lists: readonly SortedIds[]): Int32Array {
  const nonEmpty = lists.filter((list) => list.length > 0);
  if (nonEmpty.length === 0) return new Int32Array(0);
  if (nonEmpty.length <= PAIRWISE_MERGE_LISTS) {
    let result: Int32Array = Int32Array.from(nonEmpty[0] as SortedIds);
    for (const list of nonEmpty.slice(1)) result = mergeTwo(result, list);
    return result;
  }
  let total = 0;
  let max = 0;
  for (const list of nonEmpty) {
    total += list.length;
    max = Math.max(max, list[list.length - 1] as number);
  }
  // Many ids over a small range (a prefix or a character widened to hundreds of terms): a bitmap
  // costs a pass over the range; few ids: one sort.
  if (total * 8 > max) {
    const seen = new Uint8Array(max + 1);
    for (const list of nonEmpty) for (let i = 0; i < list.length; i++) seen[list[i] as number] = 1;
    const out = new Int32Array(Math.min(total, max + 1));
    let count = 0;
    for (let id = 0; id <= max; id++) if (seen[id] === 1) out[count++] = id;
    return out.subarray(0, count);
  }
  const all = new Int32Array(total);
  let at = 0;
  for (const list of nonEmpty) {
    for (let i = 0; i < list.length; i++) all[at++] = list[i] as number;
  }
  all.sort();
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    if (i === 0 || all[i] !== all[i - 1]) all[count++] = all[i] as number;
  }
  return all.subarray(0, count);
}
