// Decides what each query unit may match: the words as typed, their aliases (other words and
// scripts for the same thing, pinyin), a spelling correction when the word is nowhere, or the
// pieces of a Chinese run written without spaces. Then relaxes: a unit that matches nothing is
// dropped, and the response says so. Pure apart from the lookups it is given.

import { SEARCH_FIELDS, type SearchField } from './search-doc';
import type { ParsedQuery, QueryUnit } from './query';
import { intersectSorted, unionSorted } from './sorted-ids';
import type { TermHits } from './term-hits';

/** One word to find: a folded Latin word (no joiners) or a folded CJK run. */
export type MatchTerm = {
  text: string;
  isCjk: boolean;
  allowsPrefix: boolean;
  /** How many letters a prefix match may add; unset = any (`comf` → comfyui). */
  maxPrefixExtension?: number;
};

/**
 * A short word being typed that already is a word of the index is probably finished: it matches
 * longer words only by an inflection's worth (`pro` → pros, not provider). Longer words reach
 * their compounds (`karpathy` → KarpathyLLMChallenge): few unrelated words start with them.
 */
const FINISHED_WORD_PREFIX_EXTENSION = 2;
const SHORT_WORD_LENGTH = 4;

export type FormOrigin = {
  kind: 'alias' | 'pinyin' | 'correction' | 'split';
  /** How the UI names it: `扎克伯格`, `midjourney`, `提示词 技巧`. */
  shown: string;
};

/** One way to satisfy a unit: every term present. */
export type PlannedForm = { terms: MatchTerm[]; weight: number; via?: FormOrigin };

export type PlannedUnit = {
  typed: string;
  isAuthorOnly: boolean;
  forms: PlannedForm[];
  /** Entry ordinals any form can reach, ascending. */
  candidates: Int32Array;
};

/** A name for something the digest writes in other words, as the alias table knows it. */
export type AliasTarget = {
  /** Folded, unit-shaped: a Latin word without joiners or a CJK run. */
  text: string;
  /** As written, for the notice (`Zuckerberg ↔ 扎克伯格`). */
  display: string;
  /** Folded words of a multi-word form (`jensen huang`), matched as a near phrase. */
  words?: string[];
  source: 'digest' | 'glossary' | 'pinyin' | 'pinyin-initials';
};

export type Correction = { term: string; distance: number; documentFrequency: number };

export type TermLookup = {
  /** Entries where the term occurs, with counts per field (prefix-inclusive for a word being typed). */
  termHits(term: MatchTerm, fields: readonly SearchField[]): TermHits;
  /** Entries containing this Latin word exactly, or undefined when the index cannot say. */
  latinFrequency(word: string): number | undefined;
  corrections(word: string): Correction[];
  aliases(unitText: string): AliasTarget[];
  /** Runs of two or more query words that together name something (`jensen huang` → 黄仁勋). */
  phraseAliases(foldedWords: string[]): { start: number; end: number; aliases: AliasTarget[] }[];
};

export type QueryNotice =
  /** No entry contains the word; it was left out (or the whole query matched nothing). */
  | { kind: 'dropped'; typed: string }
  /** No entry has every word; this one was left out so the others answer. */
  | { kind: 'notTogether'; typed: string }
  /** The word as typed is nowhere; results are for its correction. */
  | { kind: 'corrected'; typed: string; shown: string }
  /** Results also match another name for the word (shown only when a result used it). */
  | { kind: 'alias'; typed: string; shown: string };

export type QueryPlan = {
  units: PlannedUnit[];
  /** Units with no candidates at all (the no-result view names them when nothing is left). */
  unmatched: string[];
  notices: QueryNotice[];
};

const WEIGHT = {
  alias: 0.8,
  digestAlias: 0.7,
  pinyin: 0.75,
  pinyinInitials: 0.5,
  correction: 0.7,
  split: 0.6,
} as const;

/** Shorter Latin words are too ambiguous to correct (`ai`, `gpt`). */
const MIN_CORRECTABLE_LENGTH = 4;
/** A CJK run this long with nothing written as one piece is tried as words written without spaces. */
const MIN_SPLIT_LENGTH = 4;
/** Longest piece tried when splitting a run: longer words are rare, and a pasted sentence must stay cheap. */
const MAX_PIECE_LENGTH = 8;
/** Common function characters a run may hold between its words (`宝玉的提示词`). */
const CJK_PARTICLES = new Set(['的', '了', '和', '与', '及', '在', '是', '把', '被', '用', '对', '给', '跟', '或']);

const isCjkText = (text: string) => /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(text);

