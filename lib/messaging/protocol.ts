// The one message protocol between extension parts: each message a verb with one data object in
// and one result out. Pure: types, envelopes and validators; messenger.ts does the sending.
// Requests are validated here because any page can reach a content script, and through it, us.

import type { AuthorSummary } from '../corpus/authors';
import type { Entry } from '../corpus/types';
import type { EntryUserState } from '../db/database';
import type { EntryFilters } from '../search/entry-filters';
import { MAX_QUERY_LENGTH, MAX_RESULTS } from '../search/limits';
import type { SearchRequest, SearchResponse } from '../search/search-entries';

/** An entry with the user's state and its neighbours in timeline order (for j/k). */
export type EntryView = { entry: Entry; user: EntryUserState; previousId?: number; nextId?: number };

export type ProtocolMap = {
  searchEntries: { request: SearchRequest; response: SearchResponse };
  getEntry: { request: { id: number }; response: EntryView | null };
  setSaved: { request: { entryId: number; isSaved: boolean }; response: EntryUserState };
  setNote: { request: { entryId: number; text: string }; response: EntryUserState };
  listAuthors: { request: Record<string, never>; response: AuthorSummary[] };
};

export const MAX_NOTE_LENGTH = 20_000;
const MAX_OFFSET = 1_000_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HANDLE = /^[A-Za-z0-9_]{1,15}$/;

export type MessageName = keyof ProtocolMap;
export type RequestOf<N extends MessageName> = ProtocolMap[N]['request'];
export type ResponseOf<N extends MessageName> = ProtocolMap[N]['response'];

export const PROTOCOL_TAG = 'sidenote/1';

export type RequestEnvelope<N extends MessageName = MessageName> = { protocol: typeof PROTOCOL_TAG; name: N; data: RequestOf<N> };
export type ResponseEnvelope<N extends MessageName = MessageName> =
  | { ok: true; value: ResponseOf<N> }
  | { ok: false; error: { name: string; message: string } };

export class MessageValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageValidationError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireKeys(data: unknown, keys: string[]): Record<string, unknown> {
  if (!isRecord(data)) throw new MessageValidationError('message data must be an object');
  const extra = Object.keys(data).filter((key) => !keys.includes(key));
  if (extra.length > 0) throw new MessageValidationError(`unexpected field(s): ${extra.join(', ')}`);
  return data;
}

function requireEntryId(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > 1_000_000_000) {
    throw new MessageValidationError('entry id must be a non-negative integer');
  }
  return value;
}

function requireInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new MessageValidationError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function requireBoolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new MessageValidationError(`${name} must be true or false`);
  return value;
}

function requireFilters(value: unknown): EntryFilters {
  const { author, from, to, isSavedOnly, hasNote } = requireKeys(value, ['author', 'from', 'to', 'isSavedOnly', 'hasNote']);
  const filters: EntryFilters = {};
  if (author !== undefined) {
    if (typeof author !== 'string' || !HANDLE.test(author)) throw new MessageValidationError('author must be a handle');
    filters.author = author;
  }
  for (const [name, date] of [['from', from], ['to', to]] as const) {
    if (date === undefined) continue;
    if (typeof date !== 'string' || !DATE.test(date)) throw new MessageValidationError(`${name} must be a date like 2024-03-01`);
    filters[name] = date;
  }
  if (isSavedOnly !== undefined) filters.isSavedOnly = requireBoolean(isSavedOnly, 'isSavedOnly');
  if (hasNote !== undefined) filters.hasNote = requireBoolean(hasNote, 'hasNote');
  return filters;
}

/** Checks shape and limits of each request; returns it typed, or throws MessageValidationError. */
export const validateRequest: { [N in MessageName]: (data: unknown) => RequestOf<N> } = {
  searchEntries(data) {
    const { query, limit, offset, filters } = requireKeys(data, ['query', 'limit', 'offset', 'filters']);
    if (typeof query !== 'string') throw new MessageValidationError('query must be a string');
    if (query.length > MAX_QUERY_LENGTH) throw new MessageValidationError(`query longer than ${MAX_QUERY_LENGTH} characters`);
    return {
      query,
      limit: requireInteger(limit, 'limit', 1, MAX_RESULTS),
      ...(offset === undefined ? {} : { offset: requireInteger(offset, 'offset', 0, MAX_OFFSET) }),
      ...(filters === undefined ? {} : { filters: requireFilters(filters) }),
    };
  },
  getEntry(data) {
    const { id } = requireKeys(data, ['id']);
    return { id: requireEntryId(id) };
  },
  setSaved(data) {
    const { entryId, isSaved } = requireKeys(data, ['entryId', 'isSaved']);
    return { entryId: requireEntryId(entryId), isSaved: requireBoolean(isSaved, 'isSaved') };
  },
  setNote(data) {
    const { entryId, text } = requireKeys(data, ['entryId', 'text']);
    if (typeof text !== 'string') throw new MessageValidationError('text must be a string');
    if (text.length > MAX_NOTE_LENGTH) throw new MessageValidationError(`note longer than ${MAX_NOTE_LENGTH} characters`);
    return { entryId: requireEntryId(entryId), text };
  },
  listAuthors(data) {
    requireKeys(data, []);
    return {};
  },
};

/** Which messages a content script may send (it speaks for a hostile page). None yet: TODO(#4). */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageName> = new Set<MessageName>();

export function isMessageName(value: unknown): value is MessageName {
  return typeof value === 'string' && Object.hasOwn(validateRequest, value);
}

/** Parses an incoming message; undefined when it is not ours (other listeners may want it). */
export function parseRequestEnvelope(message: unknown): { name: MessageName; data: unknown } | undefined {
  if (!isRecord(message) || message.protocol !== PROTOCOL_TAG) return undefined;
  if (!isMessageName(message.name)) throw new MessageValidationError(`unknown message "${String(message.name)}"`);
  return { name: message.name, data: message.data };
}
