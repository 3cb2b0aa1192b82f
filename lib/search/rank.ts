// Ranks candidate entries in our code, because FlexSearch has no term frequency, no IDF and no
// cross-field AND. A BM25F-style sum of evidence over fields, plus bonuses for query words near
// each other and for the query as a phrase. Pure. Budget: ~0.1 ms per candidate at digest sizes.

import { foldText, foldTextWithMap, type FoldedText } from './fold';
import type { PlannedUnit, MatchTerm } from './query-plan';
import { SEARCH_FIELDS, type SearchDoc, type SearchField } from './search-doc';
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
const QUALITY_EXACT = 1;
/** The last word as a prefix while typing (`comf` → ComfyUI). */
const QUALITY_PREFIX = 0.5;
/** Every bigram of a CJK term present, close together but not adjacent (`长文…本` within a window). */
const QUALITY_SCATTERED = 0.3;
/** Two query words this many characters apart get half the proximity bonus. */
const PROXIMITY_HALF_DISTANCE = 24;
const PROXIMITY_WEIGHT = 0.6;
const PHRASE_WEIGHT = 0.5;

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

export type TermMatch = {
  /** Occurrences weighted by match quality. */
  frequency: number;
  /** Ranges in folded text, in order. */
  ranges: Range[];
};

const NO_MATCH: TermMatch = { frequency: 0, ranges: [] };

function occurrences(haystack: string, needle: string): Range[] {
  const ranges: Range[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    ranges.push([at, at + needle.length]);
  }
  return ranges;
}

/** Bigrams of a CJK term that is not written as one piece, all within a short window. */
function scatteredMatch(folded: string, text: string): TermMatch {
  const chars = [...text];
  const bigrams = chars.slice(0, -1).map((c, i) => c + (chars[i + 1] as string));
  if (bigrams.length < 2) return NO_MATCH;
  const window = text.length * 3;
  for (let at = folded.indexOf(bigrams[0] as string); at !== -1; at = folded.indexOf(bigrams[0] as string, at + 1)) {
    const ranges: Range[] = [[at, at + (bigrams[0] as string).length]];
    let from = at;
    for (const bigram of bigrams.slice(1)) {
      const next = folded.indexOf(bigram, from + 1);
      if (next === -1 || next + bigram.length - at > window) break;
      ranges.push([next, next + bigram.length]);
      from = next;
    }
    if (ranges.length === bigrams.length) return { frequency: QUALITY_SCATTERED, ranges };
  }
  return NO_MATCH;
}

export function matchTerm(field: AnalyzedField, term: MatchTerm): TermMatch {
  if (term.isCjk) {
    const exact = occurrences(field.folded, term.text);
    if (exact.length > 0) return { frequency: exact.length * QUALITY_EXACT, ranges: exact };
    return scatteredMatch(field.folded, term.text);
  }
  const ranges: Range[] = [];
  let frequency = 0;
  for (const token of field.latinTokens) {
    if (token.term === term.text) {
      ranges.push([token.start, token.end]);
      frequency += QUALITY_EXACT;
    } else if (
      term.allowsPrefix &&
      token.term.startsWith(term.text) &&
      token.term.length - term.text.length <= (term.maxPrefixExtension ?? Infinity)
    ) {
      // Highlight just the typed prefix when the word has no joiners to skip over.
      const isPlain = token.end - token.start === token.term.length;
      ranges.push([token.start, isPlain ? token.start + term.text.length : token.end]);
      frequency += QUALITY_PREFIX;
    }
  }
  return frequency === 0 ? NO_MATCH : { frequency, ranges };
}

/** A unit with the weight its rarity gives it (IDF over the unit's candidates). */
export type RankedUnit = PlannedUnit & { rarity: number };

export type ScoredDoc = {
  id: number;
  date: string;
  score: number;
  /** Per field, the ranges (folded coordinates) any unit matched. */
  ranges: Record<SearchField, Range[]>;
  /** Forms other than the typed one that matched here, by `PlannedForm.via.shown`. */
  matchedVia: Set<string>;
  /** Every unit matched by the words typed (or their spelling fix, or a run's pieces), not only by another name. */
  isLiteral: boolean;
};

function lengthNormalized(frequency: number, field: SearchField, length: number, stats: CollectionStats): number {
  const average = stats.averageLength[field] || 1;
  const b = LENGTH_NORMALIZATION[field];
  return (FIELD_WEIGHTS[field] * frequency) / (1 - b + (b * length) / average);
}

/** Smallest gap in characters between a range of `a` and a range of `b` (both sorted by start). */
function smallestGap(a: Range[], b: Range[]): number {
  let best = Number.POSITIVE_INFINITY;
  let j = 0;
  for (const [start, end] of a) {
    while (j < b.length && (b[j] as Range)[1] <= start) {
      best = Math.min(best, start - (b[j] as Range)[1]);
      j++;
    }
    if (j < b.length) best = Math.min(best, Math.max(0, (b[j] as Range)[0] - end));
    if (best === 0) break;
  }
  return best;
}

