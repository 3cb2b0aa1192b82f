// Corrects mistyped Latin query words (`midjourny` → `midjourney`) against the terms of the index.
// Pure. The vocabulary is built with the corpus and shipped as JSON; this module never sees entries
// at query time. Budget: < 1 ms per word at the digest, a few ms at 200k terms.

import { isCjkTerm, tokenize } from './tokenize';

/**
 * The Latin terms of the index with how many entries contain each, built at build time. Terms are
 * ordered by descending document frequency, so frequencies ship as runs (most terms occur in one
 * entry) and the terms as one space-separated string (terms never contain spaces).
 */
export type LatinVocabulary = {
  version: 1;
  terms: string;
  /** [frequency, how many consecutive terms have it, frequency, count, …]. */
  documentFrequencyRuns: number[];
};

export type Correction = { term: string; distance: number; documentFrequency: number };

type LengthBucket = { terms: string[]; frequencies: Uint32Array; letterMasks: Uint32Array };

/** Lookup structures, built once per worker wake by loadLatinVocabulary. */
export type LoadedVocabulary = {
  documentFrequencies: Map<string, number>;
  /** Terms by length, each bucket in descending document frequency. */
  bucketsByLength: (LengthBucket | undefined)[];
};

export class LatinVocabularyFormatError extends Error {
  constructor(reason: string) {
    super(`Latin vocabulary: ${reason}`);
    this.name = 'LatinVocabularyFormatError';
  }
}

/** Shorter words are too ambiguous to correct; longer terms are URLs and ids nobody types. */
const MIN_TERM_LENGTH = 3;
const MAX_TERM_LENGTH = 24;
const MIN_CORRECTED_LENGTH = 4;
const DEFAULT_MAX_RESULTS = 3;

/** Distance 1 for 4–7 characters, 2 from 8: short words have too many neighbours at 2. */
function maxDistanceFor(length: number): number {
  return length < MIN_CORRECTED_LENGTH ? 0 : length < 8 ? 1 : 2;
}

/** One frequency "much" above another: a typed word that exists is only corrected into one of these. */
function isMuchMoreFrequent(frequency: number, than: number): boolean {
  return frequency >= 10 * Math.max(1, than);
}

const hasLetter = (term: string) => /[^\d]/.test(term);
const digitsOf = (term: string) => term.replace(/\D/g, '');

/** Words the vocabulary keeps; for others it cannot say whether the index has them. */
export function isVocabularyTerm(term: string): boolean {
  return term.length >= MIN_TERM_LENGTH && term.length <= MAX_TERM_LENGTH && hasLetter(term);
}

export function buildLatinVocabulary(docs: { id: number; text: string }[]): LatinVocabulary {
  return latinVocabularyOf(docs.map((doc) => tokenize(doc.text, true).map((token) => token.term)));
}

/** The same from each entry's terms as the index holds them (CJK terms are skipped). */
export function latinVocabularyOf(termsByEntry: Iterable<Iterable<string>>): LatinVocabulary {
  const frequencies = new Map<string, number>();
  for (const entryTerms of termsByEntry) {
    for (const term of new Set(entryTerms)) {
      if (!isVocabularyTerm(term) || isCjkTerm(term)) continue;
      frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    }
  }
  const sorted = [...frequencies].sort(([a, fa], [b, fb]) => fb - fa || (a < b ? -1 : a > b ? 1 : 0));
  const runs: number[] = [];
  for (const [, frequency] of sorted) {
    if (runs[runs.length - 2] === frequency) runs[runs.length - 1] = (runs[runs.length - 1] ?? 0) + 1;
    else runs.push(frequency, 1);
  }
  return { version: 1, terms: sorted.map(([term]) => term).join(' '), documentFrequencyRuns: runs };
}

/**
 * One bit per letter a–z, one for digits, the rest hashed: an edit changes at most two bits, so
 * two words whose masks differ in more than 2·d bits are farther apart than d. Rejects most terms
 * before any alignment is computed.
 */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    const bit = code >= 0x61 && code <= 0x7a ? code - 0x61 : code >= 0x30 && code <= 0x39 ? 26 : 27 + (code % 5);
    mask |= 1 << bit;
  }
  return mask >>> 0;
}

function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function loadLatinVocabulary(data: LatinVocabulary): LoadedVocabulary {
  if (data.version !== 1) throw new LatinVocabularyFormatError(`version ${String(data.version)}, expected 1`);
  const terms = data.terms === '' ? [] : data.terms.split(' ');
  const documentFrequencies = new Map<string, number>();
  const byLength: { terms: string[]; frequencies: number[] }[] = [];
  let next = 0;
  for (let r = 0; r < data.documentFrequencyRuns.length; r += 2) {
    const frequency = data.documentFrequencyRuns[r] ?? 0;
    const count = data.documentFrequencyRuns[r + 1] ?? 0;
    for (let k = 0; k < count; k++, next++) {
      const term = terms[next];
      if (term === undefined) throw new LatinVocabularyFormatError('more frequencies than terms');
      documentFrequencies.set(term, frequency);
      const bucket = (byLength[term.length] ??= { terms: [], frequencies: [] });
      bucket.terms.push(term);
      bucket.frequencies.push(frequency);
    }
  }
  if (next !== terms.length) throw new LatinVocabularyFormatError('more terms than frequencies');
  const bucketsByLength = Array.from(byLength, (bucket) =>
    bucket === undefined
      ? undefined
      : { terms: bucket.terms, frequencies: Uint32Array.from(bucket.frequencies), letterMasks: Uint32Array.from(bucket.terms, letterMask) },
  );
  return { documentFrequencies, bucketsByLength };
}

