import { describe, expect, it } from 'vitest';
import { kindOfStatus, parseRetryAfter, WebDavError, webDavErrorFromResponse } from '../../lib/sync/webdav-error';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');

describe('kindOfStatus', () => {
  it.each([
    [200, null],
    [207, null],
    [304, null],
    [400, 'rejected'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'notFound'],
    [405, 'methodNotAllowed'],
    [408, 'timeout'],
    [409, 'conflict'],
    [410, 'rejected'],
    [413, 'rejected'],
    [423, 'locked'],
    [429, 'rateLimited'],
    [500, 'serverError'],
    [501, 'methodNotAllowed'],
    [502, 'serverError'],
    [503, 'rateLimited'],
    [504, 'serverError'],
    [507, 'insufficientStorage'],
  ] as const)('HTTP %i → %s', (status, kind) => {
    expect(kindOfStatus(status)).toBe(kind);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 21 Oct 2026 07:28:30 GMT', 30_000],
    ['Wednesday, 21-Oct-26 07:29:00 GMT', 60_000],
    ['Wed, 21 Oct 2026 07:00:00 GMT', 0],
    [null, null],
    ['', null],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['Wed, 99 Foo 2026 GMT', null],
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('WebDavError', () => {
  it.each([
    [423, 'locked', true],
    [429, 'rateLimited', true],
    [503, 'rateLimited', true],
    [500, 'serverError', true],
    [401, 'unauthorized', false],
    [409, 'conflict', false],
    [507, 'insufficientStorage', false],
  ] as const)('HTTP %i is %s, retryable: %s', (status, kind, isRetryable) => {
    const error = webDavErrorFromResponse(status, new Headers({ 'Retry-After': '3' }), 'GET a.json', NOW);
    expect(error).toBeInstanceOf(WebDavError);
    expect(error).toMatchObject({ name: 'WebDavError', kind, status, isRetryable });
    expect(error.message).toBe(`GET a.json: HTTP ${status}`);
    // Retry-After is read where it means something: 429/503 and a lock held.
    expect(error.retryAfterMs).toBe(kind === 'rateLimited' || kind === 'locked' ? 3_000 : null);
  });
});
