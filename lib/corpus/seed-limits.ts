// The bounds a seed must stay within, stated once: decoding checks lines, parsing checks entries.
// They exist so that no accepted seed can make the build, the reader or a page card slow.

/**
 * Longest line, in UTF-16 code units (what `String.length` counts). The real seed's longest is
 * 1,185; a 200,000-character line took ~15 s of layout in the reader. 5,000 is 4× headroom and
 * still renders in a few milliseconds (see `test/bench/render-bench.ts`).
 */
export const MAX_LINE_LENGTH = 5_000;

/**
 * Longest entry, heading excluded, counting each line plus its line break. The real seed's
 * longest is ~8,900 (entry 48); 50,000 is 5× headroom, about ten screens of text.
 */
export const MAX_ENTRY_LENGTH = 50_000;
