// Parses the digest's seed text into entries. Pure: text in, data out, no I/O.
// Every non-blank line lands in exactly one field (see `entryFieldLines`); anything the
// format does not allow throws a CorpusFormatError naming the file and line.

import { extractUrls, findUrlsInText } from './extract-urls';
import { MAX_ENTRY_LENGTH, MAX_ENTRY_LINES, MAX_ENTRY_URLS } from './seed-limits';
import type { EditorNote, ParsedEntry, Post, QuotedPost } from './types';

export class CorpusFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'CorpusFormatError';
  }
}

const HEADING = /^###\s+(\d{1,6})\s*$/;
const HEADING_LIKE = /^###(\s|$)/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HANDLE = /^@([A-Za-z0-9_]{1,15})$/;
const URL_ONLY = /^https?:\/\/\S+$/;
const EDITOR_NOTE = /^(\d+)『([\s\S]*)（(\d{4}-\d{2}-\d{2})）』$/;
const QUOTE_MARK = '引用';
const QUOTE_DOT = '·';
const QUOTE_DATE = /^(\d{4}年)?\d{1,2}月\d{1,2}日$/;
/** A line that continues an inline @mention rather than starting a post body. */
const MENTION_CONTINUATION = /^[\s,.;:!?)\]，。；：！？）】、]/;
const MAX_NAME_LENGTH = 60;

type Line = { no: number; text: string };

function isBlank(line: Line | undefined): boolean {
  return line !== undefined && line.text.trim() === '';
}

function isValidDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Index of the next non-blank line after `from`, if at most `maxBlanks` blank lines lie between. */
function nextContent(lines: Line[], from: number, maxBlanks: number): number | undefined {
  for (let i = from + 1; i < lines.length && i <= from + 1 + maxBlanks; i++) {
    if (!isBlank(lines[i])) return i;
  }
  return undefined;
}

/**
 * A post starts with a display-name line and an `@handle` line (one blank line may sit between).
 * X's copy-paste also puts inline mentions on their own line (`…by \n@CShorten30\n!`); those are
 * told apart by the text around them: a name line follows a blank line, does not end mid-sentence,
 * and the line after the handle does not continue the sentence.
 */
function postHeaderAt(lines: Line[], i: number, firstContent: number): { handleIndex: number } | undefined {
  const name = lines[i];
  if (name === undefined || isBlank(name)) return undefined;
  if (i !== firstContent && !isBlank(lines[i - 1])) return undefined;
  const raw = name.text;
  if (/[\s(（]$/.test(raw) || raw.includes('://') || raw.trim().length > MAX_NAME_LENGTH) return undefined;
  if (HANDLE.test(raw.trim())) return undefined;
  const handleIndex = nextContent(lines, i, 1);
  if (handleIndex === undefined) return undefined;
  const handleLine = lines[handleIndex];
  if (handleLine === undefined || !HANDLE.test(handleLine.text)) return undefined;
  const after = lines[handleIndex + 1];
  if (after !== undefined && !isBlank(after) && MENTION_CONTINUATION.test(after.text)) return undefined;
  return { handleIndex };
}

function trimBlankEdges(lines: Line[]): Line[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start])) start++;
  while (end > start && isBlank(lines[end - 1])) end--;
  return lines.slice(start, end);
}

function joinLines(lines: Line[]): string {
  return trimBlankEdges(lines)
    .map((line) => line.text)
    .join('\n');
}

function handleOf(line: Line): string {
  return (HANDLE.exec(line.text) as RegExpExecArray)[1] as string;
}

/** Moves editor-note lines into `notes`; returns the other lines. */
function takeEditorNotes(lines: Line[], notes: EditorNote[]): Line[] {
  return lines.filter((line) => {
    const note = EDITOR_NOTE.exec(line.text.trim());
    if (note) notes.push({ seq: Number(note[1]), text: note[2] as string, date: note[3] as string });
    return note === null;
  });
}

