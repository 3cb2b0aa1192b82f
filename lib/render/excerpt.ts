// Cuts post text short for a preview (the card's excerpt, an entry's name in a list). Pure. The one
// place such a cut is made, so none lands inside a URL, which would still render as a live link
// to another page (entry 74's card once ended in `https://kaggle.com/code/iam`), or inside a
// surrogate pair, which would show a broken character.

import { findUrlsInText } from '../corpus/extract-urls';

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * `text` if it fits in `maxLength` UTF-16 units; else its start, up to `maxLength` units, then `…`.
 * A URL (or markdown link) the cut would split is left out whole, unless nothing but space comes
 * before it: then it is kept whole, longer than `maxLength`, so the excerpt says something.
 */
export function cutExcerpt(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = Math.max(0, maxLength);
  for (const found of findUrlsInText(text)) {
    if (found.index >= end) break;
    if (found.end > end) {
      end = text.slice(0, found.index).trim() === '' ? found.end : found.index;
      break;
    }
  }
  if (end >= text.length) return text;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}
