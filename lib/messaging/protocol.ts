// The one message protocol between extension parts: each message a verb with one data object in
// and one result out. Pure: types, envelopes and validators; messenger.ts does the sending.
// Requests are validated here because any page can reach a content script, and through it, us.

import type { Entry } from '../corpus/types';
import { MAX_QUERY_LENGTH, MAX_RESULTS } from '../search/limits';
import type { SearchResponse } from '../search/search-entries';

export type ProtocolMap = {
  searchEntries: { request: { query: string; limit: number }; response: SearchResponse };
  getEntry: { request: { id: number }; response: Entry | null };
};

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
    throw new MessageValidationError('id must be a non-negative integer');
  }
  return value;
}

/** Checks shape and limits of each request; returns it typed, or throws MessageValidationError. */
export const validateRequest: { [N in MessageName]: (data: unknown) => RequestOf<N> } = {
  searchEntries(data) {
    const { query, limit } = requireKeys(data, ['query', 'limit']);
    if (typeof query !== 'string') throw new MessageValidationError('query must be a string');
    if (query.length > MAX_QUERY_LENGTH) throw new MessageValidationError(`query longer than ${MAX_QUERY_LENGTH} characters`);
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_RESULTS) {
      throw new MessageValidationError(`limit must be an integer from 1 to ${MAX_RESULTS}`);
    }
    return { query, limit };
  },
  getEntry(data) {
    const { id } = requireKeys(data, ['id']);
    return { id: requireEntryId(id) };
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
