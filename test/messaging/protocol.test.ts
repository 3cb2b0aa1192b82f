import { describe, expect, it } from 'vitest';
import {
  EVENT_PROTOCOL_TAG,
  MESSAGES,
  MessageValidationError,
  parseEventEnvelope,
  parseRequestEnvelope,
  PROTOCOL_TAG,
} from '../../lib/messaging/protocol';

describe("each message's validator", () => {
  it.each([
    ['searchEntries', { query: '长文本', limit: 30 }],
    ['searchEntries', { query: '', limit: 1 }],
    ['getEntry', { id: 58 }],
    [
      'searchEntries',
      {
        query: 'x',
        limit: 5,
        offset: 100,
        filters: { author: 'op7418', from: '2024-03-01', to: '2024-03-09', isSavedOnly: true, hasNote: false },
      },
    ],
    ['setSaved', { entryId: 7, isSaved: true }],
    ['setNote', { entryId: 7, text: '笔记 <b>stays text</b>', baseNoteStamp: null }],
    ['setNote', { entryId: 7, text: '', baseNoteStamp: '0m3k1l7c0:0002:k3j9x2ab7q' }],
    ['listAuthors', {}],
    ['listOrphans', {}],
    ['matchPage', { url: 'https://github.com/myshell-ai/AIlice?tab=readme-ov-file#readme' }],
    ['openReader', { entryId: 4 }],
    ['setSiteMuted', { host: 'mp.weixin.qq.com', isMuted: true }],
    ['setAnnotationsEnabled', { isEnabled: false }],
  ] as const)('accepts %s %j', (name, data) => {
    expect(MESSAGES.background[name].validate(data)).toEqual(data);
  });

  it.each([
    ['searchEntries', null, /must be an object/],
    ['searchEntries', [], /must be an object/],
    ['searchEntries', { query: 1, limit: 30 }, /query must be a string/],
    ['searchEntries', { query: 'x'.repeat(201), limit: 30 }, /longer than 200/],
    ['searchEntries', { query: 'x', limit: 0 }, /limit must be/],
    ['searchEntries', { query: 'x', limit: 101 }, /limit must be/],
    ['searchEntries', { query: 'x', limit: 1.5 }, /limit must be/],
    ['searchEntries', { query: 'x', limit: 5, extra: true }, /unexpected field/],
    ['getEntry', { id: -1 }, /non-negative integer/],
    ['getEntry', { id: '7' }, /non-negative integer/],
    ['getEntry', { id: Number.NaN }, /non-negative integer/],
    ['searchEntries', { query: 'x', limit: 5, offset: -1 }, /offset must be/],
    ['searchEntries', { query: 'x', limit: 5, filters: { author: 'not a handle!' } }, /author must be a handle/],
    ['searchEntries', { query: 'x', limit: 5, filters: { from: '3月1日' } }, /from must be a date/],
    ['searchEntries', { query: 'x', limit: 5, filters: { isSavedOnly: 'yes' } }, /isSavedOnly must be true or false/],
    ['searchEntries', { query: 'x', limit: 5, filters: { sql: '1=1' } }, /unexpected field/],
    ['setSaved', { entryId: 7, isSaved: 1 }, /isSaved must be true or false/],
    ['setNote', { entryId: 7, text: 'x'.repeat(20_001), baseNoteStamp: null }, /note longer than/],
    ['setNote', { entryId: 7, baseNoteStamp: null }, /text must be a string/],
    ['setNote', { entryId: 7, text: 'x' }, /baseNoteStamp must be/],
    ['setNote', { entryId: 7, text: 'x', baseNoteStamp: '2024' }, /baseNoteStamp must be/],
    ['setNote', { entryId: 7, text: 'x', baseNoteStamp: 1_732_000_000_000 }, /baseNoteStamp must be/],
    ['listAuthors', { all: true }, /unexpected field/],
    ['listOrphans', { uid: 'x' }, /unexpected field/],
    ['matchPage', { url: `https://github.com/${'x'.repeat(8192)}` }, /url must be/],
    ['matchPage', { url: 'javascript:alert(1)' }, /url must be/],
    ['matchPage', { url: 'chrome-extension://id/reader.html' }, /url must be/],
    ['matchPage', { url: 42 }, /url must be/],
    ['matchPage', { url: 'https://github.com/a/b', exact: 'k' }, /unexpected field/],
    ['setSiteMuted', { host: '<script>', isMuted: true }, /host must be a host name/],
    ['openReader', { entryId: 'all' }, /non-negative integer/],
  ] as const)('rejects %s %j', (name, data, reason) => {
    expect(() => MESSAGES.background[name].validate(data)).toThrow(MessageValidationError);
    expect(() => MESSAGES.background[name].validate(data)).toThrow(reason);
  });
});

describe('parseRequestEnvelope', () => {
  it('ignores messages of other protocols', () => {
    expect(parseRequestEnvelope({ type: 'other' })).toBeUndefined();
    expect(parseRequestEnvelope('hello')).toBeUndefined();
  });

  it('rejects unknown verbs, including inherited property names', () => {
    expect(() => parseRequestEnvelope({ protocol: PROTOCOL_TAG, name: 'dropTables', data: {} })).toThrow(/unknown message/);
    expect(() => parseRequestEnvelope({ protocol: PROTOCOL_TAG, name: 'toString', data: {} })).toThrow(/unknown message/);
  });
});

describe('parseEventEnvelope', () => {
  const event = (data: unknown) => ({ protocol: EVENT_PROTOCOL_TAG, name: 'userDataChanged', data });

  it.each([
    [{ kind: 'entries', marks: [{ entryId: 4, isSaved: true, hasNote: false }] }],
    [{ kind: 'settings' }],
    [{ kind: 'all' }],
    [{ kind: 'all', reason: 'storageCleared' }],
  ])('accepts %j', (data) => {
    expect(parseEventEnvelope(event(data))).toEqual({ name: 'userDataChanged', data });
  });

  it.each([
    [{ kind: 'entries', marks: [{ entryId: -1, isSaved: true, hasNote: false }] }, /entry id/],
    [{ kind: 'entries', marks: [{ entryId: 4, isSaved: 'yes', hasNote: false }] }, /isSaved/],
    [{ kind: 'entries', marks: 'all' }, /marks must be a list/],
    [{ kind: 'entries', marks: [{ entryId: 4, isSaved: true, hasNote: false, note: 'leak' }] }, /unexpected field/],
    [{ kind: 'drop' }, /unknown change kind/],
    [{ kind: 'all', reason: 'because' }, /unknown reason/],
  ])('rejects %j', (data, reason) => {
    expect(() => parseEventEnvelope(event(data))).toThrow(reason);
  });

  it('ignores other messages and rejects unknown events', () => {
    expect(parseEventEnvelope({ protocol: PROTOCOL_TAG, name: 'getEntry', data: { id: 1 } })).toBeUndefined();
    expect(() => parseEventEnvelope({ protocol: EVENT_PROTOCOL_TAG, name: 'dropAll', data: {} })).toThrow(/unknown event/);
  });
});
