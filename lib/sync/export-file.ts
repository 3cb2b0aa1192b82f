// The user's data as files they keep: JSON (this device's sync file, lossless; importing it goes
// through the same decode and merge as any sync) and Markdown (saved and noted entries, readable
// anywhere). Pure: state and entries in, text out; no downloads, no storage.

import type { Entry } from '../corpus/types';
import { entryLabel } from '../corpus/entry-id';
import type { Translate } from '../i18n/messages';
import { formatEntryDate, formatHandle } from '../render/display-formats';
import { entryTitle } from '../search/search-doc';
import { attachAnchors } from '../user-data/reattach';
import { parseStamp, type HlcStamp } from './hlc';
import { changesToApply, diffStates, mergeStates, needsConfirmation, type RefusedChange, type StateDiff } from './merge';
import { decodeSyncFile, encodeSyncFile, type DecodeSyncFileOptions, type SyncCrypto, type SyncDevice, type SyncFile } from './sync-file';
import { isNonEmptyNote, ownValue, type NoteRegister, type SavedRegister, type SyncState } from './sync-state';

/** Indentation of the JSON export: some structure for a curious reader, little weight. */
const EXPORT_INDENT = 1;

/** The JSON export: the sync file of this device's whole state, as the folder would get it. */
export function exportJson(
  contents: { device: SyncDevice; writtenAt: HlcStamp; state: SyncState },
  options: { passphrase?: string; crypto?: SyncCrypto } = {},
): Promise<string> {
  return encodeSyncFile(contents, { ...options, indent: EXPORT_INDENT });
}

/** What importing a file would do; nothing is applied until the caller writes `changes`. */
export type ImportPlan = {
  file: SyncFile;
  isEncrypted: boolean;
  /** The registers and anchors to write locally (never the merged state wholesale). */
  changes: SyncState;
  refused: RefusedChange[];
  diff: StateDiff;
  /** The failsafe: the import would unsave or clear too much, so ask first. */
  needsConfirmation: boolean;
};

/**
 * Reads an exported (or any sync) file and merges it with the local state. A malformed, foreign,
 * newer or damaged file throws its SyncFileError before anything is merged.
 */
export async function planImport(text: string, local: SyncState, now: number, options: DecodeSyncFileOptions = {}): Promise<ImportPlan> {
  const { file, isEncrypted } = await decodeSyncFile(text, options);
  const { state: merged, refused } = mergeStates(local, file.state, now);
  return {
    file,
    isEncrypted,
    changes: changesToApply(local, merged),
    refused,
    diff: diffStates(local, merged),
    needsConfirmation: needsConfirmation(local, merged),
  };
}

export function exportFileName(kind: 'json' | 'md', now: number): string {
  return `sidenote-${new Date(now).toISOString().slice(0, 10)}.${kind}`;
}

/** A space that Markdown keeps at a line's start (see escapeMarkdownLine). */
const NO_BREAK_SPACE = '&nbsp;';

/**
 * One line of text as Markdown that shows exactly that text. Escaped everywhere: `\`, backticks,
 * `*`, `_`, `[`, `]`, `<`, `>`, `~`, `|` (code, emphasis, links, raw HTML, strikethrough, tables)
 * and `&` before an entity name. At the line start: `#`, `-`, `+`, `=` and `1.`/`1)` (headings,
 * lists, setext underlines). Leading spaces become `&nbsp;`, which CommonMark does not count as
 * indentation (four spaces would start a code block); the entity, not the character, because
 * readers trim a raw no-break space at a paragraph's start (commonmark.js does). Trailing blanks
 * are dropped (Markdown drops them, or makes two spaces a line break). Bare URLs in text are
 * escaped too: the Links list carries them as real links.
 */