/** How many entries contain `word` (0 when absent), so the caller can tell "absent or rare". */
export function documentFrequencyOf(vocabulary: LoadedVocabulary, word: string): number {
  return vocabulary.documentFrequencies.get(word) ?? 0;
}

// Three rows of the alignment table, reused across calls: terms are at most MAX_TERM_LENGTH long.
const ROW_SIZE = MAX_TERM_LENGTH + 3;
let rowBeforePrevious = new Int32Array(ROW_SIZE);
let previousRow = new Int32Array(ROW_SIZE);
let currentRow = new Int32Array(ROW_SIZE);

/**
 * Optimal string alignment distance (an adjacent transposition costs 1), or max + 1 as soon as
 * every cell of a row exceeds `max`: no later row can come back under it.
 */
export function boundedAlignmentDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > ROW_SIZE) return max + 1;
  for (let j = 0; j <= b.length; j++) previousRow[j] = j;
  for (let i = 1; i <= a.length; i++) {
    currentRow[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let best = Math.min((previousRow[j] as number) + 1, (currentRow[j - 1] as number) + 1, (previousRow[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        best = Math.min(best, (rowBeforePrevious[j - 2] as number) + 1);
      }
      currentRow[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > max) return max + 1;
    const recycled = rowBeforePrevious;
    rowBeforePrevious = previousRow;
    previousRow = currentRow;
    currentRow = recycled;
  }
  return previousRow[b.length] as number;
}

function keepsFirstLetter(word: string, term: string): boolean {
  return word[0] === term[0] || (word[0] === term[1] && word[1] === term[0]);
}

function compareCorrections(word: string) {
  return (a: Correction, b: Correction) =>
    a.distance - b.distance ||
    b.documentFrequency - a.documentFrequency ||
    Math.abs(a.term.length - word.length) - Math.abs(b.term.length - word.length) ||
    (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
}

/**
 * Best corrections for a folded Latin word (no joiners), best first; [] when the word is too short,
 * has no letter, or nothing is close. Never the word itself; a word the index has is corrected
 * only into much more frequent terms (`calude` → `claude`, but `agent` stays `agent`). A correction
 * keeps the word's digits: `gpt3` is no typo of `gpt4`; and its first letter (or swaps the first two):
 * people rarely mistype the first letter, while a new first letter is how different names differ
 * (`mamba` is not `jamba`, `hinton` not `minton`, `ollama` not `llama`).
 */
export function correctLatinWord(vocabulary: LoadedVocabulary, word: string, options: { maxResults?: number } = {}): Correction[] {
  const maxDistance = maxDistanceFor(word.length);
  if (maxDistance === 0 || !hasLetter(word) || word.length > MAX_TERM_LENGTH) return [];
  const ownFrequency = documentFrequencyOf(vocabulary, word);
  const digits = digitsOf(word);
  const mask = letterMask(word);
  const found: Correction[] = [];
  for (let length = word.length - maxDistance; length <= word.length + maxDistance; length++) {
    const bucket = vocabulary.bucketsByLength[length];
    if (bucket === undefined) continue;
    for (let k = 0; k < bucket.terms.length; k++) {
      const frequency = bucket.frequencies[k] as number;
      // Buckets run in descending frequency: the rest are all too rare to replace a known word.
      if (ownFrequency > 0 && !isMuchMoreFrequent(frequency, ownFrequency)) break;
      if (bitCount((mask ^ (bucket.letterMasks[k] as number)) >>> 0) > 2 * maxDistance) continue;
      const term = bucket.terms[k] as string;
      if (term === word) continue;
      const distance = boundedAlignmentDistance(word, term, maxDistance);
      if (distance > maxDistance || digitsOf(term) !== digits || !keepsFirstLetter(word, term)) continue;
      found.push({ term, distance, documentFrequency: frequency });
    }
  }
  found.sort(compareCorrections(word));
  // A one-off spelling is a poor correction beside a common term at the same distance.
  const bestAtDistance = new Map<number, number>();
  const kept = found.filter((correction) => {
    const best = bestAtDistance.get(correction.distance);
    if (best === undefined) bestAtDistance.set(correction.distance, correction.documentFrequency);
    return best === undefined || !isMuchMoreFrequent(best, correction.documentFrequency);
  });
  return kept.slice(0, options.maxResults ?? DEFAULT_MAX_RESULTS);
}
