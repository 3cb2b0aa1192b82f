// What of an entry is searchable, split into the fields ranking weighs differently. Pure.

import type { Entry } from '../corpus/types';

export const SEARCH_FIELDS = ['title', 'author', 'body'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export type SearchDoc = {
  id: number;
  date: string;
  /** What ranking treats as the title: the first sentence of `displayTitle`, at most `MAX_TITLE_LENGTH`. */
  title: string;
  /** First line of the first post, markdown remnants removed; lists show it (ellipsized). */
  displayTitle: string;
  /** Display names and @handles of every post and quoted post. */
  author: string;
  /** All post text, quotes and editor notes. */
  body: string;
  /** The posts' handles (not quoted posts'), for the author filter. */
  handles: string[];
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

/** A title longer than this is a paragraph: ranking weighs only its first sentence or so. */
export const MAX_TITLE_LENGTH = 60;

/**
 * The part of a first line that works as a title: up to the first sentence end, or the last
 * word break before `MAX_TITLE_LENGTH`. A prefix of the line, so highlights carry over.
 */
export function rankingTitle(line: string): string {
  if (line.length <= MAX_TITLE_LENGTH) return line;
  const sentenceEnd = /[。！？!?；;：:]|\.\s/u.exec(line.slice(0, MAX_TITLE_LENGTH));
  if (sentenceEnd !== null && sentenceEnd.index >= 8) return line.slice(0, sentenceEnd.index + 1);
  const head = line.slice(0, MAX_TITLE_LENGTH);
  // Cut Latin text at a space; CJK text can be cut anywhere (but not inside a surrogate pair).
  const space = head.lastIndexOf(' ');
  const cut = space >= MAX_TITLE_LENGTH / 2 ? space : MAX_TITLE_LENGTH;
  const code = line.charCodeAt(cut - 1);
  return line.slice(0, code >= 0xd800 && code <= 0xdbff ? cut - 1 : cut);
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
  const displayTitle = entryTitle(entry);
  return {
    id: entry.id,
    date: entry.date,
    title: rankingTitle(displayTitle),
    displayTitle,
    author: [...new Set(names)].join(' '),
    body: body.join('\n\n'),
    handles: entry.posts.map((post) => post.handle),
  };
}
