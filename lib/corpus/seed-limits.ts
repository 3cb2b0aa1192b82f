// The bounds a seed must stay within, stated once: decoding checks lines, parsing checks entries.
// They exist so that no accepted seed can make the build, the reader or a page card slow; each
// sits well above what the real seed needs (`test/bench/render-bench.ts` renders entries at them).

/**
 * Longest line, in UTF-16 code units (what `String.length` counts). The real seed's longest is
 * 1,185; a 200,000-character line took ~15 s of layout in the reader. 5,000 is 4× headroom; an
 * entry of ten such lines renders in tens of milliseconds (see `test/bench/render-bench.ts`).
 */
export const MAX_LINE_LENGTH = 5_000;

/**
 * Longest entry, heading excluded, counting each line plus its line break. The real seed's
 * longest is ~8,900 (entry 48); 50,000 is 5× headroom.
 */
export const MAX_ENTRY_LENGTH = 50_000;

/**
 * Most lines in an entry, blank ones included. Each line can become a block (a paragraph, list,
 * quote, heading) and so elements to create and lay out: 50,000 characters as 16,000 one-word
 * paragraphs would cost the reader far more than the same text in long lines. The real seed's
 * most is 167 (entry 41); 1,000 is 6× headroom.
 */
export const MAX_ENTRY_LINES = 1_000;

/**
 * Most URLs written in an entry, repeats included. Each becomes a link element (and a distinct
 * one a row in the entry's link list, a key the page matcher indexes and perhaps a host in the
 * manifest's match patterns); the line limit alone would allow 4,000. The real seed's most is 6;
 * 200 is 33× headroom.
 */
export const MAX_ENTRY_URLS = 200;
