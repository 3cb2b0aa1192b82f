// Folds text for matching: NFKC (full-width → ASCII), lowercase, traditional → simplified.
// Pure. Keeps a map from every folded UTF-16 unit back to the original text, so highlights
// computed on folded text land on the right characters of what the user reads.

import tsCharacters from 'opencc-js/dict/TSCharacters';

/** Traditional → simplified, single code point to single code point only (OpenCC's TSCharacters). */
function buildTraditionalMap(table: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of table.split('|')) {
    const [from, to] = pair.split(' ');
    if (from === undefined || to === undefined) continue;
    if ([...from].length === 1 && [...to].length === 1) map.set(from, to);
  }
  return map;
}

const TRADITIONAL_TO_SIMPLIFIED = buildTraditionalMap(tsCharacters);

export type FoldedText = {
  text: string;
  /** For each UTF-16 unit of `text`, the index in the original where its source character starts. */
  starts: Uint32Array;
  /** For each UTF-16 unit of `text`, the index in the original just after its source character. */
  ends: Uint32Array;
};

const foldedCodePoints = new Map<string, string>();

function foldCodePoint(char: string): string {
  const cached = foldedCodePoints.get(char);
  if (cached !== undefined) return cached;
  // Per code point, so a character's fold never bleeds into its neighbours' offsets.
  const normalized = char.normalize('NFKC').toLowerCase();
  let out = '';
  for (const c of normalized.length === 0 ? char : normalized) out += TRADITIONAL_TO_SIMPLIFIED.get(c) ?? c;
  foldedCodePoints.set(char, out);
  return out;
}

/** BMP characters that fold to themselves: 1 = unchanged, 2 = changes, 0 = not yet known. */
const bmpUnchanged = new Uint8Array(0x10000);

function isUnchangedBmp(code: number, char: string): boolean {
  let known = bmpUnchanged[code] as number;
  if (known === 0) {
    known = foldCodePoint(char) === char ? 1 : 2;
    bmpUnchanged[code] = known;
  }
  return known === 1;
}

/**
 * Folded text only (queries, index input, ranking). Hot: copies runs of characters that fold to
 * themselves (most Chinese text) in one slice. Same result as foldTextWithMap(text).text.
 */
export function foldText(text: string): string {
  let out = '';
  let runStart = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const isSurrogate = code >= 0xd800 && code <= 0xdbff;
    if (!isSurrogate && ((code < 0x80 && !(code >= 0x41 && code <= 0x5a)) || (code >= 0x80 && isUnchangedBmp(code, text[i] as string)))) {
      i++;
      continue;
    }
    const char = isSurrogate ? text.slice(i, i + 2) : (text[i] as string);
    const folded = code < 0x80 ? char.toLowerCase() : foldCodePoint(char);
    if (folded !== char) {
      out += text.slice(runStart, i) + folded;
      runStart = i + char.length;
    }
    i += char.length;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

/** Folded text with offsets back to `text` (snippets and highlights). */
export function foldTextWithMap(text: string): FoldedText {
  // Most characters fold to themselves (CJK, lowercase ASCII): those map one to one and are
  // copied in runs; only the others take the per-character path. Same result as the plain loop
  // in the tests, ~8× faster on the digest's text.
  let starts = new Uint32Array(text.length + 16);
  let ends = new Uint32Array(text.length + 16);
  let length = 0;
  let out = '';
  let runStart = 0;
  const push = (start: number, end: number, units: number) => {
    if (length + units > starts.length) {
      const grown = Math.max(starts.length * 2, length + units);
      const moreStarts = new Uint32Array(grown);
      const moreEnds = new Uint32Array(grown);
      moreStarts.set(starts.subarray(0, length));
      moreEnds.set(ends.subarray(0, length));
      starts = moreStarts;
      ends = moreEnds;
    }
    for (let k = 0; k < units; k++) {
      starts[length] = start;
      ends[length] = end;
      length++;
    }
  };
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    // A pair only when a low surrogate follows: a lone one is a character of its own, as in `for…of`.
    const next = text.charCodeAt(i + 1);
    const isSurrogate = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    if (!isSurrogate && ((code < 0x80 && !(code >= 0x41 && code <= 0x5a)) || (code >= 0x80 && isUnchangedBmp(code, text[i] as string)))) {
      push(i, i + 1, 1);
      i++;
      continue;
    }
    const char = isSurrogate ? text.slice(i, i + 2) : (text[i] as string);
    const folded = code < 0x80 ? char.toLowerCase() : foldCodePoint(char);
    out += text.slice(runStart, i) + folded;
    push(i, i + char.length, folded.length);
    i += char.length;
    runStart = i;
  }
  out = runStart === 0 ? text : out + text.slice(runStart);
  return { text: out, starts: starts.slice(0, length), ends: ends.slice(0, length) };
}

/** Maps a [start, end) range in folded text back to the original. */
export function originalRange(folded: FoldedText, start: number, end: number): [number, number] {
  const from = folded.starts[start] ?? 0;
  const to = folded.ends[end - 1] ?? from;
  return [from, to];
}
