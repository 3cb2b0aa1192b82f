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
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of text) {
    const folded = char.charCodeAt(0) < 0x80 ? char.toLowerCase() : foldCodePoint(char);
    for (let k = 0; k < folded.length; k++) {
      starts.push(index);
      ends.push(index + char.length);
    }
    out += folded;
    index += char.length;
  }
  return { text: out, starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}

/** Maps a [start, end) range in folded text back to the original. */
export function originalRange(folded: FoldedText, start: number, end: number): [number, number] {
  const from = folded.starts[start] ?? 0;
  const to = folded.ends[end - 1] ?? from;
  return [from, to];
}
