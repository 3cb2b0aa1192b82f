// Turns what the user typed into query units: each Latin word and each CJK run is one unit,
// and every unit must match (AND across fields). Pure.

import { foldText } from './fold';
import { MAX_QUERY_LENGTH } from './limits';
import { tokenize } from './tokenize';

export type QueryUnit = {
  /** Folded unit text: a Latin word without joiners (`gpt4o`) or a CJK run (`长文本`). */
  text: string;
  isCjk: boolean;
  /** `@dotey`: match the author field only. */
  isAuthorOnly: boolean;
};

export type ParsedQuery = {
  units: QueryUnit[];
  /** The folded query with whitespace collapsed, for the phrase bonus. */
  phrase: string;
};

export function parseQuery(raw: string): ParsedQuery {
  const folded = foldText(raw.slice(0, MAX_QUERY_LENGTH)).replace(/\s+/g, ' ').trim();
  const units: QueryUnit[] = [];
  const seen = new Set<string>();
  for (const word of folded.split(' ')) {
    if (word === '') continue;
    const isAuthorOnly = word.startsWith('@');
    let runEnd = -1;
    let wordEnd = -1;
    let cjkStart = -1;
    const tokens = tokenize(word);
    const push = (text: string, isCjk: boolean) => {
      const key = `${isAuthorOnly}:${text}`;
      if (text === '' || seen.has(key)) return;
      seen.add(key);
      units.push({ text, isCjk, isAuthorOnly });
    };
    for (const token of tokens) {
      if (token.isCjk) {
        if (token.start >= runEnd) {
          if (cjkStart >= 0) push(word.slice(cjkStart, runEnd), true);
          cjkStart = token.start;
        }
        runEnd = Math.max(runEnd, token.end);
      } else if (token.start >= wordEnd) {
        // A joined word; its parts (which lie inside it) are index-side recall only.
        push(token.term, false);
        wordEnd = token.end;
      }
    }
    if (cjkStart >= 0) push(word.slice(cjkStart, runEnd), true);
  }
  return { units, phrase: folded.replace(/(^| )@/g, '$1') };
}