function closeness(gap: number): number {
  return Number.isFinite(gap) ? 1 / (1 + gap / PROXIMITY_HALF_DISTANCE) : 0;
}

type UnitEvidence = { score: number; ranges: Record<SearchField, Range[]>; isTyped: boolean };

/** One unit's BM25F evidence: the sum over its forms, each form as weak as its weakest term. */
function unitEvidence(doc: AnalyzedDoc, unit: RankedUnit, stats: CollectionStats, matchedVia: Set<string>): UnitEvidence | undefined {
  const fields: readonly SearchField[] = unit.isAuthorOnly ? ['author'] : SEARCH_FIELDS;
  const ranges: Record<SearchField, Range[]> = { title: [], author: [], body: [] };
  let evidence = 0;
  let isTyped = false;
  for (const form of unit.forms) {
    let formEvidence = Number.POSITIVE_INFINITY;
    const termRanges: Record<SearchField, Range[]>[] = [];
    for (const term of form.terms) {
      let termEvidence = 0;
      const found: Record<SearchField, Range[]> = { title: [], author: [], body: [] };
      for (const field of fields) {
        const match = matchTerm(doc[field], term);
        if (match.frequency === 0) continue;
        termEvidence += lengthNormalized(match.frequency, field, doc[field].folded.length, stats);
        found[field] = match.ranges;
      }
      formEvidence = Math.min(formEvidence, termEvidence);
      if (termEvidence === 0) break;
      termRanges.push(found);
    }
    if (!(formEvidence > 0)) continue;
    // Pieces of a split run or words of a multi-word alias count fully only when close together.
    if (termRanges.length > 1) {
      let together = 1;
      for (let i = 1; i < termRanges.length; i++) {
        together = Math.min(together, 0.5 + 0.5 * closeness(nearestInSameField(termRanges[i - 1], termRanges[i])));
      }
      formEvidence *= together;
    }
    evidence += form.weight * formEvidence;
    if (form.via !== undefined) matchedVia.add(form.via.shown);
    // A spelling fix or a split run is still the user's own words; an alias is not.
    if (form.via === undefined || form.via.kind === 'correction' || form.via.kind === 'split') isTyped = true;
    for (const found of termRanges) for (const field of fields) ranges[field].push(...found[field]);
  }
  if (evidence === 0) return undefined;
  return { score: (unit.rarity * evidence * (SATURATION + 1)) / (SATURATION + evidence), ranges, isTyped };
}

function nearestInSameField(a: Record<SearchField, Range[]> | undefined, b: Record<SearchField, Range[]> | undefined): number {
  if (a === undefined || b === undefined) return Number.POSITIVE_INFINITY;
  return Math.min(...SEARCH_FIELDS.map((field) => smallestGap(sorted(a[field]), sorted(b[field]))));
}

function sorted(ranges: Range[]): Range[] {
  return [...ranges].sort((x, y) => x[0] - y[0]);
}

/**
 * Scores a document against every unit. Returns undefined when some unit matches nowhere:
 * the units left after relaxation must all be present.
 */
export function scoreDoc(doc: AnalyzedDoc, units: RankedUnit[], phrase: string, stats: CollectionStats): ScoredDoc | undefined {
  const ranges: Record<SearchField, Range[]> = { title: [], author: [], body: [] };
  const matchedVia = new Set<string>();
  const perUnit: UnitEvidence[] = [];
  let score = 0;
  for (const unit of units) {
    const evidence = unitEvidence(doc, unit, stats, matchedVia);
    if (evidence === undefined) return undefined;
    perUnit.push(evidence);
    score += evidence.score;
    for (const field of SEARCH_FIELDS) ranges[field].push(...evidence.ranges[field]);
  }
  // Words near each other are more likely one thought: a bonus, never a cut-off.
  for (let i = 1; i < perUnit.length; i++) {
    const gap = nearestInSameField(perUnit[i - 1]?.ranges, perUnit[i]?.ranges);
    score += PROXIMITY_WEIGHT * Math.min((units[i - 1] as RankedUnit).rarity, (units[i] as RankedUnit).rarity) * closeness(gap);
  }
  if (units.length > 1 && phrase.length > 1) {
    for (const field of SEARCH_FIELDS) {
      if (doc[field].folded.includes(phrase)) {
        const rarity = units.reduce((sum, unit) => sum + unit.rarity, 0);
        score += (PHRASE_WEIGHT * rarity * FIELD_WEIGHTS[field]) / FIELD_WEIGHTS.title;
        break;
      }
    }
  }
  return { id: doc.id, date: doc.date, score, ranges, matchedVia, isLiteral: perUnit.every((unit) => unit.isTyped) };
}

/** BM25's IDF over the number of entries a unit's forms reach. */
export function unitRarity(totalDocs: number, documentFrequency: number): number {
  return Math.log(1 + (totalDocs - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** Higher score first; recency breaks ties, then the higher entry number. */
export function compareScored(a: ScoredDoc, b: ScoredDoc): number {
  return b.score - a.score || b.date.localeCompare(a.date) || b.id - a.id;
}
