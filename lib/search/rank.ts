// Ranks candidate entries in our code, because FlexSearch has no term frequency, no IDF and no
// cross-field AND: a BM25F-style sum of evidence over fields, computed from counts and lengths
// (`TermHits`, `EntryStats`), never from text, so every candidate is scored and a bounded top-k
// keeps only the page. Text is read only for what is shown: highlight ranges (`matchRanges`).
// Pure. Budget: ~0.2 µs per candidate and query term.

import type { EntryStats } from './entry-stats';
import { FIELD_COUNT } from './entry-stats';
import { foldText, foldTextWithMap, type FoldedText } from './fold';
import type { FormOrigin, MatchTerm, PlannedUnit } from './query-plan';
import { SEARCH_FIELDS, type SearchDoc, type SearchField } from './search-doc';
import type { SortedIds } from './sorted-ids';
import type { TermHits } from './term-hits';
import { tokenize, type Token } from './tokenize';

/**
 * Author/handle > title (first sentence) > body; the body holds the title's words too. A name
 * in the author field means "by them", which is what a name in a query usually asks for.
 */
export const FIELD_WEIGHTS: Record<SearchField, number> = { title: 2.5, author: 3, body: 1 };
/** How much a field's length dampens its term frequency (BM25's b). Names barely vary. */
const LENGTH_NORMALIZATION: Record<SearchField, number> = { title: 0.4, author: 0.2, body: 0.75 };
/** BM25's k1: how fast repeated mentions stop adding. */
const SATURATION = 1.2;
/** Answers found only through other names (aliases, pinyin) must score this share of the best. */
export const OTHER_WORDS_SCORE_FLOOR = 0.3;

export type Range = [number, number];

/** Corpus-wide figures BM25 needs; computed when the index is built. */
export type CollectionStats = { docCount: number; averageLength: Record<SearchField, number> };

/** A field's text, folded for matching; Latin tokens are computed only if a Latin term asks. */
export class AnalyzedField {
  readonly folded: string;
  private tokens: Token[] | undefined;
  private withMap: FoldedText | undefined;

  constructor(readonly text: string) {
    this.folded = foldText(text);
  }

  get latinTokens(): Token[] {
    this.tokens ??= tokenize(this.folded, true);
    return this.tokens;
  }

  /** Offsets back to the original text, for highlights and snippets. */
  get foldedWithMap(): FoldedText {
    this.withMap ??= foldTextWithMap(this.text);
    return this.withMap;
  }
}

export type AnalyzedDoc = { id: number; date: string; displayTitle: string } & Record<SearchField, AnalyzedField>;

export function analyzeDoc(doc: SearchDoc): AnalyzedDoc {
  return {
    id: doc.id,
    date: doc.date,
    displayTitle: doc.displayTitle,
    title: new AnalyzedField(doc.title),
    author: new AnalyzedField(doc.author),
    body: new AnalyzedField(doc.body),
  };
}

function occurrences(haystack: string, needle: string): Range[] {
  const ranges: Range[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    ranges.push([at, at + needle.length]);
  }
  return ranges;
}

/** Where a term is written in a field (folded coordinates), for highlights; a CJK run not written as one piece shows its bigrams. */
export function matchTerm(field: AnalyzedField, term: MatchTerm): Range[] {
  if (term.isCjk) {
    const exact = occurrences(field.folded, term.text);
    if (exact.length > 0) return exact;
    const chars = [...term.text];
    return chars.slice(0, -1).flatMap((char, i) => occurrences(field.folded, char + (chars[i + 1] as string)));
  }
  const ranges: Range[] = [];
  for (const token of field.latinTokens) {
    if (token.term === term.text) {
      ranges.push([token.start, token.end]);
    } else if (
      term.allowsPrefix &&
      token.term.startsWith(term.text) &&
      token.term.length - term.text.length <= (term.maxPrefixExtension ?? Infinity)
    ) {
      // Highlight just the typed prefix when the word has no joiners to skip over.
      const isPlain = token.end - token.start === token.term.length;
      ranges.push([token.start, isPlain ? token.start + term.text.length : token.end]);
    }
  }
  return ranges;
}

/** Per field, where the shown entry holds the forms that matched it (folded coordinates, sorted). */
export function matchRanges(doc: AnalyzedDoc, units: RankedUnit[]): Record<SearchField, Range[]> {
  const ranges: Record<SearchField, Range[]> = { title: [], author: [], body: [] };
  for (const unit of units) {
    const fields: readonly SearchField[] = unit.isAuthorOnly ? ['author'] : SEARCH_FIELDS;
    for (const form of unit.forms) {
      const found = form.terms.map((term) => fields.map((field) => matchTerm(doc[field], term)));
      if (found.some((perField) => perField.every((list) => list.length === 0))) continue;
      for (const perField of found) perField.forEach((list, i) => ranges[fields[i] as SearchField].push(...list));
    }
  }
  for (const field of SEARCH_FIELDS) ranges[field].sort((a, b) => a[0] - b[0]);
  return ranges;
}

