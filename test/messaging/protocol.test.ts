import { describe, expect, it } from 'vitest';
import { MessageValidationError, parseRequestEnvelope, PROTOCOL_TAG, validateRequest } from '../../lib/messaging/protocol';

describe('validateRequest', () => {
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
    ['setNote', { entryId: 7, text: '笔记 <b>stays text</b>' }],
    ['listAuthors', {}],
    ['matchPage', { exact: 'github.com/myshell-ai/ailice', related: ['site:github.com'], host: 'github.com' }],
    ['openReader', { entryId: 4 }],
    ['setSiteMuted', { host: 'mp.weixin.qq.com', isMuted: true }],
    ['setAnnotationsEnabled', { isEnabled: false }],
  ] as const)('accepts %s %j', (name, data) => {
    expect(validateRequest[name](data)).toEqual(data);
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
    ['setNote', { entryId: 7, text: 'x'.repeat(20_001) }, /note longer than/],
    ['setNote', { entryId: 7 }, /text must be a string/],
    ['listAuthors', { all: true }, /unexpected field/],
    ['matchPage', { exact: 'x'.repeat(2049), related: [], host: 'github.com' }, /exact must be a key/],
    ['matchPage', { exact: 'k', related: Array(9).fill('k'), host: 'github.com' }, /related must be/],
    ['matchPage', { exact: 'k', related: [1], host: 'github.com' }, /related must be/],
    ['matchPage', { exact: 'k', related: [], host: 'GitHub.com/evil' }, /host must be a host name/],
    ['matchPage', { url: 'https://github.com/a/b', exact: 'k', related: [], host: 'github.com' }, /unexpected field/],
    ['setSiteMuted', { host: '<script>', isMuted: true }, /host must be a host name/],
    ['openReader', { entryId: 'all' }, /non-negative integer/],
  ] as const)('rejects %s %j', (name, data, reason) => {
    expect(() => validateRequest[name](data)).toThrow(MessageValidationError);
    expect(() => validateRequest[name](data)).toThrow(reason);
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
