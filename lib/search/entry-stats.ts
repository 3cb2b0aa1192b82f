// What ranking knows about each entry without reading its text: field lengths, dates, post
// handles, and how often each term occurs in each field where it occurs more than once (FlexSearch
// holds where a term occurs at all). Built with the index from one pass over each entry's folded
// fields, shipped inside the index export as typed arrays. Pure.
//
// Entries are addressed by ordinal: their position in id order, which is also the id FlexSearch
// indexes them under, so posting lists, these tables and id lookups agree without a map.

import { arrayToBase64, base64ToArray } from './base64-arrays';
import { foldText } from './fold';
import { SEARCH_FIELDS, type SearchDoc } from './search-doc';
import { terms } from './tokenize';

export const FIELD_COUNT = SEARCH_FIELDS.length;
/** Counts above this are stored as this: BM25's saturation makes the difference negligible. */
const MAX_STORED_COUNT = 255;
const DATE_LENGTH = 10;

/** One entry's terms: per field its folded length and each term's count. */
export type EntryTerms = {
  lengths: number[];
  /** Per field, term → count. */
  counts: Map<string, number>[];
};

export function countEntryTerms(doc: SearchDoc): EntryTerms {
  const lengths: number[] = [];
  const counts: Map<string, number>[] = [];
  for (const field of SEARCH_FIELDS) {
    const folded = foldText(doc[field]);
    lengths.push(folded.length);
    const fieldCounts = new Map<string, number>();
    for (const term of terms(folded)) fieldCounts.set(term, (fieldCounts.get(term) ?? 0) + 1);
    counts.push(fieldCounts);
  }
  return { lengths, counts };
}

/** The export's form: typed arrays as base64 (see base64-arrays.ts). */
export type EntryStatsData = {
  count: number;
  /** Entry id of each ordinal, ascending (Int32). */
  entryIds: string;
  /** Every entry's ISO date, 10 characters each, by ordinal. */
  dates: string;
  /** Folded length of each field (`SEARCH_FIELDS` order) by ordinal (Uint32, 3 per entry). */
  fieldLengths: string;
  /** Post handles, lower-cased, each once. */
  handles: string[];
  /** Ordinal o's handles are `handleIndexes[handleStarts[o] … handleStarts[o + 1]]` (Uint32). */
  handleStarts: string;
  handleIndexes: string;
  /** Term id t's repeats are `repeatOrdinals[repeatStarts[t] … repeatStarts[t + 1]]` (Uint32). */
  repeatStarts: string;
  /** Ordinals, ascending within each term (Int32). */
  repeatOrdinals: string;
  /** Per repeat, the term's count in each field (Uint8, 3 per repeat). */
  repeatCounts: string;
};

export class EntryStatsFormatError extends Error {
  constructor(message: string) {
    super(`search index entry statistics: ${message}`);
    this.name = 'EntryStatsFormatError';
  }
}

/** A term's entries where it occurs more than once in some field, with its count per field. */
export type TermRepeats = { ordinals: Int32Array; counts: Uint8Array };

export type EntryStatsInput = {
  /** Sorted by id; position = ordinal. */
  docs: SearchDoc[];
  terms: EntryTerms[];
  termCount: number;
  termId: (term: string) => number;
};

export class EntryStats {
  private constructor(
    readonly count: number,
    private readonly entryIds: Int32Array,
    private readonly dates: string,
    readonly dateKeys: Int32Array,
    private readonly fieldLengths: Uint32Array,
    private readonly handles: string[],
    private readonly handleStarts: Uint32Array,
    private readonly handleIndexes: Uint32Array,
    private readonly repeatStarts: Uint32Array,
    private readonly repeatOrdinals: Int32Array,
    private readonly repeatCounts: Uint8Array,
  ) {}

  static build({ docs, terms: entryTerms, termCount, termId }: EntryStatsInput): EntryStats {
    const count = docs.length;
    const entryIds = Int32Array.from(docs, (doc) => doc.id);
    const fieldLengths = new Uint32Array(count * FIELD_COUNT);
    const handleIndex = new Map<string, number>();
    const handleStarts = new Uint32Array(count + 1);
    const handleList: number[] = [];
    const repeatsByTerm = new Map<number, number[]>();
    docs.forEach((doc, ordinal) => {
      const analyzed = entryTerms[ordinal] as EntryTerms;
      analyzed.lengths.forEach((length, field) => (fieldLengths[ordinal * FIELD_COUNT + field] = length));
      for (const handle of new Set(doc.handles.map((h) => h.toLowerCase()))) {
        if (!handleIndex.has(handle)) handleIndex.set(handle, handleIndex.size);
        handleList.push(handleIndex.get(handle) as number);
      }
      handleStarts[ordinal + 1] = handleList.length;
      const repeated = new Set<string>();
      for (const fieldCounts of analyzed.counts) for (const [term, n] of fieldCounts) if (n > 1) repeated.add(term);
      for (const term of repeated) {
        const id = termId(term);
        if (id === -1) throw new Error(`term "${term}" is not in the dictionary the index was built with`);
        let list = repeatsByTerm.get(id);
        if (list === undefined) repeatsByTerm.set(id, (list = []));
        list.push(ordinal);
        for (const fieldCounts of analyzed.counts) list.push(Math.min(MAX_STORED_COUNT, fieldCounts.get(term) ?? 0));
      }
    });
    const repeatStarts = new Uint32Array(termCount + 1);
    let total = 0;
    for (let t = 0; t < termCount; t++) {
      repeatStarts[t] = total;
      total += (repeatsByTerm.get(t)?.length ?? 0) / (FIELD_COUNT + 1);
    }
    repeatStarts[termCount] = total;
    const repeatOrdinals = new Int32Array(total);
    const repeatCounts = new Uint8Array(total * FIELD_COUNT);
    for (const [t, list] of repeatsByTerm) {
      let at = repeatStarts[t] as number;
      for (let i = 0; i < list.length; i += FIELD_COUNT + 1, at++) {
        repeatOrdinals[at] = list[i] as number;
        for (let f = 0; f < FIELD_COUNT; f++) repeatCounts[at * FIELD_COUNT + f] = list[i + 1 + f] as number;
      }
    }
    const misdated = docs.find((doc) => doc.date.length !== DATE_LENGTH);
    if (misdated !== undefined) throw new EntryStatsFormatError(`entry ${misdated.id} has date "${misdated.date}", not YYYY-MM-DD`);
    const dates = docs.map((doc) => doc.date).join('');
    return new EntryStats(
      count,
      entryIds,
      dates,
      dateKeysOf(dates, count),
      fieldLengths,
      [...handleIndex.keys()],
      handleStarts,
      Uint32Array.from(handleList),
      repeatStarts,
      repeatOrdinals,
      repeatCounts,
    );
  }

