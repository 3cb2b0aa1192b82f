// Finds the URLs written in digest text, and owns the one rule for where a URL in text ends: the
// corpus cites, the card matches and the reader links exactly what findUrlsInText finds. Pure;
// knows nothing about what a URL points to.
// Posts glue URLs to Chinese text and punctuation (`http://claude.ai上的`, `…/issue-241/]`,
// `(https://…)`, `…VMQ）`), so a bare URL ends at the first non-ASCII character or whitespace,
// less trailing punctuation and closing brackets it did not open. A markdown link's URL ends
// where the link says: at the `)` that closes its `(`.

/** A markdown link up to its URL (`[title](http…`); the title holds no bracket or newline. */
const LINK_OPENING = String.raw`\[([^[\]\n]+)\]\((?=https?:\/\/)`;
const BARE_URL = String.raw`https?:\/\/[\x21-\x7e]+`;
/** Either, whichever starts first; alternation keeps the scan one left-to-right pass. */
const URL_OR_LINK = `${LINK_OPENING}|${BARE_URL}`;
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '*', '`', '\\']);
const OPENER_OF: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{', '>': '<' };
const BRACKETS = new Set('()[]{}<>');

/** A URL found in text: `index` and `end` bound what it takes of the text (a link's title too). */
export type UrlInText = {
  url: string;
  /** Where its text starts: the URL, or the `[` of a markdown link. */
  index: number;
  /** Just past its text: the URL's last character, or the link's `)`. */
  end: number;
  /** A markdown link's title, as written. */
  title?: string;
};

/**
 * Drops trailing punctuation and closing brackets the URL did not open (`x.)` → `x`,
 * `Foo_(bar)` kept), in any order, until neither is left. Linear: one pass counts the brackets,
 * then one walk back from the end, updating the counts as it drops.
 */
export function trimUrl(raw: string): string {
  const counts = new Map<string, number>();
  for (const char of raw) if (BRACKETS.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  let end = raw.length;
  while (end > 0) {
    const last = raw[end - 1] as string;
    if (TRAILING_PUNCTUATION.has(last)) {
      end--;
      continue;
    }
    const opener = OPENER_OF[last];
    const closers = counts.get(last) ?? 0;
    if (opener === undefined || closers <= (counts.get(opener) ?? 0)) break;
    counts.set(last, closers - 1);
    end--;
  }
  return raw.slice(0, end);
}

/**
 * Where the URL of a markdown link starting at `start` ends: the `)` closing the link's `(`
 * (parentheses inside balanced, as in Wikipedia URLs), or -1 if whitespace or a square bracket
 * comes first. Stopping at `[` keeps the whole scan linear: no character is read by two links.
 */
function linkUrlEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '(') depth++;
    else if (char === ')') {
      if (depth === 0) return i;
      depth--;
    } else if (char === '[' || char === ']' || /\s/.test(char)) return -1;
  }
  return -1;
}

/** Every http(s) URL written in `text`, in order, duplicates kept: markdown links and bare URLs. */
export function* findUrlsInText(text: string): Generator<UrlInText> {
  // A pattern per call: a generator paused by its caller must not share lastIndex with another.
  const pattern = new RegExp(URL_OR_LINK, 'g');
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    if (match[1] !== undefined) {
      const end = linkUrlEnd(text, start);
      // Not a link after all: its URL is read again from there as a bare one.
      if (end === -1) continue;
      yield { url: text.slice(start, end), index: match.index, end: end + 1, title: match[1] };
      pattern.lastIndex = end + 1;
      continue;
    }
    // What trimming drops is punctuation and closers only: nothing in it can start another URL.
    const url = trimUrl(match[0]);
    if (url !== '') yield { url, index: match.index, end: match.index + url.length };
  }
}

/** A URL a page can have: it parses (the reader links only those) and its host has a dot. */
function isCitable(url: string): boolean {
  try {
    return new URL(url).hostname.includes('.');
  } catch {
    // `https://>a.com` and the like: no page has it, and the reader does not link it.
    return false;
  }
}

/** Every URL in `text` worth citing, in order, duplicates kept. */
export function extractUrls(text: string): string[] {
  const urls: string[] = [];
  for (const { url } of findUrlsInText(text)) if (isCitable(url)) urls.push(url);
  return urls;
}