function formCandidates(form: PlannedForm, fields: readonly SearchField[], lookup: TermLookup): Int32Array {
  return intersectSorted(form.terms.map((term) => lookup.termHits(term, fields).ids));
}

/**
 * A run written without spaces, cut into the longest pieces the index knows, left to right
 * (`宝玉提示词` → 宝玉 + 提示词). Particles between pieces are skipped; any other single
 * character left over means the cut is a guess, so none is made.
 */
function splitRun(text: string, fields: readonly SearchField[], lookup: TermLookup): string[] | undefined {
  const chars = [...text];
  const pieces: string[] = [];
  let at = 0;
  while (at < chars.length) {
    let end = Math.min(chars.length, at + MAX_PIECE_LENGTH);
    while (
      end - at >= 2 &&
      lookup.termHits({ text: chars.slice(at, end).join(''), isCjk: true, allowsPrefix: false }, fields).ids.length === 0
    )
      end--;
    if (end - at >= 2) {
      pieces.push(chars.slice(at, end).join(''));
      at = end;
    } else if (CJK_PARTICLES.has(chars[at] as string)) {
      at++;
    } else {
      return undefined;
    }
  }
  return pieces.length >= 2 ? pieces : undefined;
}

/**
 * `a` subsumes `b` when `b` can only match where `a` does: `智能体` subsumes `AI 智能体` and
 * `宝玉` subsumes `宝玉老师`. Counting both would count one mention twice.
 */
function subsumes(a: PlannedForm, b: PlannedForm): boolean {
  const [only, ...more] = a.terms;
  if (only === undefined || more.length > 0 || a.weight < b.weight) return false;
  return b.terms.some((term) => (only.isCjk ? term.text.includes(only.text) : term.text === only.text));
}

function aliasForm(alias: AliasTarget): PlannedForm {
  const terms: MatchTerm[] =
    alias.words && alias.words.length > 1
      ? alias.words.map((word) => ({ text: word, isCjk: isCjkText(word), allowsPrefix: false }))
      : [{ text: alias.text, isCjk: isCjkText(alias.text), allowsPrefix: false }];
  const weight =
    alias.source === 'pinyin'
      ? WEIGHT.pinyin
      : alias.source === 'pinyin-initials'
        ? WEIGHT.pinyinInitials
        : alias.source === 'digest'
          ? WEIGHT.digestAlias
          : WEIGHT.alias;
  return { terms, weight, via: { kind: alias.source.startsWith('pinyin') ? 'pinyin' : 'alias', shown: alias.display } };
}

/**
 * Words that together name something become one unit: the words as typed (near each other) or
 * any other name for them. `jensen huang` → (jensen + huang) | 黄仁勋 | 老黄.
 */
function planPhrase(words: QueryUnit[], aliases: AliasTarget[], lookup: TermLookup): PlannedUnit {
  const typedForm: PlannedForm = {
    terms: words.map((word) => ({ text: word.text, isCjk: word.isCjk, allowsPrefix: word.allowsPrefix })),
    weight: 1,
  };
  const forms: PlannedForm[] = [];
  const reached: Int32Array[] = [];
  for (const form of [typedForm, ...aliases.map(aliasForm)]) {
    const candidates = formCandidates(form, SEARCH_FIELDS, lookup);
    if (candidates.length === 0) continue;
    forms.push(form);
    reached.push(candidates);
  }
  return { typed: words.map((word) => word.typed).join(' '), isAuthorOnly: false, forms, candidates: unionSorted(reached) };
}

/** Query units with multi-word names merged into one unit each (longest run first). */
function groupPhrases(units: QueryUnit[], lookup: TermLookup): (QueryUnit | { words: QueryUnit[]; aliases: AliasTarget[] })[] {
  const eligible = units.map((unit) => !unit.isAuthorOnly);
  const spans = lookup
    .phraseAliases(units.map((unit) => unit.text))
    .filter(({ start, end, aliases }) => aliases.length > 0 && end - start >= 2 && eligible.slice(start, end).every(Boolean))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Array<boolean>(units.length).fill(false);
  const chosen = new Map<number, { end: number; aliases: AliasTarget[] }>();
  for (const span of spans) {
    if (taken.slice(span.start, span.end).some(Boolean)) continue;
    taken.fill(true, span.start, span.end);
    chosen.set(span.start, span);
  }
  const grouped: (QueryUnit | { words: QueryUnit[]; aliases: AliasTarget[] })[] = [];
  for (let i = 0; i < units.length; i++) {
    const span = chosen.get(i);
    if (span !== undefined) {
      grouped.push({ words: units.slice(i, span.end), aliases: span.aliases });
      i = span.end - 1;
    } else {
      grouped.push(units[i] as QueryUnit);
    }
  }
  return grouped;
}

