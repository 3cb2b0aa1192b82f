// Turns what the user typed into query units: each Latin word and each CJK run is one unit.
// Units are what relaxation drops and what aliases and corrections replace. Pure.

import { foldText } from './fold';
import { MAX_QUERY_LENGTH } from './limits';
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

export function parseQuery(raw: string): ParsedQuery {
  const capped = raw.slice(0, MAX_QUERY_LENGTH);
  // Folding is per code point and keeps lengths of ASCII and CJK, so slices of the folded word
  // map back to the typed word when both have the same length.
  const typedWords = capped.trim().split(/\s+/);
  const units: QueryUnit[] = [];
  const seen = new Set<string>();
  for (const typedWord of typedWords) {
    const word = foldText(typedWord);
    if (word === '') continue;
    const isAuthorOnly = word.startsWith('@');
    const typedOf = (start: number, end: number) =>
      word.length === typedWord.length ? typedWord.slice(start, end) : word.slice(start, end);
    let runEnd = -1;
    let wordEnd = -1;
    let cjkStart = -1;
    const push = (text: string, typed: string, isCjk: boolean) => {
      const key = `${isAuthorOnly}:${text}`;
      if (text === '' || seen.has(key)) return;
      seen.add(key);
      units.push({ text, typed, isCjk, isAuthorOnly, allowsPrefix: false });
    };
    for (const token of tokenize(word)) {
      if (token.isCjk) {
        if (token.start >= runEnd) {
          if (cjkStart >= 0) push(word.slice(cjkStart, runEnd), typedOf(cjkStart, runEnd), true);
          cjkStart = token.start;
        }
        runEnd = Math.max(runEnd, token.end);
      } else if (token.start >= wordEnd) {
        // A joined word; its parts (which lie inside it) are index-side recall only.
        push(token.term, typedOf(token.start, token.end), false);
        wordEnd = token.end;
      }
    }
    if (cjkStart >= 0) push(word.slice(cjkStart, runEnd), typedOf(cjkStart, runEnd), true);
  }
  const last = units.at(-1);
  // A trailing space says the last word is finished.
  if (last !== undefined && !last.isCjk && !/\s$/.test(capped)) last.allowsPrefix = true;
  const phrase = foldText(capped).replace(/\s+/g, ' ').trim();
  return { units, phrase: phrase.replace(/(^| )@/g, '$1') };
}
