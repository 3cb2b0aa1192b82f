// Every term the index holds, sorted: the index stores whole terms only (FlexSearch's "strict"
// mode, a third of the memory of its prefix mode), so a word being typed is widened here to the
// words it begins (`comf` → comfyui, comfy), and one CJK character to the bigrams that hold it.
// Built with the index, shipped in its export. Pure.

import { isCjkTerm, tokenize } from './tokenize';

export type TermDictionaryData = {
  /** Latin terms, sorted, separated by spaces. */
  latin: string;
  /** CJK bigrams (and one-character runs), sorted, separated by spaces. */
  cjk: string;
};

export function buildTermDictionary(foldedTexts: Iterable<string>): TermDictionaryData {
  return termDictionaryOf([...foldedTexts].flatMap((text) => tokenize(text).map((token) => token.term)));
}

/** The same from terms already made by `tokenize` (each entry's, as the index holds them). */
export function termDictionaryOf(terms: Iterable<string>): TermDictionaryData {
  const latin: string[] = [];
  const cjk: string[] = [];
  const seen = new Set<string>();
  for (const term of terms) {
    if (seen.has(term)) continue;
    seen.add(term);
    (isCjkTerm(term) ? cjk : latin).push(term);
  }
  return { latin: latin.sort().join(' '), cjk: cjk.sort().join(' ') };
}

/** First index in `sorted` whose value is not below `key`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class TermDictionary {
  private readonly latin: string[];
  private readonly cjk: string[];
  private bigramsByCharacter: Map<string, string[]> | undefined;

  constructor(data: TermDictionaryData) {
    this.latin = data.latin === '' ? [] : data.latin.split(' ');
    this.cjk = data.cjk === '' ? [] : data.cjk.split(' ');
  }

  /** Every term has an id: Latin terms first, then CJK terms, each in sorted order. */
  get termCount(): number {
    return this.latin.length + this.cjk.length;
  }

  /** Every term → its id; for the build, which looks up every term of every entry. */
  termIds(): Map<string, number> {
    return new Map([...this.latin, ...this.cjk].map((term, id) => [term, id]));
  }

  /** The term's id, or -1 when the index has no such term. */
  termId(term: string, isCjk: boolean): number {
    const terms = isCjk ? this.cjk : this.latin;
    const at = lowerBound(terms, term);
    if (terms[at] !== term) return -1;
    return isCjk ? this.latin.length + at : at;
  }

  /** Latin terms that begin with `prefix` (itself included when present), at most `maxExtension` longer. */
  latinWithPrefix(prefix: string, maxExtension = Number.POSITIVE_INFINITY): string[] {
    const found: string[] = [];
    for (let i = lowerBound(this.latin, prefix); i < this.latin.length; i++) {
      const term = this.latin[i] as string;
      if (!term.startsWith(prefix)) break;
      if (term.length - prefix.length <= maxExtension) found.push(term);
    }
    return found;
  }

  /** The CJK terms holding this one character: bigrams with it first or second, and itself. */
  cjkTermsWith(character: string): string[] {
    if (this.bigramsByCharacter === undefined) {
      // Built on the first one-character query: most sessions never ask.
      this.bigramsByCharacter = new Map();
      for (const term of this.cjk) {
        for (const char of new Set(term)) {
          const list = this.bigramsByCharacter.get(char) ?? [];
          list.push(term);
          this.bigramsByCharacter.set(char, list);
        }
      }
    }
    return this.bigramsByCharacter.get(character) ?? [];
  }
}
