// Fits what the user typed into the search's length limit. Pure, and imports no search code, so
// the popup can clip before it asks (the protocol refuses longer queries from any sender).

import { MAX_QUERY_LENGTH } from './limits';

export type ClippedQuery = {
  /** At most MAX_QUERY_LENGTH UTF-16 units: what is searched. */
  query: string;
  /** True when `query` is only the start of what was typed. */
  isClipped: boolean;
};

/** A letter, digit or mark of a script that separates words with spaces (not Han or kana). */
const WORD_CHARACTER = /^(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}]$/u;
const MARK = /^\p{M}$/u;

/** Characters that belong to the one before them: marks, the joiner, variation selectors, skin tones, tags. */
function isContinuation(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (
    MARK.test(character) ||
    code === 0x200d ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0x1f3fb && code <= 0x1f3ff) ||
    (code >= 0xe0020 && code <= 0xe007f)
  );
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const isPairAt = (text: string, index: number) => isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1));

/** The code point that starts at `index` (a whole pair, if one starts there). */
function characterAt(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index) ?? 0);
}

/** Where the code point that ends just before `index` starts. */
function previousStart(text: string, index: number): number {
  return index >= 2 && isPairAt(text, index - 2) ? index - 2 : index - 1;
}

function characterBefore(text: string, index: number): string {
  return text.slice(previousStart(text, index), index);
}

/** A word that started further back than this is cut between characters instead (a pasted URL). */
const MAX_WORD_BACKOFF = 40;

/**
 * The first MAX_QUERY_LENGTH units of `typed`: never cut inside a surrogate pair, an emoji
 * sequence or a letter and its accents, and between words where the last word began within
 * MAX_WORD_BACKOFF units (Chinese and Japanese are cut between any two characters).
 */
export function clipQuery(typed: string, maxLength: number = MAX_QUERY_LENGTH): ClippedQuery {
  if (typed.length <= maxLength) return { query: typed, isClipped: false };
  const unitCut = isPairAt(typed, maxLength - 1) ? maxLength - 1 : maxLength;
  // Back off to the start of the character (cluster) the limit falls in; one cluster longer than
  // the limit is cut between its code points rather than not searched at all.
  let end = unitCut;
  while (end > 0 && (isContinuation(characterAt(typed, end)) || characterBefore(typed, end) === '\u200d')) {
    end = previousStart(typed, end);
  }
  if (end === 0) end = unitCut;
  // Inside a word: search the words before it, not the first letters of this one.
  if (WORD_CHARACTER.test(characterAt(typed, end)) && WORD_CHARACTER.test(characterBefore(typed, end))) {
    let start = end;
    while (start > 0 && end - start <= MAX_WORD_BACKOFF && WORD_CHARACTER.test(characterBefore(typed, start))) {
      start = previousStart(typed, start);
    }
    if (start > 0 && end - start <= MAX_WORD_BACKOFF) end = start;
  }
  return { query: typed.slice(0, end), isClipped: true };
}
