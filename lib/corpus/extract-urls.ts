// Finds the URLs cited in digest text, and owns the one rule for where a URL in text ends (the
// reader's links use it too). Pure; knows nothing about what a URL points to.
// Posts glue URLs to Chinese text and punctuation (`http://claude.ai上的`, `…/issue-241/]`,
// `(https://…)`, `…VMQ）`), so a URL ends at the first non-ASCII character or whitespace,
// and closing brackets it did not open are dropped.

const URL_START = /https?:\/\/[\x21-\x7e]+/g;
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '*']);
const OPENER_OF: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{', '>': '<' };
const BRACKETS = new Set('()[]{}<>');

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

/** Every http(s) URL written in `text`, trimmed, with where it starts; duplicates kept. */
export function* findUrlsInText(text: string): Generator<{ url: string; index: number }> {
  for (const match of text.matchAll(URL_START)) yield { url: trimUrl(match[0]), index: match.index };
}

/** Every URL in `text` worth citing (its host has a dot), in order, duplicates kept. */
export function extractUrls(text: string): string[] {
  const urls: string[] = [];
  for (const { url } of findUrlsInText(text)) {
    if (/^https?:\/\/[^/?#]+\.[^/?#]+/.test(url)) urls.push(url);
  }
  return urls;
}
