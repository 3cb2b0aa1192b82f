// Checks a SyncState that came from outside (a server, a file, another device) field by field:
// types, key shapes, stamps, sizes; no extra fields. A hostile server can write anything, so
// nothing unchecked reaches the merge. Pure; throws SyncFileFormatError('invalid') naming the field.

import { MAX_ENTRY_LENGTH, MAX_ENTRY_LINES, MAX_ENTRY_URLS, MAX_LINE_LENGTH } from '../corpus/seed-limits';
import type { EditorNote, Entry, Post, QuotedPost } from '../corpus/types';
import { CARDS_SWITCH, MAX_NOTE_LENGTH } from '../user-data/types';
import { isStamp, type HlcStamp } from './hlc';
import { SyncFileFormatError } from './sync-file-errors';
import type { MutedSiteRegister, NoteRegister, SavedRegister, SwitchRegister, SyncAnchor, SyncState } from './sync-state';

/**
 * Most registers of one kind, and most anchors. Tombstones are kept forever and an edited entry
 * gets a new uid, so these grow; 50,000 is ~400 years of today's digest (119 entries a month)
 * all saved and noted, and still bounds the work a forged file can cause.
 */
export const MAX_REGISTERS_PER_KIND = 50_000;
/** Most muted sites: the content script matches ~70 hosts today. */
export const MAX_MUTED_SITES = 10_000;

/**
 * The uids lib/corpus/entry-identity.ts makes (a cyrb53 hash in base 36, `~n` for repeats) and the
 * `unknown-entry-<n>` placeholders of lib/user-data/legacy-migration.ts.
 */
const UID = /^(?:[0-9a-z]{1,16}(?:~[1-9][0-9]{0,5})?|unknown-entry-[0-9]{1,10})$/;
/** The hosts setSiteMuted accepts (HOST_NAME in lib/messaging/protocol.ts): canonical, lower case. */
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;
const MAX_HOST_LENGTH = 253;
/** The handles lib/corpus/parse-digest.ts accepts. */
const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_ENTRY_ID = 1_000_000_000;
/** A quoted post's date as written (`3月18日`, `2023年12月1日`). */
const MAX_DATE_LABEL_LENGTH = 40;
/** A display name; the parser allows 60. */
const MAX_NAME_LENGTH = 200;
/**
 * All strings of one anchored entry together. An entry holds at most MAX_ENTRY_LENGTH characters
 * of text, but its URLs are also listed apart (`urls`, `sourceUrl`), so twice that.
 */
const MAX_ANCHOR_TEXT = 2 * MAX_ENTRY_LENGTH;