/** Splits a post's lines into body text, an optional quoted post and editor notes. */
function buildPost(author: string, handle: string, sourceUrl: string | undefined, postLines: Line[]): Post {
  const notes: EditorNote[] = [];
  const bodyLines = takeEditorNotes(postLines, notes);
  const kept: Line[] = [];
  let quote: QuotedPost | undefined;
  for (let i = 0; i < bodyLines.length; i++) {
    const line = bodyLines[i] as Line;
    if (line.text.trim() === QUOTE_MARK) {
      const [nameLine, handleLine, dotLine, dateLine] = bodyLines.slice(i + 1, i + 5);
      if (
        nameLine !== undefined &&
        handleLine !== undefined &&
        HANDLE.test(handleLine.text) &&
        dotLine?.text.trim() === QUOTE_DOT &&
        dateLine !== undefined &&
        QUOTE_DATE.test(dateLine.text.trim())
      ) {
        // The quote runs to the end of the post.
        quote = {
          author: nameLine.text.trim(),
          handle: handleOf(handleLine),
          dateLabel: dateLine.text.trim(),
          text: joinLines(bodyLines.slice(i + 5)),
        };
        break;
      }
    }
    kept.push(line);
  }
  const post: Post = { author, handle, text: joinLines(kept), notes };
  if (sourceUrl !== undefined) post.sourceUrl = sourceUrl;
  if (quote !== undefined) post.quote = quote;
  return post;
}

/** Parses one entry's lines (after its heading). */
function parseEntryBlock(file: string, id: number, headingNo: number, lines: Line[]): ParsedEntry {
  const dateIndex = nextContent(lines, -1, Number.MAX_SAFE_INTEGER);
  const dateLine = dateIndex === undefined ? undefined : lines[dateIndex];
  if (dateIndex === undefined || dateLine === undefined) {
    throw new CorpusFormatError(file, headingNo, `entry ${id} has no date line (expected e.g. 2024-03-01)`);
  }
  if (!isValidDate(dateLine.text.trim())) {
    throw new CorpusFormatError(file, dateLine.no, `entry ${id}: expected a date like 2024-03-01, found "${dateLine.text.trim()}"`);
  }
  const firstContent = nextContent(lines, dateIndex, Number.MAX_SAFE_INTEGER) ?? lines.length;

  // Find post headers; a URL-only line right before a header (blank lines between) is its source.
  const headers: { nameIndex: number; handleIndex: number; sourceIndex?: number }[] = [];
  for (let i = firstContent; i < lines.length; i++) {
    const header = postHeaderAt(lines, i, firstContent);
    if (!header) continue;
    let sourceIndex: number | undefined;
    let j = i - 1;
    while (j >= firstContent && isBlank(lines[j])) j--;
    const candidate = lines[j];
    if (j >= firstContent && candidate !== undefined && URL_ONLY.test(candidate.text.trim())) {
      const previous = lines[j - 1];
      if (j === firstContent || previous === undefined || isBlank(previous)) sourceIndex = j;
    }
    headers.push({ nameIndex: i, handleIndex: header.handleIndex, ...(sourceIndex === undefined ? {} : { sourceIndex }) });
    i = header.handleIndex;
  }
  const first = headers[0];
  if (first === undefined) {
    throw new CorpusFormatError(
      file,
      lines[firstContent]?.no ?? dateLine.no,
      `entry ${id} has no post (expected a display-name line followed by an @handle line)`,
    );
  }
  const firstStart = first.sourceIndex ?? first.nameIndex;
  const stray = lines.slice(firstContent, firstStart).find((line) => !isBlank(line));
  if (stray !== undefined) {
    throw new CorpusFormatError(file, stray.no, `entry ${id}: unexpected text before the first post's author line`);
  }

  const posts = headers.map((header, k) => {
    const next = headers[k + 1];
    const end = next === undefined ? lines.length : (next.sourceIndex ?? next.nameIndex);
    const nameLine = lines[header.nameIndex] as Line;
    const handleLine = lines[header.handleIndex] as Line;
    const sourceUrl = header.sourceIndex === undefined ? undefined : (lines[header.sourceIndex] as Line).text.trim();
    return buildPost(nameLine.text.trim(), handleOf(handleLine), sourceUrl, lines.slice(header.handleIndex + 1, end));
  });

  const urls = [...new Set(entryFieldLines({ id, date: dateLine.text.trim(), posts, urls: [] }).flatMap(extractUrls))];
  return { id, date: dateLine.text.trim(), posts, urls };
}

