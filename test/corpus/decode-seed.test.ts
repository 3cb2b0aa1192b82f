import { describe, expect, it } from 'vitest';
import { decodeSeed } from '../../lib/corpus/decode-seed';
import { CorpusFormatError } from '../../lib/corpus/parse-digest';
import { MAX_LINE_LENGTH } from '../../lib/corpus/seed-limits';
import { readSeedFiles } from '../support/seed';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytesOf = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)));

const GOOD = '### 01\n\n2024-03-01\n\n宝玉\n@dotey\n';

describe('decodeSeed', () => {
  it('decodes the real seed unchanged', () => {
    for (const seed of readSeedFiles()) {
      expect(decodeSeed(seed.bytes, seed.name)).toBe(Buffer.from(seed.bytes).toString('utf8'));
    }
  });

  it.each([
    ['tabs, CRLF line breaks and U+FFFD as text', 'a\tb\r\nc\uFFFDd\r\n', 'a\tb\r\nc\uFFFDd\r\n'],
    ['a byte-order mark (dropped)', '\uFEFF### 01\n', '### 01\n'],
    ['a line exactly at the limit', 'x'.repeat(MAX_LINE_LENGTH), 'x'.repeat(MAX_LINE_LENGTH)],
    ['a CRLF line at the limit (CR not counted)', `${'x'.repeat(MAX_LINE_LENGTH)}\r\n`, `${'x'.repeat(MAX_LINE_LENGTH)}\r\n`],
    ['an empty file', '', ''],
  ])('accepts %s', (_label, text, expected) => {
    expect(decodeSeed(utf8(text), 'seeds/ok.txt')).toBe(expected);
  });

  it.each<[string, Uint8Array, number, string | RegExp]>([
    ['an invalid byte', bytesOf(GOOD, 'hello ', [0xff], ' world\n'), 7, 'invalid UTF-8'],
    ['a lone continuation byte on line 1', bytesOf([0x80], '\n', GOOD), 1, 'invalid UTF-8'],
    ['a sequence cut by a line break', bytesOf(GOOD, [0xe5, 0xae], '\nmore\n'), 7, 'invalid UTF-8'],
    ['a sequence cut by the end of the file', bytesOf(GOOD, 'x\n', [0xe5, 0xae]), 8, 'invalid UTF-8'],
    ['an overlong encoding of "/"', bytesOf(GOOD, [0xc0, 0xaf], '\n'), 7, 'invalid UTF-8'],
    ['an encoded surrogate', bytesOf(GOOD, [0xed, 0xa0, 0x80], '\n'), 7, 'invalid UTF-8'],
    ['NUL', bytesOf(GOOD, 'hel\0lo\n'), 7, 'control character U+0000 at column 4'],
    ['an escape (C0)', bytesOf(GOOD, '\x1b[31mred\n'), 7, 'control character U+001B at column 1'],
    ['a form feed (C0)', bytesOf('a\nb\fc\n'), 2, 'control character U+000C at column 2'],
    ['DEL', bytesOf(GOOD, 'x\x7f\n'), 7, 'control character U+007F at column 2'],
    ['a C1 control (NEL)', bytesOf(GOOD, 'x\u0085y\n'), 7, 'control character U+0085 at column 2'],
    ['a C1 control (CSI)', bytesOf('\u009b\n'), 1, 'control character U+009B at column 1'],
    ['a lone carriage return', bytesOf('a\r\nb\rc\r\n'), 2, 'carriage return not followed by a line feed at column 2'],
    ['a carriage return ending the file', bytesOf('a\nb\r'), 2, 'carriage return not followed by a line feed'],
    [
      'an over-long line',
      bytesOf(GOOD, `${'x'.repeat(MAX_LINE_LENGTH + 1)}\n`),
      7,
      `line is ${MAX_LINE_LENGTH + 1} characters long (the limit is ${MAX_LINE_LENGTH}`,
    ],
    ['an over-long last line', bytesOf(GOOD, 'y\n', '中'.repeat(MAX_LINE_LENGTH + 1)), 8, 'characters long'],
  ])('rejects %s with file and line', (_label, bytes, line, reason) => {
    const attempt = () => decodeSeed(bytes, 'seeds/bad.txt');
    expect(attempt).toThrow(CorpusFormatError);
    expect(attempt).toThrow(new RegExp(`^seeds/bad\\.txt:${line}: `));
    expect(attempt).toThrow(reason);
  });
});