function planUnit(unit: QueryUnit, lookup: TermLookup): { planned: PlannedUnit; correction?: string } {
  const fields: readonly SearchField[] = unit.isAuthorOnly ? ['author'] : SEARCH_FIELDS;
  const forms: { form: PlannedForm; candidates: Int32Array }[] = [];
  const add = (form: PlannedForm) => {
    const candidates = formCandidates(form, fields, lookup);
    if (candidates.length > 0) forms.push({ form, candidates });
  };

  const exactFrequency = unit.isCjk ? undefined : lookup.latinFrequency(unit.text);
  const typedTerm: MatchTerm = { text: unit.text, isCjk: unit.isCjk, allowsPrefix: unit.allowsPrefix };
  if (unit.allowsPrefix && unit.text.length <= SHORT_WORD_LENGTH && exactFrequency !== undefined && exactFrequency > 0)
    typedTerm.maxPrefixExtension = FINISHED_WORD_PREFIX_EXTENSION;
  // A Latin word that is not being typed must be present as a word, not only as a prefix.
  if (unit.allowsPrefix || exactFrequency !== 0) add({ terms: [typedTerm], weight: 1 });
  const typedFound = forms.length > 0;

  let correction: string | undefined;
  if (!unit.isAuthorOnly) {
    for (const alias of lookup.aliases(unit.text)) {
      // Two-letter initials collide with English words: only when the word is nowhere as typed.
      if (alias.source === 'pinyin-initials' && typedFound) continue;
      add(aliasForm(alias));
    }
    if (unit.isCjk && [...unit.text].length >= MIN_SPLIT_LENGTH) {
      const pieces = splitRun(unit.text, fields, lookup);
      if (pieces !== undefined) {
        add({
          terms: pieces.map((text) => ({ text, isCjk: true, allowsPrefix: false })),
          weight: WEIGHT.split,
          via: { kind: 'split', shown: pieces.join(' ') },
        });
      }
    }
    if (!unit.isCjk && !typedFound && forms.length === 0 && unit.text.length >= MIN_CORRECTABLE_LENGTH && /\p{L}/u.test(unit.text)) {
      const [best] = lookup.corrections(unit.text);
      if (best !== undefined) {
        correction = best.term;
        add({
          terms: [{ text: best.term, isCjk: false, allowsPrefix: unit.allowsPrefix }],
          weight: WEIGHT.correction,
          via: { kind: 'correction', shown: best.term },
        });
      }
    }
  }
  const kept = forms.filter(({ form }) => !forms.some((other) => other.form !== form && subsumes(other.form, form)));
  forms.splice(0, forms.length, ...kept);
  const candidates = unionSorted(forms.map(({ candidates: reached }) => reached));
  const planned: PlannedUnit = { typed: unit.typed, isAuthorOnly: unit.isAuthorOnly, forms: forms.map(({ form }) => form), candidates };
  return correction === undefined || candidates.length === 0 ? { planned } : { planned, correction };
}

/** Entry ordinals every unit reaches, ascending. */
export function intersectUnits(units: PlannedUnit[]): Int32Array {
  return intersectSorted(units.map((unit) => unit.candidates));
}

export function planQuery(parsed: ParsedQuery, lookup: TermLookup): QueryPlan {
  const notices: QueryNotice[] = [];
  const unmatched: string[] = [];
  let units: PlannedUnit[] = [];
  for (const unit of groupPhrases(parsed.units, lookup)) {
    const { planned, correction } = 'words' in unit ? { planned: planPhrase(unit.words, unit.aliases, lookup) } : planUnit(unit, lookup);
    if (planned.candidates.length === 0) {
      unmatched.push(planned.typed);
      continue;
    }
    if (correction !== undefined) notices.push({ kind: 'corrected', typed: planned.typed, shown: correction });
    units.push(planned);
  }
  if (units.length === 0) return { units, unmatched, notices };
  for (const typed of unmatched) notices.push({ kind: 'dropped', typed });
  // No entry has every word: leave out the most common word until some do. The rare words
  // are what the query is about.
  while (units.length > 1 && intersectUnits(units).length === 0) {
    const mostCommon = units.reduce((a, b) => (b.candidates.length > a.candidates.length ? b : a));
    notices.push({ kind: 'notTogether', typed: mostCommon.typed });
    units = units.filter((unit) => unit !== mostCommon);
  }
  return { units, unmatched, notices };
}