/**
 * Every line of text an entry holds, one string per seed line (notes and quotes re-assembled
 * as written). The invariant test compares these with the seed's non-blank lines.
 */
export function entryFieldLines(entry: ParsedEntry): string[] {
  const lines: string[] = [];
  const pushText = (text: string) => {
    for (const line of text.split('\n')) if (line.trim() !== '') lines.push(line);
  };
  for (const post of entry.posts) {
    if (post.sourceUrl !== undefined) lines.push(post.sourceUrl);
    lines.push(post.author, `@${post.handle}`);
    pushText(post.text);
    if (post.quote) {
      lines.push(QUOTE_MARK, post.quote.author, `@${post.quote.handle}`, QUOTE_DOT, post.quote.dateLabel);
      pushText(post.quote.text);
    }
    for (const note of post.notes) lines.push(`${note.seq}『${note.text}（${note.date}）』`);
  }
  return lines;
}

/**
 * A parsed seed file, with the line of each entry's heading (for errors that span files). Ids are
 * the heading numbers; the build turns them into volume ids and links reposts across all files.
 */
export type ParsedSeed = { entries: ParsedEntry[]; headingLineOf: ReadonlyMap<number, number> };

const LIMITS_NOTE = 'see lib/corpus/seed-limits.ts';

/** Throws unless an entry's lines (after its heading) stay within the seed limits. */
function checkEntryBounds(file: string, id: number, headingNo: number, lines: Line[]): void {
  // Characters the reader lays out: each line with its line break.
  const length = lines.reduce((sum, line) => sum + line.text.length + 1, 0);
  if (length > MAX_ENTRY_LENGTH) {
    throw new CorpusFormatError(
      file,
      headingNo,
      `entry ${id} is ${length} characters long (the limit is ${MAX_ENTRY_LENGTH}; ${LIMITS_NOTE})`,
    );
  }
  if (lines.length > MAX_ENTRY_LINES) {
    throw new CorpusFormatError(file, headingNo, `entry ${id} has ${lines.length} lines (the limit is ${MAX_ENTRY_LINES}; ${LIMITS_NOTE})`);
  }
  let urls = 0;
  for (const line of lines) {
    for (const _url of findUrlsInText(line.text)) {
      if (++urls > MAX_ENTRY_URLS) {
        throw new CorpusFormatError(
          file,
          line.no,
          `entry ${id} has more than ${MAX_ENTRY_URLS} URLs (URL ${urls} is on this line; ${LIMITS_NOTE})`,
        );
      }
    }
  }
}

/** Parses a whole seed file. `file` is only used in error messages. */
export function parseSeed(text: string, file: string): ParsedSeed {
  const lines: Line[] = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((raw, index) => ({ no: index + 1, text: raw.trimEnd() }));
  const entries: ParsedEntry[] = [];
  const seen = new Map<number, number>();
  let current: { id: number; headingNo: number; start: number } | undefined;

  const close = (end: number) => {
    if (current === undefined) return;
    const block = lines.slice(current.start, end);
    checkEntryBounds(file, current.id, current.headingNo, block);
    entries.push(parseEntryBlock(file, current.id, current.headingNo, block));
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const heading = HEADING.exec(line.text);
    if (!heading) {
      if (HEADING_LIKE.test(line.text)) {
        throw new CorpusFormatError(file, line.no, `malformed entry heading "${line.text}" (expected e.g. "### 07")`);
      }
      if (current === undefined && !isBlank(line)) {
        throw new CorpusFormatError(file, line.no, 'text before the first entry heading (expected e.g. "### 01")');
      }
      continue;
    }
    const id = Number(heading[1]);
    const previous = seen.get(id);
    if (previous !== undefined) {
      throw new CorpusFormatError(file, line.no, `duplicate entry number ${id} (first at line ${previous})`);
    }
    seen.set(id, line.no);
    close(i);
    current = { id, headingNo: line.no, start: i + 1 };
  }
  close(lines.length);
  if (entries.length === 0) throw new CorpusFormatError(file, 1, 'no entries found (expected "### 01" headings)');
  return { entries, headingLineOf: seen };
}

/** Parses a whole seed file into its entries. `file` is only used in error messages. */
export function parseDigest(text: string, file: string): ParsedEntry[] {
  return parseSeed(text, file).entries;
}
