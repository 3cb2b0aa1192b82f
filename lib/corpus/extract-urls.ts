// Finds the URLs cited in digest text. Pure; knows nothing about what a URL points to.
// Posts glue URLs to Chinese text and punctuation (`http://claude.ai上的`, `…/issue-241/]`,
// `(https://…)`, `…VMQ）`), so a URL ends at the first non-ASCII character or whitespace,
// and closing brackets it did not open are dropped.

const URL_START = /https?:\/\/[\x21-\x7e]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?'"*]+$/;
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{', '>': '<' };

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/** Drops trailing punctuation and unbalanced closing brackets, repeatedly. */
export function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING_PUNCTUATION, '');
    const last = url.at(-1);
    const opener = last === undefined ? undefined : CLOSERS[last];
    if (opener !== undefined && count(url, last as string) > count(url, opener)) url = url.slice(0, -1);
    if (url === before) return url;
  }
}

/** Every URL in `text`, in order, duplicates kept. */
export function extractUrls(text: string): string[] {
  const urls: string[] = [];
  for (const match of text.matchAll(URL_START)) {
    const url = trimUrl(match[0]);
    if (/^https?:\/\/[^/?#]+\.[^/?#]+/.test(url)) urls.push(url);
  }
  return urls;
}
