// The one message protocol, every direction: each message a verb with one data object in and one
// result out, defined once in MESSAGES (receiver, senders, result type, validator). Pure; messenger.ts
// sends and listens. Validated here because any page can reach a content script, and through it, us.

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

/** Who sends: one of our pages (popup, reader, options), a content script speaking for a web page, or the background. */
export type Sender = 'extensionPage' | 'contentScript' | 'background';

/** Who receives: the background (requests), a tab's content script (commands), every open extension page (events). */
export type Receiver = 'background' | 'contentScript' | 'extensionPages';

/** Each direction has its own tag, so a listener leaves the other directions' messages alone. */
export const PROTOCOL_TAGS = {
  background: 'sidenote/1',
  contentScript: 'sidenote-tab/1',
  extensionPages: 'sidenote-event/1',
} as const satisfies Record<Receiver, string>;
export const PROTOCOL_TAG = PROTOCOL_TAGS.background;
export const EVENT_PROTOCOL_TAG = PROTOCOL_TAGS.extensionPages;

/** What a message is answered with, carried by its spec's type (the value is always undefined). */
type Answer<R> = R | undefined;

/** One message: who may send it, its result's type, and its data's check (which gives the data's type). */
export type MessageSpec = {
  readonly from: readonly Sender[];
  readonly answer: unknown;
  readonly validate: (data: unknown) => unknown;
};

/** The messages one receiver receives, by name. */
type MessageGroup = Record<string, MessageSpec>;

export class MessageValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageValidationError';
  }
}

const MAX_PAGE_URL_LENGTH = 8192;
const MAX_URL_LENGTH = 2048;
const MAX_CREDENTIAL_LENGTH = 1024;
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

const MAX_OFFSET = 1_000_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const MAX_CHANGED_MARKS = 100_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireKeys(data: unknown, keys: string[]): Record<string, unknown> {
  if (!isRecord(data)) throw new MessageValidationError('message data must be an object');
  const extra = Object.keys(data).filter((key) => !keys.includes(key));
  if (extra.length > 0) throw new MessageValidationError(`unexpected field(s): ${extra.join(', ')}`);
  return data;
}

