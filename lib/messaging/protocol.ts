// The one message protocol between extension parts: each message a verb with one data object in
// and one result out, plus the events the background tells open pages. Pure: types, envelopes
// and validators; messenger.ts does the sending.
// Requests are validated here because any page can reach a content script, and through it, us.

import type { PageMatchResponse } from '../annotate/page-match';
import type { AuthorSummary } from '../corpus/authors';
import type { EntryView } from '../reader/entry-view';
import type { EntryFilters } from '../search/entry-filters';
import { MAX_QUERY_LENGTH, MAX_RESULTS } from '../search/limits';
import type { SearchRequest, SearchResponse } from '../search/search-entries';
import type {
  AnnotationSettings,
  ChangeStamp,
  EntryMarks,
  EntryUserState,
  NoteWriteResult,
  OrphanedUserData,
  UserDataChange,
} from '../user-data/types';
import { isStamp } from '../sync/hlc';
import type { ExportedFile, ExportFormat, ImportResult, SyncOverview, WebDavSettings } from '../sync/sync-status';
import { MAX_DEVICE_NAME_LENGTH, MAX_SYNC_FILE_LENGTH } from '../sync/sync-file';
import { MAX_NOTE_LENGTH } from '../user-data/types';

export type ProtocolMap = {
  searchEntries: { request: SearchRequest; response: SearchResponse };
  getEntry: { request: { id: number }; response: EntryView | null };
  setSaved: { request: { entryId: number; isSaved: boolean }; response: EntryUserState };
  /** Saved only if the note is still the one stamped `baseNoteStamp` (null: there was none); else a conflict. */
  setNote: { request: { entryId: number; text: string; baseNoteStamp: ChangeStamp | null }; response: NoteWriteResult };
  listAuthors: { request: Record<string, never>; response: AuthorSummary[] };
  /** Saves and notes whose entry left the digest. */
  listOrphans: { request: Record<string, never>; response: OrphanedUserData[] };
  /** From the content script: the page's URL (it stays in the browser) → entries to show. */
  matchPage: { request: { url: string }; response: PageMatchResponse };
  openReader: { request: { entryId: number }; response: null };
  getAnnotationSettings: { request: Record<string, never>; response: AnnotationSettings };
  setAnnotationsEnabled: { request: { isEnabled: boolean }; response: AnnotationSettings };
  setSiteMuted: { request: { host: string; isMuted: boolean }; response: AnnotationSettings };
  getSyncOverview: { request: Record<string, never>; response: SyncOverview };
  /** The options page asked for the folder's origin first (a user gesture); this stores and syncs. */
  connectWebDav: { request: WebDavSettings; response: SyncOverview };
  disconnectWebDav: { request: Record<string, never>; response: SyncOverview };
  setBrowserSyncEnabled: { request: { isEnabled: boolean }; response: SyncOverview };
  /** `confirmLosses`: the user saw the paused round's unsaves and cleared notes and said go ahead. */
  syncNow: { request: { confirmLosses: boolean }; response: SyncOverview };
  renameDevice: { request: { name: string }; response: SyncOverview };
  exportUserData: { request: { format: ExportFormat }; response: ExportedFile };
  importUserData: { request: { text: string; passphrase: string; confirmLosses: boolean }; response: ImportResult };
};

/** What the background tells every open extension page (never a content script). */
export type EventMap = {
  userDataChanged: UserDataChange;
};

const MAX_PAGE_URL_LENGTH = 8192;
const MAX_URL_LENGTH = 2048;
const MAX_CREDENTIAL_LENGTH = 1024;
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

const MAX_OFFSET = 1_000_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HANDLE = /^[A-Za-z0-9_]{1,15}$/;

export type MessageName = keyof ProtocolMap;
export type RequestOf<N extends MessageName> = ProtocolMap[N]['request'];
export type ResponseOf<N extends MessageName> = ProtocolMap[N]['response'];

export const PROTOCOL_TAG = 'sidenote/1';