/** A unit with the weight its rarity gives it (IDF over the unit's candidates). */
export type RankedUnit = PlannedUnit & { rarity: number };

/** A form as the scorer sees it: its terms are indexes into one flat list of term hits. */
type ScoringForm = { weight: number; via?: FormOrigin; terms: number[] };
export type ScoringUnit = { rarity: number; forms: ScoringForm[] };

/** The query's units with each term's hits looked up once, in one flat list. */
export function scoringUnitsOf(
  units: RankedUnit[],
  termHits: (term: MatchTerm, fields: readonly SearchField[]) => TermHits,
): { units: ScoringUnit[]; hits: TermHits[] } {
  const hits: TermHits[] = [];
  const scoring = units.map((unit) => {
    const fields: readonly SearchField[] = unit.isAuthorOnly ? ['author'] : SEARCH_FIELDS;
    return {
      rarity: unit.rarity,
      forms: unit.forms.map((form) => ({
        weight: form.weight,
        ...(form.via === undefined ? {} : { via: form.via }),
        terms: form.terms.map((term) => hits.push(termHits(term, fields)) - 1),
      })),
    };
  });
  return { units: scoring, hits };
}

/**
 * Fills `counts` (one per field) with term `term`'s counts in the entry being scored; false when
 * the term is not there. The fast path reads posting lists, the reference counts text.
 */
export type ReadCounts = (term: number, counts: Float32Array) => boolean;

export type EntryScore = { score: number; isLiteral: boolean };

/**
 * One entry's score: per unit the sum over its forms of BM25F evidence (each form as weak as its
 * weakest term), saturated and weighed by the unit's rarity. Undefined when a unit is absent.
 * `matchedVia` collects the other names (aliases, corrections…) that matched here.
 */
export function scoreEntry(
  units: readonly ScoringUnit[],
  readCounts: ReadCounts,
  fieldLengths: ArrayLike<number>,
  stats: CollectionStats,
  matchedVia?: Set<string>,
): EntryScore | undefined {
  const counts = scratchCounts;
  // What one occurrence is worth in each field of this entry: field weight over length normalization.
  const worth = scratchWorth;
  for (let f = 0; f < FIELD_COUNT; f++) worth[f] = lengthNormalized(1, f, fieldLengths[f] as number, stats);
  let score = 0;
  let isLiteral = true;
  for (const unit of units) {
    let evidence = 0;
    let isTyped = false;
    for (const form of unit.forms) {
      let formEvidence = Number.POSITIVE_INFINITY;
      for (const term of form.terms) {
        if (!readCounts(term, counts)) {
          formEvidence = 0;
          break;
        }
        let termEvidence = 0;
        for (let f = 0; f < FIELD_COUNT; f++) termEvidence += (counts[f] as number) * (worth[f] as number);
        formEvidence = Math.min(formEvidence, termEvidence);
      }
      if (!(formEvidence > 0) || formEvidence === Number.POSITIVE_INFINITY) continue;
      evidence += form.weight * formEvidence;
      if (form.via !== undefined) matchedVia?.add(form.via.shown);
      // A spelling fix or a split run is still the user's own words; an alias is not.
      if (form.via === undefined || form.via.kind === 'correction' || form.via.kind === 'split') isTyped = true;
    }
    if (evidence === 0) return undefined;
    score += (unit.rarity * evidence * (SATURATION + 1)) / (SATURATION + evidence);
    isLiteral &&= isTyped;
  }
  return { score, isLiteral };
}

// Scratch space for scoreEntry, which is synchronous and called per candidate: no allocation there.
const scratchCounts = new Float32Array(FIELD_COUNT);
const scratchWorth = new Float64Array(FIELD_COUNT);

const FIELD_WEIGHT_LIST = SEARCH_FIELDS.map((field) => FIELD_WEIGHTS[field]);
const LENGTH_NORMALIZATION_LIST = SEARCH_FIELDS.map((field) => LENGTH_NORMALIZATION[field]);

function lengthNormalized(count: number, field: number, length: number, stats: CollectionStats): number {
  const average = stats.averageLength[SEARCH_FIELDS[field] as SearchField] || 1;
  const b = LENGTH_NORMALIZATION_LIST[field] as number;
  return ((FIELD_WEIGHT_LIST[field] as number) * count) / (1 - b + (b * length) / average);
}

/** An entry in rank order: by ordinal, with what ordering and listing need. */
export type RankedEntry = { ordinal: number; entryId: number; dateKey: number; score: number; isLiteral: boolean; row: number };

