// Splits folded text into index terms. Pure. Latin words stay whole (`gpt-4o` → `gpt4o`, plus
// its parts), CJK runs become overlapping bigrams, so `长文本`
// matches `长文本` but not `长期…文本`. Everything else separates terms.
// A model name and its version give the same terms however they are written (`GPT 3.5`, `GPT-3.5`,
// `gpt3.5` → `gpt35`, `gpt`, `35`, `3`, `5`), because a query unit is one joined word.

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

/**
 * Overlapping bigrams of a CJK run; a one-character run is itself. A query of one character
 * finds the bigrams that hold it through the index's bigram list (see search-index.ts).
 */
function cjkTerms(run: string, offset: number, out: Token[]): void {
  const chars = [...run];
  if (chars.length === 1) {
    out.push({ term: run, start: offset, end: offset + run.length, isCjk: true });
    return;
  }
  let pos = offset;
  for (let i = 0; i + 1 < chars.length; i++) {
    const char = chars[i] as string;
    const next = chars[i + 1] as string;
    out.push({ term: char + next, start: pos, end: pos + char.length + next.length, isCjk: true });
    pos += char.length;
  }
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
const isAsciiLetter = (code: number) => code >= 0x61 && code <= 0x7a;

/** A version after a name: 1–4 digits and at most two letters (`3`, `4o`, `7b`, `175b`, `4090`), not a hash. */
function isVersionLike(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 5 && isDigit(text.charCodeAt(i))) i++;
  const digits = i - start;
  if (digits === 0 || digits > 4) return false;
  while (i < end && isAsciiLetter(text.charCodeAt(i))) i++;
  return i === end && end - start - digits <= 2;
}

/** Piece of a Latin word: split at joiners, and between a name and its version (`qwen2` → `qwen`, `2`). */
type Piece = {
  text: string;
  start: number;
  end: number;
  startsWithDigit: boolean;
  isName: boolean;
  /** Written right after a `.`: `5` in `3.5`. */
  followsDot: boolean;
};

type LatinWord = {
  start: number;
  end: number;
  /** Joiners removed, look-alike zeros read as letters (`gr00t` → `groot`). */
  joined: string;
  /** The joined word as written, when it differs from `joined`. */
  writtenJoined: string | undefined;
  pieces: Piece[];
};

/**
 * The digest writes NVIDIA's GR00T both with zeros and as `Groot`: zeros between letters, in a
 * part with no other digit, read as `o`. Same length, so positions stay exact.
 */