export function escapeMarkdownLine(line: string): string {
  const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
  let text = line
    .slice(lead.length)
    .replace(/[ \t]+$/, '')
    .replace(/[\\`*_[\]<>~|]/g, '\\$&')
    .replace(/&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)/g, '\\&');
  if (lead === '') text = text.replace(/^[#+=-]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  // A blank line stays blank: no-break spaces alone would make an empty-looking paragraph.
  if (text === '') return '';
  return lead.replace(/\t/g, '    ').replace(/ /g, NO_BREAK_SPACE) + text;
}

/** A link the list can make clickable: http(s) without the characters that end an autolink. */
const SAFE_AUTOLINK = /^https?:\/\/[^\s<>\p{Cc}]+$/iu;

function linkLine(url: string): string {
  return SAFE_AUTOLINK.test(url) ? `- <${url}>` : `- ${escapeMarkdownLine(url)}`;
}

type ExportItem = {
  /** The entry as the digest has it now, or as anchored for one that left; undefined when not even that was kept. */
  entry?: Entry;
  isInDigest: boolean;
  uids: string[];
  saved?: SavedRegister;
  note?: NoteRegister;
};

const later = <R extends { stamp: HlcStamp }>(a: R | undefined, b: R | undefined): R | undefined =>
  a === undefined ? b : b === undefined ? a : b.stamp > a.stamp ? b : a;

/**
 * Groups every uid with data by the entry it belongs to now (the same uid, else re-attachment by
 * author, day and text, as the reader does), and per entry keeps the latest save and note, as
 * mergeEntryUserState does.
 */
function exportItems(state: SyncState, entries: readonly Entry[]): ExportItem[] {
  const byUid = new Map(entries.map((entry) => [entry.uid, entry]));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const uids = [...new Set([...Object.keys(state.saved), ...Object.keys(state.notes)])].sort();
  const anchors = uids.flatMap((uid) => {
    const anchor = ownValue(state.anchors, uid);
    return anchor === undefined ? [] : [{ uid, entry: anchor.entry, anchoredAt: anchor.anchoredAt }];
  });
  const attached = attachAnchors(anchors, entries);
  const items = new Map<string, ExportItem>();
  for (const uid of uids) {
    const current = byUid.get(uid) ?? byId.get(attached.get(uid) ?? -1);
    const anchored = ownValue(state.anchors, uid)?.entry;
    const groupKey = current === undefined ? `orphan:${uid}` : `entry:${current.id}`;
    let item = items.get(groupKey);
    if (item === undefined) {
      item = { entry: current ?? anchored, isInDigest: current !== undefined, uids: [] };
      items.set(groupKey, item);
    }
    item.uids.push(uid);
    item.saved = later(item.saved, ownValue(state.saved, uid));
    item.note = later(item.note, ownValue(state.notes, uid));
  }
  const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const newestFirst = (a: ExportItem, b: ExportItem) =>
    compareText(b.entry?.date ?? '', a.entry?.date ?? '') ||
    (b.entry?.id ?? -1) - (a.entry?.id ?? -1) ||
    compareText(a.uids[0] ?? '', b.uids[0] ?? '');
  return [...items.values()].filter((item) => item.saved?.isSaved === true || isNonEmptyNote(item.note)).sort(newestFirst);
}

export type MarkdownExportInput = {
  state: SyncState;
  /** The digest as installed now. */
  entries: readonly Entry[];
  t: Translate;
  /** When the export is made. */
  now: number;
  /** How a stamp's time is dated; by default the UTC day (2024-03-18). The UI may pass the local day. */
  formatDate?: (ms: number) => string;
};

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function itemMarkdown(item: ExportItem, t: Translate, formatDate: (ms: number) => string): string[] {
  const { entry } = item;
  const lines: string[] = [];
  const post = entry?.posts[0];
  const author = post === undefined ? '' : ` · ${escapeMarkdownLine(post.author)} ${escapeMarkdownLine(formatHandle(post.handle))}`;
  if (entry === undefined) lines.push(`### ${escapeMarkdownLine(item.uids.join(', '))}`);
  else if (item.isInDigest) lines.push(`### ${entry.date} · ${escapeMarkdownLine(t('entryNumber', entryLabel(entry.id)))}${author}`);
  else lines.push(`### ${escapeMarkdownLine(t('orphanFormerly', entryLabel(entry.id), formatEntryDate(entry.date)))}${author}`);
  lines.push('');
  const title = entry === undefined ? '' : entryTitle(entry);
  lines.push(title === '' ? escapeMarkdownLine(t('orphanTextUnknown')) : escapeMarkdownLine(title), '');
  const dateOf = (stamp: HlcStamp) => formatDate(parseStamp(stamp).wall);
  if (item.saved?.isSaved === true) lines.push(`- ${escapeMarkdownLine(t('exportSavedOn', dateOf(item.saved.stamp)))}`);
  if (item.note !== undefined && isNonEmptyNote(item.note)) {
    lines.push(`- ${escapeMarkdownLine(t('exportNoteOf', dateOf(item.note.stamp)))}`, '');
    for (const noteLine of item.note.text.split(/\r\n|\r|\n/)) {
      const escaped = escapeMarkdownLine(noteLine);
      lines.push(escaped === '' ? '>' : `> ${escaped}`);
    }
  }
  lines.push('');
  if (entry !== undefined && entry.urls.length > 0) {
    lines.push(escapeMarkdownLine(t('exportLinks')), '');
    for (const url of entry.urls) lines.push(linkLine(url));
    lines.push('');
  }
  return lines;
}

/**
 * Saved entries and entries with notes, newest first: each with its date, number, author, title
 * line, when it was saved, the note and the entry's links; those that left the digest after, as
 * anchored. All text is escaped (escapeMarkdownLine): it reads the same rendered or raw.
 */
export function exportMarkdown({ state, entries, t, now, formatDate = utcDay }: MarkdownExportInput): string {
  const items = exportItems(state, entries);
  const savedCount = items.filter((item) => item.saved?.isSaved === true).length;
  const noteCount = items.filter((item) => isNonEmptyNote(item.note)).length;
  const lines = [
    `# ${escapeMarkdownLine(t('exportTitle'))}`,
    '',
    escapeMarkdownLine(t('exportSummary', savedCount, noteCount, formatDate(now))),
    '',
  ];
  const inDigest = items.filter((item) => item.isInDigest);
  const orphans = items.filter((item) => !item.isInDigest);
  if (inDigest.length > 0) {
    lines.push(`## ${escapeMarkdownLine(t('exportInDigest'))}`, '');
    for (const item of inDigest) lines.push(...itemMarkdown(item, t, formatDate));
  }
  if (orphans.length > 0) {
    lines.push(`## ${escapeMarkdownLine(t('orphansTitle'))}`, '');
    for (const item of orphans) lines.push(...itemMarkdown(item, t, formatDate));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
