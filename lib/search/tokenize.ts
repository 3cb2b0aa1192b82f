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

const charClasses = new Map<string, CharClass>();

function classify(char: string): CharClass {
  let cls = charClasses.get(char);
  if (cls === undefined) {
    cls = CJK.test(char) ? CharClass.Cjk : WORD.test(char) ? CharClass.Word : CharClass.Other;
    charClasses.set(char, cls);
  }
  return cls;
}

function isCjk(char: string): boolean {
  return classify(char) === CharClass.Cjk;
}

function isWordChar(char: string): boolean {
  return classify(char) === CharClass.Word;
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

/** Terms of already-folded text, with positions. */
export function tokenize(folded: string): Token[] {
  const out: Token[] = [];
  const chars = [...folded];
  let pos = 0;
  let i = 0;
  while (i < chars.length) {
    const char = chars[i] as string;
    if (isCjk(char)) {
      const start = pos;
      let run = '';
      while (i < chars.length && isCjk(chars[i] as string)) {
        run += chars[i];
        pos += (chars[i] as string).length;
        i++;
      }
      cjkTerms(run, start, out);
    } else if (isWordChar(char)) {
      const start = pos;
      let word = '';
      while (i < chars.length) {
        const c = chars[i] as string;
        const next = chars[i + 1];
        const joins = JOINERS.has(c) && next !== undefined && isWordChar(next) && word !== '';
        if (!isWordChar(c) && !joins) break;
        word += c;
        pos += c.length;
        i++;
      }
      wordTerms(word, start, out);
    } else {
      pos += char.length;
      i++;
    }
  }
  return out;
}

/** Just the terms, for FlexSearch's encoder. */
export function terms(folded: string): string[] {
  return tokenize(folded).map((token) => token.term);
}