export type RequestEnvelope<N extends MessageName = MessageName> = { protocol: typeof PROTOCOL_TAG; name: N; data: RequestOf<N> };
export type ResponseEnvelope<N extends MessageName = MessageName> =
  { ok: true; value: ResponseOf<N> } | { ok: false; error: { name: string; message: string } };

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
  for (const [name, date] of [
    ['from', from],
    ['to', to],
  ] as const) {
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
    const { entryId, text, baseNoteStamp } = requireKeys(data, ['entryId', 'text', 'baseNoteStamp']);
    if (typeof text !== 'string') throw new MessageValidationError('text must be a string');
    if (text.length > MAX_NOTE_LENGTH) throw new MessageValidationError(`note longer than ${MAX_NOTE_LENGTH} characters`);
    if (baseNoteStamp !== null && !isStamp(baseNoteStamp)) throw new MessageValidationError('baseNoteStamp must be a change stamp or null');
    return { entryId: requireEntryId(entryId), text, baseNoteStamp };
  },
  listAuthors(data) {
    requireKeys(data, []);
    return {};
  },
  listOrphans(data) {
    requireKeys(data, []);
    return {};
  },
  matchPage(data) {
    const { url } = requireKeys(data, ['url']);
    if (typeof url !== 'string' || url.length > MAX_PAGE_URL_LENGTH || !/^https?:\/\/[^/?#]/.test(url)) {
      throw new MessageValidationError(`url must be an http(s) URL of at most ${MAX_PAGE_URL_LENGTH} characters`);
    }
    return { url };
  },
  openReader(data) {
    const { entryId } = requireKeys(data, ['entryId']);
    return { entryId: requireEntryId(entryId) };
  },
  getAnnotationSettings(data) {
    requireKeys(data, []);
    return {};
  },
  setAnnotationsEnabled(data) {
    const { isEnabled } = requireKeys(data, ['isEnabled']);
    return { isEnabled: requireBoolean(isEnabled, 'isEnabled') };
  },
  setSiteMuted(data) {
    const { host, isMuted } = requireKeys(data, ['host', 'isMuted']);
    return { host: requireHost(host), isMuted: requireBoolean(isMuted, 'isMuted') };
  },
  getSyncOverview(data) {
    requireKeys(data, []);
    return {};
  },
  connectWebDav(data) {
    const { folderUrl, username, password, passphrase } = requireKeys(data, ['folderUrl', 'username', 'password', 'passphrase']);
    return {
      folderUrl: requireText(folderUrl, 'folderUrl', MAX_URL_LENGTH),
      username: requireText(username, 'username', MAX_CREDENTIAL_LENGTH),
      password: requireText(password, 'password', MAX_CREDENTIAL_LENGTH),
      passphrase: requireText(passphrase, 'passphrase', MAX_CREDENTIAL_LENGTH),
    };
  },
  disconnectWebDav(data) {
    requireKeys(data, []);
    return {};
  },
  setBrowserSyncEnabled(data) {
    const { isEnabled } = requireKeys(data, ['isEnabled']);
    return { isEnabled: requireBoolean(isEnabled, 'isEnabled') };
  },
  syncNow(data) {
    const { confirmLosses } = requireKeys(data, ['confirmLosses']);
    return { confirmLosses: requireBoolean(confirmLosses, 'confirmLosses') };
  },
  renameDevice(data) {
    const { name } = requireKeys(data, ['name']);
    return { name: requireText(name, 'name', MAX_DEVICE_NAME_LENGTH) };
  },
  exportUserData(data) {
    const { format } = requireKeys(data, ['format']);
    if (format !== 'json' && format !== 'markdown') throw new MessageValidationError('format must be json or markdown');
    return { format };
  },
  importUserData(data) {
    const { text, passphrase, confirmLosses } = requireKeys(data, ['text', 'passphrase', 'confirmLosses']);
    return {
      text: requireText(text, 'text', MAX_SYNC_FILE_LENGTH),
      passphrase: requireText(passphrase, 'passphrase', MAX_CREDENTIAL_LENGTH),
      confirmLosses: requireBoolean(confirmLosses, 'confirmLosses'),
    };
  },
};

function requireText(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length > maxLength)
    throw new MessageValidationError(`${name} must be text of at most ${maxLength} characters`);
  return value;
}

function requireHost(value: unknown): string {
  if (typeof value !== 'string' || value.length > 253 || !HOST_NAME.test(value))
    throw new MessageValidationError('host must be a host name');
  return value;
}

/** Which messages a content script may send: it speaks for a hostile page, so only these. */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageName> = new Set<MessageName>([
  'matchPage',
  'setSaved',
  'openReader',
  'setSiteMuted',
]);

export const EVENT_PROTOCOL_TAG = 'sidenote-event/1';
export type EventName = keyof EventMap;
export type EventEnvelope<N extends EventName = EventName> = { protocol: typeof EVENT_PROTOCOL_TAG; name: N; data: EventMap[N] };

const MAX_CHANGED_MARKS = 100_000;

function requireMarks(value: unknown): EntryMarks[] {
  if (!Array.isArray(value) || value.length > MAX_CHANGED_MARKS) throw new MessageValidationError('marks must be a list');
  return value.map((item: unknown) => {
    const { entryId, isSaved, hasNote } = requireKeys(item, ['entryId', 'isSaved', 'hasNote']);
    return { entryId: requireEntryId(entryId), isSaved: requireBoolean(isSaved, 'isSaved'), hasNote: requireBoolean(hasNote, 'hasNote') };
  });
}

/** Checks an event from the background; undefined when the message is not an event of ours. */
export function parseEventEnvelope(message: unknown): { name: 'userDataChanged'; data: UserDataChange } | undefined {
  if (!isRecord(message) || message.protocol !== EVENT_PROTOCOL_TAG) return undefined;
  if (message.name !== 'userDataChanged') throw new MessageValidationError(`unknown event "${String(message.name)}"`);
  const { kind } = requireKeys(message.data, ['kind', 'marks', 'reason']);
  const data = message.data as Record<string, unknown>;
  if (kind === 'entries') return { name: 'userDataChanged', data: { kind, marks: requireMarks(data.marks) } };
  if (kind === 'settings' || kind === 'sync') return { name: 'userDataChanged', data: { kind } };
  if (kind === 'all') {
    if (data.reason !== undefined && data.reason !== 'storageCleared') throw new MessageValidationError('unknown reason');
    return { name: 'userDataChanged', data: data.reason === undefined ? { kind } : { kind, reason: data.reason } };
  }
  throw new MessageValidationError('unknown change kind');
}

export function isMessageName(value: unknown): value is MessageName {
  return typeof value === 'string' && Object.hasOwn(validateRequest, value);
}

/** Parses an incoming message; undefined when it is not ours (other listeners may want it). */
export function parseRequestEnvelope(message: unknown): { name: MessageName; data: unknown } | undefined {
  if (!isRecord(message) || message.protocol !== PROTOCOL_TAG) return undefined;
  if (!isMessageName(message.name)) throw new MessageValidationError(`unknown message "${String(message.name)}"`);
  return { name: message.name, data: message.data };
}
