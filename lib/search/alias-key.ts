// What an alias form looks like as query units: the folded words a query of that form would be
// split into (see `parseQuery`), and the key they make when typed as one unit. Pure; shared by the
// glossary, the mining and the table build, so every form is keyed one way.

import { foldText } from './fold';
import { tokenize } from './tokenize';

export type AliasKey = {
  /** The unit-shaped key: the words joined (`jensenhuang`, `texttoimage`, `扎克伯格`). */
  text: string;
  /** The query units of the form, in order: `['jensen', 'huang']`; one word for most forms. */
  words: string[];
};

/**
 * Units as `parseQuery` makes them: each Latin word without joiners (`text-to-image` is one
 * word, `texttoimage`) and each CJK run. Latin parts inside a joined word are index-side only.
 */
export function unitWordsOf(folded: string): string[] {
  const words: string[] = [];
  let wordStart = -1;
  let wordEnd = -1;
  let runStart = -1;
  let runEnd = -1;
  for (const token of tokenize(folded)) {
    // A name and its version across a space (`diffusion 3` → `diffusion3`) are one unit, as in parseQuery.
    if (!token.isCjk && token.start === wordStart && token.end > wordEnd && /\s/.test(folded.slice(token.start, token.end))) {
      words[words.length - 1] = token.term;
      wordEnd = token.end;
      continue;
    }
    if (token.isCjk) {
      if (token.start >= runEnd) {
        if (runStart >= 0) words.push(folded.slice(runStart, runEnd));
        runStart = token.start;
      }
      runEnd = Math.max(runEnd, token.end);
    } else if (token.start >= wordEnd) {
      if (runStart >= 0) words.push(folded.slice(runStart, runEnd));
      runStart = -1;
      runEnd = -1;
      words.push(token.term);
      wordStart = token.start;
      wordEnd = token.end;
    }
  }
  if (runStart >= 0) words.push(folded.slice(runStart, runEnd));
  return words.filter((word) => word !== '');
}

/** The key of a form as written (`Jensen Huang`, `歸藏`, `text-to-image`); empty text if nothing is searchable. */
export function aliasKeyOf(form: string): AliasKey {
  // Joiners inside a word are dropped by the tokenizer; `text-to-image` and `text to image`
  // must give the same words, so hyphens between words count as spaces here.
  const words = unitWordsOf(foldText(form).replace(/[-_]/g, ' '));
  return { text: words.join(''), words };
}
