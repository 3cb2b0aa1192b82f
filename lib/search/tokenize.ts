// Splits folded text into index terms. Pure. Latin words stay whole (`gpt-4o` → `gpt4o`, plus
// its parts), CJK runs become overlapping bigrams plus the run's last character, so `长文本`
// matches `长文本` but not `长期…文本`. Everything else separates terms.

export type Token = {
  term: string;
  /** Range in the folded text the term came from. */
  start: number;
  end: number;
  isCjk: boolean;
};

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;
const JOINERS = new Set(['-', '_', '.', "'", '+']);

const enum CharClass {
  Other,
  Word,
  Cjk,
}

/** Classes of BMP characters seen so far, stored as class + 1 (0 = not yet classified). */
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<string, CharClass>();

function classifyChar(char: string): CharClass {
  return CJK.test(char) ? CharClass.Cjk : WORD.test(char) ? CharClass.Word : CharClass.Other;
}
const JOINER_CODES = new Set([...JOINERS].map((c) => c.charCodeAt(0)));

function isAsciiWord(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
}

/** Class of the character starting at `i`. Hot: ASCII is decided without a lookup. */
function classAt(text: string, i: number): CharClass {
  const code = text.charCodeAt(i);
  if (code < 0x80) return isAsciiWord(code) ? CharClass.Word : CharClass.Other;
  if (code >= 0xd800 && code <= 0xdbff) {
    const char = text.slice(i, i + 2);
    let cls = astralClasses.get(char);
    if (cls === undefined) {
      cls = classifyChar(char);
      astralClasses.set(char, cls);
    }
    return cls;
  }
  const known = bmpClasses[code] as number;
  if (known !== 0) return known - 1;
  const cls = classifyChar(text[i] as string);
  bmpClasses[code] = cls + 1;
  return cls;
}

function charLength(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff ? 2 : 1;
}

/** Bigrams of a CJK run plus its last character (a one-character run is itself). */
function cjkTerms(run: string, offset: number, out: Token[]): void {
  const chars = [...run];
  let pos = offset;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    const next = chars[i + 1];
    if (next !== undefined) out.push({ term: char + next, start: pos, end: pos + char.length + next.length, isCjk: true });
    else out.push({ term: char, start: pos, end: pos + char.length, isCjk: true });
    pos += char.length;
  }
}

function wordTerms(word: string, offset: number, out: Token[]): void {
  const parts = word.split(/[-_.'+]/).filter((p) => p !== '');
  const joined = parts.join('');
  out.push({ term: joined, start: offset, end: offset + word.length, isCjk: false });
  if (parts.length < 2) return;
  let pos = offset;
  for (const part of word.split(/([-_.'+])/)) {
    if (part !== '' && !JOINERS.has(part)) out.push({ term: part, start: pos, end: pos + part.length, isCjk: false });
    pos += part.length;
  }
}

/**
 * Terms of already-folded text, with positions. `latinOnly` skips CJK runs: ranking finds those
 * with indexOf, and bigrams are most of the cost. Budget: ~1 ms per 10k characters.
 */
export function tokenize(folded: string, latinOnly = false): Token[] {
  const out: Token[] = [];
  const length = folded.length;
  let i = 0;
  while (i < length) {
    const cls = classAt(folded, i);
    const start = i;
    if (cls === CharClass.Cjk) {
      while (i < length && classAt(folded, i) === CharClass.Cjk) i += charLength(folded, i);
      if (!latinOnly) cjkTerms(folded.slice(start, i), start, out);
    } else if (cls === CharClass.Word) {
      while (i < length) {
        if (classAt(folded, i) === CharClass.Word) i += charLength(folded, i);
        else if (JOINER_CODES.has(folded.charCodeAt(i)) && i + 1 < length && classAt(folded, i + 1) === CharClass.Word) i += 1;
        else break;
      }
      wordTerms(folded.slice(start, i), start, out);
    } else {
      i += charLength(folded, i);
    }
  }
  return out;
}

/** Just the terms, for FlexSearch's encoder. */
export function terms(folded: string): string[] {
  return tokenize(folded).map((token) => token.term);
}