/** Higher score first; recency breaks ties, then the higher entry number. */
export function compareRanked(a: RankedEntry, b: RankedEntry): number {
  return b.score - a.score || b.dateKey - a.dateKey || b.entryId - a.entryId;
}

/**
 * Whether an answer is listed at all: what is literally written always is; an answer reached only
 * through other words and far weaker than the best is a passing mention of the other word.
 */
export function isListed(entry: EntryScore, bestScore: number): boolean {
  return entry.isLiteral || entry.score >= bestScore * OTHER_WORDS_SCORE_FLOOR;
}

export type RankedPage = {
  total: number;
  page: RankedEntry[];
  /** The other names (aliases, pinyin, corrections) that matched an entry of the page. */
  matchedVia: Set<string>;
};

/**
 * Scores every candidate from the statistics and keeps the best `offset + limit` in a bounded heap.
 * `candidates` ascending. `total` counts the listed ones.
 */
export function rankCandidates(
  units: readonly ScoringUnit[],
  hits: readonly TermHits[],
  candidates: SortedIds,
  entries: EntryStats,
  stats: CollectionStats,
  window: { offset: number; limit: number },
): RankedPage {
  // Each term's counts at every candidate, in one pass per posting list.
  const termCounts = hits.map((termHits) => termHits.countsFor(candidates));
  let row = 0;
  const readCounts: ReadCounts = (term, counts) => {
    const all = termCounts[term] as Float32Array;
    let isPresent = false;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const count = all[row * FIELD_COUNT + f] as number;
      counts[f] = count;
      if (count > 0) isPresent = true;
    }
    return isPresent;
  };
  const lengths = new Float64Array(FIELD_COUNT);
  const scores = new Float64Array(candidates.length);
  const literal = new Uint8Array(candidates.length);
  const matched = new Uint8Array(candidates.length);
  let best = 0;
  for (let i = 0; i < candidates.length; i++) {
    row = i;
    const ordinal = candidates[i] as number;
    for (let f = 0; f < FIELD_COUNT; f++) lengths[f] = entries.fieldLength(ordinal, f);
    const scored = scoreEntry(units, readCounts, lengths, stats);
    if (scored === undefined) continue;
    matched[i] = 1;
    scores[i] = scored.score;
    literal[i] = scored.isLiteral ? 1 : 0;
    if (scored.score > best) best = scored.score;
  }
  const keep = window.offset + window.limit;
  const heap = new RankHeap(keep);
  let total = 0;
  for (let i = 0; i < candidates.length; i++) {
    if (matched[i] === 0) continue;
    const score = scores[i] as number;
    const isLiteral = literal[i] === 1;
    if (!isListed({ score, isLiteral }, best)) continue;
    total++;
    const candidate = candidates[i] as number;
    heap.offer({
      ordinal: candidate,
      entryId: entries.entryId(candidate),
      dateKey: entries.dateKeys[candidate] as number,
      score,
      isLiteral,
      row: i,
    });
  }
  const page = heap.sorted().slice(window.offset);
  const matchedVia = new Set<string>();
  for (const entry of page) {
    row = entry.row;
    for (let f = 0; f < FIELD_COUNT; f++) lengths[f] = entries.fieldLength(entry.ordinal, f);
    scoreEntry(units, readCounts, lengths, stats, matchedVia);
  }
  return { total, page, matchedVia };
}

/** The `capacity` best entries seen, worst at the root so it is the one replaced. */
class RankHeap {
  private readonly items: RankedEntry[] = [];

  constructor(private readonly capacity: number) {}

  offer(entry: RankedEntry): void {
    if (this.capacity === 0) return;
    const items = this.items;
    if (items.length < this.capacity) {
      items.push(entry);
      this.up(items.length - 1);
    } else if (compareRanked(entry, items[0] as RankedEntry) < 0) {
      items[0] = entry;
      this.down(0);
    }
  }

  sorted(): RankedEntry[] {
    return [...this.items].sort(compareRanked);
  }

  /** `a` ranks below `b`: it belongs nearer the root. */
  private isWorse(a: number, b: number): boolean {
    return compareRanked(this.items[a] as RankedEntry, this.items[b] as RankedEntry) > 0;
  }

  private swap(a: number, b: number): void {
    const items = this.items;
    [items[a], items[b]] = [items[b] as RankedEntry, items[a] as RankedEntry];
  }

  private up(at: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.isWorse(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  private down(at: number): void {
    const size = this.items.length;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < size && this.isWorse(left, worst)) worst = left;
      if (right < size && this.isWorse(right, worst)) worst = right;
      if (worst === at) return;
      this.swap(at, worst);
      at = worst;
    }
  }
}

/** BM25's IDF over the number of entries a unit's forms reach. */
export function unitRarity(totalDocs: number, documentFrequency: number): number {
  return Math.log(1 + (totalDocs - documentFrequency + 0.5) / (documentFrequency + 0.5));
}
