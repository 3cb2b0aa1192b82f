// What of an entry is searchable, split into the fields ranking weighs differently. Pure.

import type { Entry } from '../corpus/types';

export const SEARCH_FIELDS = ['title', 'author', 'body'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export type SearchDoc = {
  id: number;
  date: string;
  /** First line of the first post, markdown remnants removed. */
  title: string;
  /** Display names and @handles of every post and quoted post. */
  author: string;
  /** All post text, quotes and editor notes. */
  body: string;
};

/** Removes markdown remnants from one line for display as a title (`\#AI` → `#AI`, `## x` → `x`). */
export function cleanTitleLine(line: string): string {
  return line
    .replace(/\\([#*_[\]()>`-])/g, '$1')
    .replace(/^\s*(#{1,6}\s+|[*-]\s+|>\s*)/, '')
    .trim();
}

export function entryTitle(entry: Entry): string {
  const first = entry.posts[0]?.text.split('\n').find((line) => line.trim() !== '') ?? '';
  return cleanTitleLine(first);
}

export function searchDocOf(entry: Entry): SearchDoc {
  const names: string[] = [];
  const body: string[] = [];
  for (const post of entry.posts) {
    names.push(post.author, `@${post.handle}`);
    body.push(post.text);
    if (post.quote) {
      names.push(post.quote.author, `@${post.quote.handle}`);
      body.push(post.quote.text);
    }
    for (const note of post.notes) body.push(`${note.text}（${note.date}）`);
  }
  return { id: entry.id, date: entry.date, title: entryTitle(entry), author: [...new Set(names)].join(' '), body: body.join('\n\n') };
}
