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

/** Folded text only (queries, index input). */
export function foldText(text: string): string {
  let out = '';
  for (const char of text) out += char.charCodeAt(0) < 0x80 ? char.toLowerCase() : foldCodePoint(char);
  return out;
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
