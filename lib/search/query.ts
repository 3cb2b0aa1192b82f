// Turns what the user typed into query units: each Latin word and each CJK run is one unit.
// Units are what relaxation drops and what aliases and corrections replace. Pure.

import { foldText } from './fold';
import { clipQuery } from './clip-query';
import { tokenize } from './tokenize';

export type QueryUnit = {
  /** Folded unit text: a Latin word without joiners (`gpt4o`) or a CJK run (`长文本`). */
  text: string;
  /** The unit as the user wrote it (`GPT-4o`, `長文本`), for notices. */
  typed: string;
  isCjk: boolean;
  /** `@dotey`: match the author field only. */
  isAuthorOnly: boolean;
  /** The last word of a query still being typed: it may match as a prefix (`comf` → ComfyUI). */
  allowsPrefix: boolean;
};

export type ParsedQuery = {
  units: QueryUnit[];
  /** The folded query with whitespace collapsed, for the phrase bonus. */
  phrase: string;
};

type PlacedUnit = QueryUnit & { start: number; end: number };

/**
 * Joins a name and the version typed after it (`Claude 3`, `GPT 3.5`) into one unit, as the
 * tokenizer joins them in entries: the digest writes `Claude 3`, `Claude-3` and `claude3` alike,
 * and `claude 4` must not mean "claude, and a 4 anywhere".
 */
function joinNameAndVersion(units: PlacedUnit[], folded: string, typedOf: (start: number, end: number) => string): PlacedUnit[] {
  const bridges = tokenize(folded, true).filter((token) => /\s/.test(folded.slice(token.start, token.end)));
  if (bridges.length === 0) return units;
  const out: PlacedUnit[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as PlacedUnit;
    const next = units[i + 1];
    const bridge = bridges.find((token) => token.start === unit.start && next !== undefined && token.end === next.end);
    if (bridge === undefined || next === undefined || unit.isCjk || next.isCjk || unit.isAuthorOnly || next.isAuthorOnly) {
      out.push(unit);
      continue;
    }
    out.push({ ...unit, text: bridge.term, typed: typedOf(bridge.start, bridge.end), end: bridge.end });
    i++;
  }
  return out;
}

export function parseQuery(raw: string): ParsedQuery {
  // The UI clips before it asks; this keeps the search's cost bounded for any caller.
  const capped = clipQuery(raw).query;
  const folded = foldText(capped);
  // Folding is per code point and keeps the length of ASCII and CJK, so when lengths agree a
  // folded range is also the typed range; otherwise the folded text stands in for it.
  const typedOf = (start: number, end: number) => (folded.length === capped.length ? capped.slice(start, end) : folded.slice(start, end));
  const units: PlacedUnit[] = [];
  const seen = new Set<string>();
  for (const match of folded.matchAll(/\S+/g)) {
    const word = match[0];
    const offset = match.index;
    const isAuthorOnly = word.startsWith('@');
    let runEnd = -1;
    let wordEnd = -1;
    let cjkStart = -1;
    const push = (start: number, end: number, text: string, isCjk: boolean) => {
      const key = `${isAuthorOnly}:${text}`;
      if (text === '' || seen.has(key)) return;
      seen.add(key);
      units.push({
        text,
        typed: typedOf(offset + start, offset + end),
        isCjk,
        isAuthorOnly,
        allowsPrefix: false,
        start: offset + start,
        end: offset + end,
      });
    };
    for (const token of tokenize(word)) {
      if (token.isCjk) {
        if (token.start >= runEnd) {
          if (cjkStart >= 0) push(cjkStart, runEnd, word.slice(cjkStart, runEnd), true);
          cjkStart = token.start;
        }
        runEnd = Math.max(runEnd, token.end);
      } else if (token.start >= wordEnd) {
        // A joined word; its parts (which lie inside it) are index-side recall only.
        push(token.start, token.end, token.term, false);
        wordEnd = token.end;
      }
    }
    if (cjkStart >= 0) push(cjkStart, runEnd, word.slice(cjkStart, runEnd), true);
  }
  const joined = joinNameAndVersion(units, folded, typedOf).map(({ start: _start, end: _end, ...unit }) => unit);
  const last = joined.at(-1);
  // A trailing space says the last word is finished; one letter would match half the index.
  if (last !== undefined && !last.isCjk && last.text.length >= 2 && !/\s$/.test(capped)) last.allowsPrefix = true;
  const phrase = folded.replace(/\s+/g, ' ').trim();
  return { units: joined, phrase: phrase.replace(/(^| )@/g, '$1') };
}