function readZerosAsLetters(word: string): string {
  if (!word.includes('0')) return word;
  return word
    .split(/([-_.'+])/)
    .map((part) => (/[1-9]/.test(part) ? part : part.replace(/(?<=[^\d])0+(?=[^\d])/g, (zeros) => 'o'.repeat(zeros.length))))
    .join('');
}

function pushPiece(pieces: Piece[], text: string, start: number, end: number): void {
  const startsWithDigit = isDigit(text.charCodeAt(start));
  const piece = text.slice(start, end);
  const isName = !startsWithDigit && end - start >= 2 && !/\d/.test(piece);
  pieces.push({ text: piece, start, end, startsWithDigit, isName, followsDot: text.charCodeAt(start - 1) === 0x2e });
}

/** Pieces of `word` (positions relative to it); a name directly followed by a version is two pieces. */
function splitPieces(word: string): Piece[] {
  const pieces: Piece[] = [];
  let partStart = 0;
  for (let i = 0; i <= word.length; i++) {
    if (i < word.length && !JOINER_CODES.has(word.charCodeAt(i))) continue;
    if (i > partStart) {
      let nameEnd = partStart;
      while (nameEnd < i && !isDigit(word.charCodeAt(nameEnd))) nameEnd++;
      if (nameEnd - partStart >= 2 && nameEnd < i && isVersionLike(word, nameEnd, i)) {
        pushPiece(pieces, word, partStart, nameEnd);
        pushPiece(pieces, word, nameEnd, i);
      } else pushPiece(pieces, word, partStart, i);
    }
    partStart = i + 1;
  }
  return pieces;
}

function hasJoinerOrDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (isDigit(code) || JOINER_CODES.has(code)) return true;
  }
  return false;
}

function readLatinWord(folded: string, start: number, end: number): LatinWord {
  const written = folded.slice(start, end);
  if (!hasJoinerOrDigit(written)) {
    return {
      start,
      end,
      joined: written,
      writtenJoined: undefined,
      pieces: [{ text: written, start: 0, end: written.length, startsWithDigit: false, isName: written.length >= 2, followsDot: false }],
    };
  }
  const canonical = readZerosAsLetters(written);
  const pieces = splitPieces(canonical);
  let joined = '';
  for (const piece of pieces) joined += piece.text;
  const writtenJoined = canonical === written ? undefined : written.replace(/[-_.'+]/g, '');
  return { start, end, joined, writtenJoined, pieces };
}

const isSingleDigit = (piece: Piece) => piece.end - piece.start === 1 && piece.startsWithDigit;

/**
 * Index of the last piece of the version starting at `first`: digit-led pieces after a dot
 * (`3.5`), or single digits (`claude-3-5`), but not a size or a date (`3.1-8b`, `2024-03-01`).
 */
function versionEnd(pieces: Piece[], first: number): number {
  let last = first;
  for (let next = pieces[last + 1]; next?.startsWithDigit; next = pieces[last + 1]) {
    if (!next.followsDot && !(isSingleDigit(next) && isSingleDigit(pieces[last] as Piece))) break;
    last++;
  }
  return last;
}

function joinPieces(pieces: Piece[], from: number, to: number): string {
  let text = '';
  for (let k = from; k <= to; k++) text += (pieces[k] as Piece).text;
  return text;
}

/**
 * The joined word first (a query unit is the first term of its word), then, when the word has
 * several pieces: each piece, each multi-piece version (`3.5` → `35`), and each name with its
 * version (`gpt-3.5-turbo` → `gpt35`).
 */
function wordTerms(word: LatinWord, out: Token[]): void {
  const { start, end, pieces } = word;
  out.push({ term: word.joined, start, end, isCjk: false });
  if (word.writtenJoined !== undefined) out.push({ term: word.writtenJoined, start, end, isCjk: false });
  if (pieces.length < 2) return;
  for (const piece of pieces) out.push({ term: piece.text, start: start + piece.start, end: start + piece.end, isCjk: false });
  for (let k = 0; k < pieces.length; k++) {
    if (!(pieces[k] as Piece).startsWithDigit) continue;
    const last = versionEnd(pieces, k);
    const isWholeWord = (from: number) => from === 0 && last === pieces.length - 1;
    const version = joinPieces(pieces, k, last);
    if (last > k && !isWholeWord(k)) {
      out.push({ term: version, start: start + (pieces[k] as Piece).start, end: start + (pieces[last] as Piece).end, isCjk: false });
    }
    const name = pieces[k - 1];
    if (name?.isName && !isWholeWord(k - 1)) {
      out.push({ term: name.text + version, start: start + name.start, end: start + (pieces[last] as Piece).end, isCjk: false });
    }
    k = last;
  }
}

/**
 * `GPT 3.5` also gives what `GPT-3.5` gives beyond its parts: the joined `gpt35`, and the name
 * with its version when the words have more pieces (`open-sora 1.0` → `opensora10`, `sora10`).
 */
function bridgeTerms(name: LatinWord, version: LatinWord, out: Token[]): void {
  const joined = name.joined + version.joined;
  out.push({ term: joined, start: name.start, end: version.end, isCjk: false });
  const last = versionEnd(version.pieces, 0);
  const namePiece = name.pieces[name.pieces.length - 1] as Piece;
  const nameWithVersion = namePiece.text + joinPieces(version.pieces, 0, last);
  if (nameWithVersion !== joined) {
    const end = version.start + (version.pieces[last] as Piece).end;
    out.push({ term: nameWithVersion, start: name.start + namePiece.start, end, isCjk: false });
  }
}

/** A word ending in a name, then one space, then a version: `GPT 3.5`, `Claude 3`, `RTX 4090`. */
function isNameBeforeVersion(folded: string, name: LatinWord, versionStart: number): boolean {
  if (folded.charCodeAt(name.end) !== 0x20 || !isDigit(folded.charCodeAt(versionStart))) return false;
  return (name.pieces[name.pieces.length - 1] as Piece).isName;
}

/** End of the Latin word starting at `i`: word characters and single joiners between them. */
function latinWordEnd(folded: string, i: number): number {
  const length = folded.length;
  while (i < length) {
    if (classAt(folded, i) === CharClass.Word) i += charLength(folded, i);
    else if (JOINER_CODES.has(folded.charCodeAt(i)) && i + 1 < length && classAt(folded, i + 1) === CharClass.Word) i += 1;
    else break;
  }
  return i;
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
      i = latinWordEnd(folded, i);
      const word = readLatinWord(folded, start, i);
      wordTerms(word, out);
      if (isNameBeforeVersion(folded, word, i + 1)) {
        const version = readLatinWord(folded, i + 1, latinWordEnd(folded, i + 1));
        const firstPiece = version.pieces[0] as Piece;
        if (isVersionLike(folded, version.start, version.start + firstPiece.end)) {
          bridgeTerms(word, version, out);
          wordTerms(version, out);
          i = version.end;
        }
        // Otherwise (`seen 1764958890`) the number is read again as a word of its own.
      }
    } else {
      i += charLength(folded, i);
    }
  }
  return out;
}

/** Whether a term (as `tokenize` made it) is a CJK bigram or character rather than a Latin word. */
export function isCjkTerm(term: string): boolean {
  return term.length > 0 && classAt(term, 0) === CharClass.Cjk;
}

/** Just the terms, for FlexSearch's encoder. */
export function terms(folded: string): string[] {
  return tokenize(folded).map((token) => token.term);
}
