// Finds entries by the user's own notes, beside the index (which ships with the build and never
// sees them): a note matches when it holds every word of the query, folded. Notes are few (one per
// noted entry), so a scan per query is cheap; each is folded once, when the notes are read. Pure.

import type { Entry } from '../corpus/types';
import { foldText, foldTextWithMap, type FoldedText } from './fold';
import type { Range } from './rank';
import { buildSnippet, type Snippet } from './snippet';

/** A note, folded once with its map back to the text (for the excerpt's highlights). */
export type SearchableNote = { entryId: number; text: string; folded: FoldedText };

/** Notes by entry id; blank notes are no notes. */
export function prepareNotes(notes: Iterable<{ entryId: number; text: string }>): Map<number, SearchableNote> {
  const prepared = new Map<number, SearchableNote>();
  for (const { entryId, text } of notes) {
    if (text.trim() !== '') prepared.set(entryId, { entryId, text, folded: foldTextWithMap(text) });
  }
  return prepared;
}

/** What a query asks of a note: its words, and the authors (`@dotey`) the entry must be by. */
export type NoteQuery = { words: string[]; handles: string[] };

/**
 * The query's words as typed, folded (`長文本` → `长文本`, `ＧＰＴ` → `gpt`), split at spaces.
 * A lone Latin letter or digit is left out: it would match nearly every note (the index, too,
 * widens no one-letter word); so is punctuation alone, which the index does not search either (a
 * query of it lists the timeline). `@handle` words name the author; they are not looked for in notes.
 */
export function parseNoteQuery(query: string): NoteQuery {
  const words: string[] = [];
  const handles: string[] = [];
  for (const word of foldText(query).split(/\s+/)) {
    if (word.startsWith('@')) {
      if (word.length > 1) handles.push(word.slice(1));
    } else if (/[\p{L}\p{N}]/u.test(word) && !/^[a-z0-9]$/.test(word)) words.push(word);
  }
  return { words: [...new Set(words)], handles: [...new Set(handles)] };
}

/** A query with words to look for: without them (the empty query, `@dotey` alone) notes play no part. */
export function hasNoteWords(query: NoteQuery): boolean {
  return query.words.length > 0;
}

export function isNoteMatch(note: SearchableNote, query: NoteQuery): boolean {
  return query.words.every((word) => note.folded.text.includes(word));
}

/** The entry is by every author the query names (a handle being typed matches as a prefix). */
export function isByHandles(entry: Entry, handles: readonly string[]): boolean {
  return handles.every((handle) => entry.posts.some((post) => post.handle.toLowerCase().startsWith(handle)));
}

/** Enough occurrences of a word to place and highlight the excerpt; a long note may repeat it many times. */
const MAX_OCCURRENCES = 20;

function occurrences(folded: string, word: string): Range[] {
  const ranges: Range[] = [];
  for (let at = folded.indexOf(word); at !== -1 && ranges.length < MAX_OCCURRENCES; at = folded.indexOf(word, at + word.length)) {
    ranges.push([at, at + word.length]);
  }
  return ranges;
}

/** A short window of the note around the query's words (highlighted), or its start when none is there. */
export function noteExcerpt(note: SearchableNote, words: readonly string[] = []): Snippet {
  const ranges = words.flatMap((word) => occurrences(note.folded.text, word));
  return buildSnippet({ text: note.text, foldedWithMap: note.folded }, ranges);
}

/**
 * Note matches are listed first (the user's own words about an entry say more than any score),
 * then the index's ranking of every other entry. For a page [offset, offset + limit) of that list:
 * the slice of the note matches, and the window of the index's list that follows them. The index
 * is always asked (for its total), for at least one row.
 */
export function splitPage(
  offset: number,
  limit: number,
  noteCount: number,
): { notes: [start: number, end: number]; index: { offset: number; limit: number }; isIndexShown: boolean } {
  const end = offset + limit;
  const indexOffset = Math.max(0, offset - noteCount);
  const indexLimit = end - noteCount - indexOffset;
  return {
    notes: [Math.min(offset, noteCount), Math.min(end, noteCount)],
    index: { offset: indexOffset, limit: Math.max(1, indexLimit) },
    isIndexShown: indexLimit > 0,
  };
}