  static fromData(data: EntryStatsData, termCount: number): EntryStats {
    const count = data.count;
    if (!Number.isInteger(count) || count < 0) throw new EntryStatsFormatError('bad entry count');
    const entryIds = base64ToArray(data.entryIds, Int32Array);
    const fieldLengths = base64ToArray(data.fieldLengths, Uint32Array);
    const handleStarts = base64ToArray(data.handleStarts, Uint32Array);
    const handleIndexes = base64ToArray(data.handleIndexes, Uint32Array);
    const repeatStarts = base64ToArray(data.repeatStarts, Uint32Array);
    const repeatOrdinals = base64ToArray(data.repeatOrdinals, Int32Array);
    const repeatCounts = base64ToArray(data.repeatCounts, Uint8Array);
    const fits =
      entryIds.length === count &&
      typeof data.dates === 'string' &&
      data.dates.length === count * DATE_LENGTH &&
      fieldLengths.length === count * FIELD_COUNT &&
      Array.isArray(data.handles) &&
      handleStarts.length === count + 1 &&
      handleStarts[count] === handleIndexes.length &&
      repeatStarts.length === termCount + 1 &&
      repeatStarts[termCount] === repeatOrdinals.length &&
      repeatCounts.length === repeatOrdinals.length * FIELD_COUNT;
    if (!fits) throw new EntryStatsFormatError('table sizes do not agree');
    return new EntryStats(
      count,
      entryIds,
      data.dates,
      dateKeysOf(data.dates, count),
      fieldLengths,
      data.handles,
      handleStarts,
      handleIndexes,
      repeatStarts,
      repeatOrdinals,
      repeatCounts,
    );
  }

  toData(): EntryStatsData {
    return {
      count: this.count,
      entryIds: arrayToBase64(this.entryIds),
      dates: this.dates,
      fieldLengths: arrayToBase64(this.fieldLengths),
      handles: this.handles,
      handleStarts: arrayToBase64(this.handleStarts),
      handleIndexes: arrayToBase64(this.handleIndexes),
      repeatStarts: arrayToBase64(this.repeatStarts),
      repeatOrdinals: arrayToBase64(this.repeatOrdinals),
      repeatCounts: arrayToBase64(this.repeatCounts),
    };
  }

  entryId(ordinal: number): number {
    return this.entryIds[ordinal] as number;
  }

  date(ordinal: number): string {
    return this.dates.slice(ordinal * DATE_LENGTH, (ordinal + 1) * DATE_LENGTH);
  }

  fieldLength(ordinal: number, field: number): number {
    return this.fieldLengths[ordinal * FIELD_COUNT + field] as number;
  }

  /** Whether a post of the entry is by this handle (lower-case, without `@`). */
  hasHandle(ordinal: number, handle: string): boolean {
    for (let i = this.handleStarts[ordinal] as number; i < (this.handleStarts[ordinal + 1] as number); i++) {
      if (this.handles[this.handleIndexes[i] as number] === handle) return true;
    }
    return false;
  }

  repeatsOf(termId: number): TermRepeats {
    const start = this.repeatStarts[termId] as number;
    const end = this.repeatStarts[termId + 1] as number;
    return {
      ordinals: this.repeatOrdinals.subarray(start, end),
      counts: this.repeatCounts.subarray(start * FIELD_COUNT, end * FIELD_COUNT),
    };
  }
}

/** `2025-07-03` → 20250703: ranking breaks ties by date without comparing strings. */
function dateKeysOf(dates: string, count: number): Int32Array {
  const keys = new Int32Array(count);
  for (let o = 0; o < count; o++) {
    const at = o * DATE_LENGTH;
    keys[o] = Number(dates.slice(at, at + 4)) * 10_000 + Number(dates.slice(at + 5, at + 7)) * 100 + Number(dates.slice(at + 8, at + 10));
  }
  return keys;
}
