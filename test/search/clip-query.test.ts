import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipQuery } from '../../lib/search/clip-query';
import { MAX_QUERY_LENGTH } from '../../lib/search/limits';
import { parseQuery } from '../../lib/search/query';
import { propertyRuns } from '../support/property-runs';

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

describe('clipQuery', () => {
  it.each<[string, string, string]>([
    ['short text as typed', 'ComfyUI  ', 'ComfyUI  '],
    ['exactly the limit', 'a'.repeat(MAX_QUERY_LENGTH), 'a'.repeat(MAX_QUERY_LENGTH)],
    ['Chinese between characters', '长'.repeat(250), '长'.repeat(MAX_QUERY_LENGTH)],
    ['a Latin word the limit falls in is left out', `${'ab '.repeat(66)}claude`, `${'ab '.repeat(66)}`],
    ['one long word between characters', 'x'.repeat(300), 'x'.repeat(MAX_QUERY_LENGTH)],
    ['a word begun long before the limit between characters', `a ${'y'.repeat(298)}`, `a ${'y'.repeat(198)}`],
    ['an emoji the limit splits is left out', `${'a'.repeat(199)}🙂🙂`, 'a'.repeat(199)],
    ['a family emoji whole or not at all', `${'长'.repeat(195)}👨‍👩‍👧 abc`, '长'.repeat(195)],
    ['a skin tone stays with its hand', `${'长'.repeat(198)}👍🏽 x`, '长'.repeat(198)],
    ['a letter keeps its accent', `${'长'.repeat(199)}e\u0301 x`, '长'.repeat(199)],
    ['a single emoji sequence longer than the limit', '🙂'.repeat(150), '🙂'.repeat(100)],
  ])('%s', (_case, typed, expected) => {
    expect(clipQuery(typed).query).toBe(expected);
    expect(clipQuery(typed).isClipped).toBe(typed.length > MAX_QUERY_LENGTH);
  });

  it('keeps the start of what was typed, within the limit, never ending inside a surrogate pair', () => {
    const piece = fc.constantFrom('长文本', ' ', 'GPT-4o', '😀', '👨‍👩‍👧', 'e\u0301', '，', 'word', '@dotey', '🏽', '\u200d');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), fc.integer({ min: 2, max: 60 }), (pieces, maxLength) => {
        const typed = pieces.join('');
        const { query, isClipped } = clipQuery(typed, maxLength);
        expect(typed.startsWith(query)).toBe(true);
        expect(query.length).toBeLessThanOrEqual(maxLength);
        expect(isClipped).toBe(typed.length > maxLength);
        if (isClipped) expect(query.length).toBeGreaterThan(0);
        expect(isHighSurrogate(query.charCodeAt(query.length - 1))).toBe(false);
      }),
      propertyRuns(2000),
    );
  });

  it('is what the search reads: parseQuery never sees more, nor half an emoji', () => {
    const typed = `${'a'.repeat(199)}🙂`;
    expect(parseQuery(typed).phrase).toBe('a'.repeat(199));
  });
});
