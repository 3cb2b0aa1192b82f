// Turns a seed file's bytes into text the parser can trust: strict UTF-8, no control characters,
// no line longer than MAX_LINE_LENGTH. Pure (bytes in, text out, no I/O); every refusal is a
// CorpusFormatError naming the file and line. Entry lengths are the parser's to check.

import { CorpusFormatError } from './parse-digest';
import { MAX_LINE_LENGTH } from './seed-limits';

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const TAB = 0x09;

/** C0 controls except tab, line feed and (checked separately) carriage return; DEL; C1 controls. */
function isForbiddenControl(code: number): boolean {
  return (code < 0x20 && code !== TAB && code !== LINE_FEED && code !== CARRIAGE_RETURN) || (code >= 0x7f && code <= 0x9f);
}

function codePointName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** 1-based line of the first line that is not valid UTF-8 on its own (a line feed byte never sits inside a UTF-8 sequence). */
function firstInvalidLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== LINE_FEED) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      // This line holds the first bad byte: that is the answer, not an error of ours.
      return line;
    }
    line++;
    start = i + 1;
  }
  return line - 1;
}

/**
 * Decodes a seed file. A byte-order mark is allowed (and dropped). Budget: one decode and one
 * pass over the text; locating a UTF-8 error costs a second decode, line by line.
 */
export function decodeSeed(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // TextDecoder says only that the bytes are bad, not where: find the line ourselves.
    throw new CorpusFormatError(file, firstInvalidLine(bytes), 'invalid UTF-8 (seeds must be UTF-8 text)');
  }
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : LINE_FEED;
    if (code === LINE_FEED) {
      const end = i > lineStart && text.charCodeAt(i - 1) === CARRIAGE_RETURN ? i - 1 : i;
      if (end - lineStart > MAX_LINE_LENGTH) {
        throw new CorpusFormatError(
          file,
          line,
          `line is ${end - lineStart} characters long (the limit is ${MAX_LINE_LENGTH}; see lib/corpus/seed-limits.ts)`,
        );
      }
      line++;
      lineStart = i + 1;
    } else if (code === CARRIAGE_RETURN) {
      // CR belongs to a CRLF line break; alone, editors and the parser would disagree on line numbers.
      if (text.charCodeAt(i + 1) !== LINE_FEED) {
        throw new CorpusFormatError(file, line, `carriage return not followed by a line feed at column ${i - lineStart + 1}`);
      }
    } else if (isForbiddenControl(code)) {
      throw new CorpusFormatError(file, line, `control character ${codePointName(code)} at column ${i - lineStart + 1}`);
    }
  }
  return text;
}