function requireNothing(data: unknown): Record<string, never> {
  requireKeys(data, []);
  return {};
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

function requireMarks(value: unknown): EntryMarks[] {
  if (!Array.isArray(value) || value.length > MAX_CHANGED_MARKS) throw new MessageValidationError('marks must be a list');
  return value.map((item: unknown) => {
    const { entryId, isSaved, hasNote } = requireKeys(item, ['entryId', 'isSaved', 'hasNote']);
    return { entryId: requireEntryId(entryId), isSaved: requireBoolean(isSaved, 'isSaved'), hasNote: requireBoolean(hasNote, 'hasNote') };
  });
}

function requireUserDataChange(value: unknown): UserDataChange {
  const data = requireKeys(value, ['kind', 'marks', 'reason']);
  const { kind } = data;
  if (kind === 'entries') return { kind, marks: requireMarks(data.marks) };
  if (kind === 'settings' || kind === 'sync') return { kind };
  if (kind === 'all') {
    if (data.reason !== undefined && data.reason !== 'storageCleared') throw new MessageValidationError('unknown reason');
    return data.reason === undefined ? { kind } : { kind, reason: data.reason };
  }
  throw new MessageValidationError('unknown change kind');
}

/** Our own pages may ask the background anything. */
const PAGES = ['extensionPage'] as const;
/** What the card needs: a content script speaks for a hostile page, so it may send only these. */
const PAGES_AND_CARDS = ['extensionPage', 'contentScript'] as const;
const BACKGROUND = ['background'] as const;

// The protocol map is MESSAGES below, by receiver. Each receiver's part is its own constant so that
// a bundle holds only the validators of what it receives (the card's script: its two commands).

/** Requests to the background, answered with a result or an error. */
export const BACKGROUND_MESSAGES = {
  searchEntries: {
    from: PAGES,
    answer: undefined as Answer<SearchResponse>,
    validate(data): SearchRequest {
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
  },
  getEntry: {
    from: PAGES,
    answer: undefined as Answer<EntryView | null>,
    validate(data): { id: number } {
      const { id } = requireKeys(data, ['id']);
      return { id: requireEntryId(id) };
    },
  },
  setSaved: {
    from: PAGES_AND_CARDS,
    answer: undefined as Answer<EntryUserState>,
    validate(data): { entryId: number; isSaved: boolean } {
      const { entryId, isSaved } = requireKeys(data, ['entryId', 'isSaved']);
      return { entryId: requireEntryId(entryId), isSaved: requireBoolean(isSaved, 'isSaved') };
    },
  },
  /** Saved only if the note is still the one stamped `baseNoteStamp` (null: there was none); else a conflict. */
  setNote: {
    from: PAGES,
    answer: undefined as Answer<NoteWriteResult>,
    validate(data): { entryId: number; text: string; baseNoteStamp: ChangeStamp | null } {
      const { entryId, text, baseNoteStamp } = requireKeys(data, ['entryId', 'text', 'baseNoteStamp']);
      if (typeof text !== 'string') throw new MessageValidationError('text must be a string');
      if (text.length > MAX_NOTE_LENGTH) throw new MessageValidationError(`note longer than ${MAX_NOTE_LENGTH} characters`);
      if (baseNoteStamp !== null && !isStamp(baseNoteStamp))
        throw new MessageValidationError('baseNoteStamp must be a change stamp or null');
      return { entryId: requireEntryId(entryId), text, baseNoteStamp };
    },
  },
  listAuthors: {
    from: PAGES,
    answer: undefined as Answer<AuthorSummary[]>,
    validate: requireNothing,
  },
  /** Saves and notes whose entry left the digest. */
  listOrphans: {
    from: PAGES,
    answer: undefined as Answer<OrphanedUserData[]>,
    validate: requireNothing,
  },
  /** From the card's script: the page's URL (it stays in the browser) → entries to show. */
  matchPage: {
    from: PAGES_AND_CARDS,
    answer: undefined as Answer<PageMatchResponse>,
    validate(data): { url: string } {
      const { url } = requireKeys(data, ['url']);
      if (typeof url !== 'string' || url.length > MAX_PAGE_URL_LENGTH || !/^https?:\/\/[^/?#]/.test(url)) {
        throw new MessageValidationError(`url must be an http(s) URL of at most ${MAX_PAGE_URL_LENGTH} characters`);
      }
      return { url };
    },
  },
  openReader: {
    from: PAGES_AND_CARDS,
    answer: undefined as Answer<null>,
    validate(data): { entryId: number } {
      const { entryId } = requireKeys(data, ['entryId']);
      return { entryId: requireEntryId(entryId) };
    },
  },
  getAnnotationSettings: {
    from: PAGES,
    answer: undefined as Answer<AnnotationSettings>,
    validate: requireNothing,
  },
  setAnnotationsEnabled: {
    from: PAGES,
    answer: undefined as Answer<AnnotationSettings>,
    validate(data): { isEnabled: boolean } {
      const { isEnabled } = requireKeys(data, ['isEnabled']);
      return { isEnabled: requireBoolean(isEnabled, 'isEnabled') };
    },
  },
  setSiteMuted: {
    from: PAGES_AND_CARDS,
    answer: undefined as Answer<AnnotationSettings>,
    validate(data): { host: string; isMuted: boolean } {
      const { host, isMuted } = requireKeys(data, ['host', 'isMuted']);
      return { host: requireHost(host), isMuted: requireBoolean(isMuted, 'isMuted') };
    },
  },
  getSyncOverview: {
    from: PAGES,
    answer: undefined as Answer<SyncOverview>,
    validate: requireNothing,
  },
  /** The options page asked for the folder's origin first (a user gesture); this stores and syncs. */
  connectWebDav: {
    from: PAGES,
    answer: undefined as Answer<SyncOverview>,
    validate(data): WebDavSettings {
      const { folderUrl, username, password, passphrase } = requireKeys(data, ['folderUrl', 'username', 'password', 'passphrase']);
      return {
        folderUrl: requireText(folderUrl, 'folderUrl', MAX_URL_LENGTH),
        username: requireText(username, 'username', MAX_CREDENTIAL_LENGTH),
        password: requireText(password, 'password', MAX_CREDENTIAL_LENGTH),
        passphrase: requireText(passphrase, 'passphrase', MAX_CREDENTIAL_LENGTH),
      };
    },
  },
  disconnectWebDav: {
    from: PAGES,
    answer: undefined as Answer<SyncOverview>,
    validate: requireNothing,
  },
  setBrowserSyncEnabled: {
    from: PAGES,
    answer: undefined as Answer<SyncOverview>,
    validate(data): { isEnabled: boolean } {
      const { isEnabled } = requireKeys(data, ['isEnabled']);
      return { isEnabled: requireBoolean(isEnabled, 'isEnabled') };
    },
  },
  /** `confirmLosses`: the user saw the paused round's unsaves and cleared notes and said go ahead. */
  syncNow: {
    from: PAGES,
    answer: undefined as Answer<SyncOverview>,
    validate(data): { confirmLosses: boolean } {
      const { confirmLosses } = requireKeys(data, ['confirmLosses']);
      return { confirmLosses: requireBoolean(confirmLosses, 'confirmLosses') };
    },
  },
  renameDevice: {
    from: PAGES,
    answer: undefined as Answer<SyncOverview>,
    validate(data): { name: string } {
      const { name } = requireKeys(data, ['name']);
      return { name: requireText(name, 'name', MAX_DEVICE_NAME_LENGTH) };
    },
  },
  exportUserData: {
    from: PAGES,
    answer: undefined as Answer<ExportedFile>,
    validate(data): { format: ExportFormat } {
      const { format } = requireKeys(data, ['format']);
      if (format !== 'json' && format !== 'markdown') throw new MessageValidationError('format must be json or markdown');
      return { format };
    },
  },
  importUserData: {
    from: PAGES,
    answer: undefined as Answer<ImportResult>,
    validate(data): { text: string; passphrase: string; confirmLosses: boolean } {
      const { text, passphrase, confirmLosses } = requireKeys(data, ['text', 'passphrase', 'confirmLosses']);
      return {
        text: requireText(text, 'text', MAX_SYNC_FILE_LENGTH),
        passphrase: requireText(passphrase, 'passphrase', MAX_CREDENTIAL_LENGTH),
        confirmLosses: requireBoolean(confirmLosses, 'confirmLosses'),
      };
    },
  },
} satisfies MessageGroup;

/** Commands the background sends to one tab's content script. */
export const CONTENT_SCRIPT_MESSAGES = {
  /** The `toggle-card` command, sent to the tab it was pressed in: hide or show the card. */
  toggleCard: {
    from: BACKGROUND,
    answer: undefined as Answer<null>,
    validate: requireNothing,
  },
  /** Is the card's script in this tab's top document already? (Asked before injecting it.) */
  pingCardScript: {
    from: BACKGROUND,
    answer: undefined as Answer<null>,
    validate: requireNothing,
  },
} satisfies MessageGroup;

/** Events the background tells every open extension page (never a content script); nobody answers. */
export const EXTENSION_PAGE_MESSAGES = {
  /** User data changed: views read again what the change names. */
  userDataChanged: {
    from: BACKGROUND,
    answer: undefined as Answer<void>,
    validate: requireUserDataChange,
  },
} satisfies MessageGroup;

/**
 * The one protocol map: every message Sidenote sends, by receiver, each with who may send it, what
 * it is answered with and how its data is checked. A message added here needs a handler wherever
 * it is received (the Handlers type says so) before anything compiles.
 */
export const MESSAGES = {
  background: BACKGROUND_MESSAGES,
  contentScript: CONTENT_SCRIPT_MESSAGES,
  extensionPages: EXTENSION_PAGE_MESSAGES,
} satisfies Record<Receiver, MessageGroup>;

type Protocol = typeof MESSAGES;
/** The messages `R` receives. */
export type MessageTo<R extends Receiver> = keyof Protocol[R] & string;
type AllSpecs = Protocol['background'] & Protocol['contentScript'] & Protocol['extensionPages'];
export type MessageName = keyof AllSpecs & string;
// These take any string so that they apply to a receiver's names in generic code too.
type SpecOf<N extends string> = N extends MessageName ? AllSpecs[N] : never;
export type RequestOf<N extends string> = ReturnType<SpecOf<N>['validate']>;
export type ResponseOf<N extends string> = Exclude<SpecOf<N>['answer'], undefined>;
/** Who may send message `N`. */
export type SendersOf<N extends string> = SpecOf<N>['from'][number];
/** The messages `S` may send to `R`. */
export type MessageFrom<S extends Sender, R extends Receiver> = { [N in MessageTo<R>]: S extends SendersOf<N> ? N : never }[MessageTo<R>];
/** What the background tells open extension pages. */
export type EventName = MessageTo<'extensionPages'>;

export type ResponseEnvelope<N extends string = MessageName> =
  { ok: true; value: ResponseOf<N> } | { ok: false; error: { name: string; message: string } };

/** The names of the messages `receiver` receives, in the map's order. */
export function messagesTo<R extends Receiver>(receiver: R): MessageTo<R>[] {
  return Object.keys(MESSAGES[receiver]) as MessageTo<R>[];
}

/**
 * Reads an incoming envelope for the receiver whose messages are `group`; undefined when it is not
 * one (other listeners may want it). It takes the receiver's part, not MESSAGES, so that a bundle
 * holds only the validators of what it receives.
 */
export function parseEnvelope<G extends MessageGroup>(
  receiver: Receiver,
  group: G,
  message: unknown,
): { name: keyof G & string; data: unknown } | undefined {
  if (!isRecord(message) || message.protocol !== PROTOCOL_TAGS[receiver]) return undefined;
  // Own names only: `toString` and other inherited names are not messages.
  if (typeof message.name !== 'string' || !Object.hasOwn(group, message.name)) {
    throw new MessageValidationError(`unknown ${receiver === 'extensionPages' ? 'event' : 'message'} "${String(message.name)}"`);
  }
  return { name: message.name, data: message.data };
}

/** Parses a request to the background; undefined when it is not ours. */
export function parseRequestEnvelope(message: unknown): { name: MessageTo<'background'>; data: unknown } | undefined {
  return parseEnvelope('background', BACKGROUND_MESSAGES, message);
}

/** Checks an event from the background; undefined when the message is not an event of ours. */
export function parseEventEnvelope(message: unknown): { name: EventName; data: RequestOf<EventName> } | undefined {
  const parsed = parseEnvelope('extensionPages', EXTENSION_PAGE_MESSAGES, message);
  return parsed && { name: parsed.name, data: EXTENSION_PAGE_MESSAGES[parsed.name].validate(parsed.data) };
}