function fail(path: string, reason: string): never {
  throw new SyncFileFormatError('invalid', `${path}: ${reason}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `path` with exactly the `required` keys and some of the `optional` ones. */
export function requireFields(
  value: unknown,
  path: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Record<string, unknown> {
  if (!isRecord(value)) fail(path, 'must be an object');
  for (const key of required) if (!Object.hasOwn(value, key)) fail(path, `missing field "${key}"`);
  const extra = Object.keys(value).filter((key) => !required.includes(key) && !optional.includes(key));
  if (extra.length > 0) fail(path, `unexpected field(s) ${extra.slice(0, 5).join(', ')}`);
  return value;
}

function requireString(value: unknown, path: string, maxLength: number, budget?: { left: number }): string {
  if (typeof value !== 'string') fail(path, 'must be a string');
  if (value.length > maxLength) fail(path, `longer than ${maxLength} characters`);
  if (budget !== undefined) {
    budget.left -= value.length;
    if (budget.left < 0) fail(path, `the entry holds more than ${MAX_ANCHOR_TEXT} characters`);
  }
  return value;
}

function requireMatch(value: unknown, path: string, pattern: RegExp, what: string, maxLength = 256): string {
  if (typeof value !== 'string' || value.length > maxLength || !pattern.test(value)) fail(path, `must be ${what}`);
  return value;
}

function requireBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'must be true or false');
  return value;
}

function requireInteger(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    fail(path, `must be an integer from ${min} to ${max}`);
  return value;
}

export function requireStamp(value: unknown, path: string): HlcStamp {
  if (!isStamp(value)) fail(path, 'must be a clock stamp');
  return value;
}

function requireArray(value: unknown, path: string, maxLength: number): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be an array');
  if (value.length > maxLength) fail(path, `more than ${maxLength} items`);
  return value;
}

/** Each field of a type, listed; the `satisfies` makes tsc flag a field added to the type but not here. */
type FieldList<T> = { required: readonly (keyof T)[]; optional: readonly (keyof T)[] };
type Covers<T, L extends FieldList<T>> = Exclude<keyof T, L['required'][number] | L['optional'][number]> extends never ? L : never;

const ENTRY_FIELDS = {
  required: ['uid', 'id', 'date', 'posts', 'urls'],
  optional: ['revisionOf', 'revisedBy'],
} as const satisfies FieldList<Entry>;
const POST_FIELDS = {
  required: ['author', 'handle', 'text', 'notes'],
  optional: ['sourceUrl', 'quote'],
} as const satisfies FieldList<Post>;
const QUOTE_FIELDS = { required: ['author', 'handle', 'dateLabel', 'text'], optional: [] } as const satisfies FieldList<QuotedPost>;
const NOTE_FIELDS = { required: ['seq', 'text', 'date'], optional: [] } as const satisfies FieldList<EditorNote>;
const _fieldListsCoverTypes: [
  Covers<Entry, typeof ENTRY_FIELDS>,
  Covers<Post, typeof POST_FIELDS>,
  Covers<QuotedPost, typeof QUOTE_FIELDS>,
  Covers<EditorNote, typeof NOTE_FIELDS>,
] = [ENTRY_FIELDS, POST_FIELDS, QUOTE_FIELDS, NOTE_FIELDS];

function fieldsOf<T>(value: unknown, path: string, fields: FieldList<T>): Record<string, unknown> {
  return requireFields(value, path, fields.required as readonly string[], fields.optional as readonly string[]);
}

function validateQuote(value: unknown, path: string, budget: { left: number }): QuotedPost {
  const quote = fieldsOf(value, path, QUOTE_FIELDS);
  return {
    author: requireString(quote.author, `${path}.author`, MAX_NAME_LENGTH, budget),
    handle: requireMatch(quote.handle, `${path}.handle`, HANDLE, 'a handle'),
    dateLabel: requireString(quote.dateLabel, `${path}.dateLabel`, MAX_DATE_LABEL_LENGTH, budget),
    text: requireString(quote.text, `${path}.text`, MAX_ENTRY_LENGTH, budget),
  };
}

function validatePost(value: unknown, path: string, budget: { left: number }): Post {
  const post = fieldsOf(value, path, POST_FIELDS);
  const result: Post = {
    author: requireString(post.author, `${path}.author`, MAX_NAME_LENGTH, budget),
    handle: requireMatch(post.handle, `${path}.handle`, HANDLE, 'a handle'),
    text: requireString(post.text, `${path}.text`, MAX_ENTRY_LENGTH, budget),
    notes: requireArray(post.notes, `${path}.notes`, MAX_ENTRY_LINES).map((note, i) => {
      const notePath = `${path}.notes[${i}]`;
      const fields = fieldsOf(note, notePath, NOTE_FIELDS);
      return {
        seq: requireInteger(fields.seq, `${notePath}.seq`, 0, MAX_ENTRY_LINES),
        text: requireString(fields.text, `${notePath}.text`, MAX_ENTRY_LENGTH, budget),
        date: requireMatch(fields.date, `${notePath}.date`, DATE, 'a date like 2024-03-01'),
      };
    }),
  };
  if (post.sourceUrl !== undefined) result.sourceUrl = requireString(post.sourceUrl, `${path}.sourceUrl`, MAX_LINE_LENGTH, budget);
  if (post.quote !== undefined) result.quote = validateQuote(post.quote, `${path}.quote`, budget);
  return result;
}

/** An anchored entry, as lib/corpus/types.ts shapes it and within the seed's limits. */
export function validateEntry(value: unknown, path: string): Entry {
  const budget = { left: MAX_ANCHOR_TEXT };
  const fields = fieldsOf(value, path, ENTRY_FIELDS);
  const entry: Entry = {
    uid: requireMatch(fields.uid, `${path}.uid`, UID, 'an entry uid'),
    id: requireInteger(fields.id, `${path}.id`, 0, MAX_ENTRY_ID),
    // Empty only in a legacy placeholder, which has no text either.
    date: fields.date === '' ? '' : requireMatch(fields.date, `${path}.date`, DATE, 'a date like 2024-03-01'),
    posts: requireArray(fields.posts, `${path}.posts`, MAX_ENTRY_LINES).map((post, i) => validatePost(post, `${path}.posts[${i}]`, budget)),
    urls: requireArray(fields.urls, `${path}.urls`, MAX_ENTRY_URLS).map((url, i) =>
      requireString(url, `${path}.urls[${i}]`, MAX_LINE_LENGTH, budget),
    ),
  };
  if (entry.date === '' && entry.posts.length > 0) fail(`${path}.date`, 'must be a date like 2024-03-01');
  if (fields.revisionOf !== undefined) entry.revisionOf = requireInteger(fields.revisionOf, `${path}.revisionOf`, 0, MAX_ENTRY_ID);
  if (fields.revisedBy !== undefined) {
    entry.revisedBy = requireArray(fields.revisedBy, `${path}.revisedBy`, MAX_ENTRY_LINES).map((id, i) =>
      requireInteger(id, `${path}.revisedBy[${i}]`, 0, MAX_ENTRY_ID),
    );
  }
  return entry;
}

/** A map of registers: keys checked against `key`, values by `validate`, at most `maxCount`. */
function validateMap<V>(
  value: unknown,
  path: string,
  key: { pattern: RegExp; what: string; maxLength: number },
  maxCount: number,
  validate: (value: unknown, path: string, key: string) => V,
): Record<string, V> {
  if (!isRecord(value)) fail(path, 'must be an object');
  const keys = Object.keys(value);
  if (keys.length > maxCount) fail(path, `more than ${maxCount} entries`);
  const result: Record<string, V> = {};
  for (const name of keys) {
    requireMatch(name, `${path} key ${JSON.stringify(name.slice(0, 40))}`, key.pattern, key.what, key.maxLength);
    result[name] = validate(value[name], `${path}[${JSON.stringify(name)}]`, name);
  }
  return result;
}

const UID_KEY = { pattern: UID, what: 'an entry uid', maxLength: 64 };

export function validateSyncState(value: unknown, path = 'state'): SyncState {
  const state = requireFields(value, path, ['saved', 'notes', 'mutedSites', 'switches', 'anchors']);
  return {
    saved: validateMap(state.saved, `${path}.saved`, UID_KEY, MAX_REGISTERS_PER_KIND, (register, at): SavedRegister => {
      const fields = requireFields(register, at, ['isSaved', 'stamp']);
      return { isSaved: requireBoolean(fields.isSaved, `${at}.isSaved`), stamp: requireStamp(fields.stamp, `${at}.stamp`) };
    }),
    notes: validateMap(state.notes, `${path}.notes`, UID_KEY, MAX_REGISTERS_PER_KIND, (register, at): NoteRegister => {
      const fields = requireFields(register, at, ['text', 'stamp']);
      return { text: requireString(fields.text, `${at}.text`, MAX_NOTE_LENGTH), stamp: requireStamp(fields.stamp, `${at}.stamp`) };
    }),
    mutedSites: validateMap(
      state.mutedSites,
      `${path}.mutedSites`,
      { pattern: HOST, what: 'a host name', maxLength: MAX_HOST_LENGTH },
      MAX_MUTED_SITES,
      (register, at): MutedSiteRegister => {
        const fields = requireFields(register, at, ['isMuted', 'stamp']);
        return { isMuted: requireBoolean(fields.isMuted, `${at}.isMuted`), stamp: requireStamp(fields.stamp, `${at}.stamp`) };
      },
    ),
    switches: validateMap(
      state.switches,
      `${path}.switches`,
      { pattern: new RegExp(`^${CARDS_SWITCH}$`), what: `"${CARDS_SWITCH}"`, maxLength: CARDS_SWITCH.length },
      1,
      (register, at): SwitchRegister => {
        const fields = requireFields(register, at, ['isOn', 'stamp']);
        return { isOn: requireBoolean(fields.isOn, `${at}.isOn`), stamp: requireStamp(fields.stamp, `${at}.stamp`) };
      },
    ),
    anchors: validateMap(state.anchors, `${path}.anchors`, UID_KEY, MAX_REGISTERS_PER_KIND, (anchor, at, uid): SyncAnchor => {
      const fields = requireFields(anchor, at, ['entry', 'anchoredAt']);
      const entry = validateEntry(fields.entry, `${at}.entry`);
      if (entry.uid !== uid) fail(`${at}.entry.uid`, 'must be the uid the anchor is filed under');
      return { entry, anchoredAt: requireStamp(fields.anchoredAt, `${at}.anchoredAt`) };
    }),
  };
}
