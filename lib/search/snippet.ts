// Builds highlighted snippets for results. Pure. FlexSearch's own highlighter works on its
// tokens and mangles Chinese; ours maps folded-text matches back to the original characters.

import { foldTextWithMap, originalRange, type FoldedText } from './fold';
import type { Range } from './rank';

/** Text plus the [start, end) ranges of it to highlight. */
export type Highlighted = { text: string; highlights: Range[] };

export type Snippet = Highlighted & { isCutStart: boolean; isCutEnd: boolean };

const SNIPPET_LENGTH = 120;
const LEAD_IN = 24;

/** The field a snippet is cut from: its original text. Ranges are in folded coordinates. */
type SourceText = { text: string; foldedWithMap?: FoldedText };

/** Folded ranges → sorted, merged ranges in the original text (folds again, with the map). */
export function toOriginalRanges(field: SourceText, ranges: Range[]): Range[] {
  if (ranges.length === 0) return [];
  const folded = field.foldedWithMap ?? foldTextWithMap(field.text);
  const mapped = ranges
    .filter(([start, end]) => end > start)
    .map(([start, end]) => originalRange(folded, start, end))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const range of mapped) {
    const last = merged.at(-1);
    if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

export function highlightField(field: SourceText, ranges: Range[]): Highlighted {
  return { text: field.text, highlights: toOriginalRanges(field, ranges) };
}

/** Avoids cutting a surrogate pair in half. */
function snapToCodePoint(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}

/**
 * A window of the field around the densest cluster of matches; without matches, the start of
 * the field after `skipFirstLine` (the title is shown separately).
 */
export function buildSnippet(field: SourceText, ranges: Range[], skipFirstLine = false): Snippet {
  const text = field.text;
  const highlights = toOriginalRanges(field, ranges);
  let start = 0;
  if (highlights.length > 0) {
    let bestCount = -1;
    for (const [candidate] of highlights.slice(0, 50)) {
      const count = highlights.filter(([s, e]) => s >= candidate && e <= candidate + SNIPPET_LENGTH - LEAD_IN).length;
      if (count > bestCount) {
        bestCount = count;
        start = candidate;
      }
    }
    start = Math.max(0, start - LEAD_IN);
  } else if (skipFirstLine) {
    const newline = text.indexOf('\n');
    start = newline === -1 ? text.length : newline + 1;
    // Skip blank lines and block markers (`> `, `* `, `# `): the snippet starts at words.
    while (start < text.length && /[\s>*#-]/.test(text[start] as string)) start++;
  }
  start = snapToCodePoint(text, start);
  const end = snapToCodePoint(text, Math.min(text.length, start + SNIPPET_LENGTH));
  return {
    // Newlines become spaces one for one, so highlight offsets stay valid.
    text: text.slice(start, end).replace(/[\r\n\t]/g, ' '),
    highlights: highlights.filter(([s, e]) => e > start && s < end).map(([s, e]) => [Math.max(s, start) - start, Math.min(e, end) - start]),
    // Without matches the snippet starts at a line, not mid-sentence.
    isCutStart: highlights.length > 0 && start > 0,
    isCutEnd: end < text.length,
  };
}
