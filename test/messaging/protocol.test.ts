import { describe, expect, it } from 'vitest';
import { MessageValidationError, parseRequestEnvelope, PROTOCOL_TAG, validateRequest } from '../../lib/messaging/protocol';

describe('validateRequest', () => {
  it.each([
    ['searchEntries', { query: '长文本', limit: 30 }],
    ['searchEntries', { query: '', limit: 1 }],
    ['getEntry', { id: 58 }],
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
