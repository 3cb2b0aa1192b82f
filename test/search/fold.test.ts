import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, foldTextWithMap, originalRange } from '../../lib/search/fold';
import { propertyRuns } from '../support/property-runs';

/** The straightforward fold with map: each code point folded on its own, offsets pushed one by one. */
function referenceFoldWithMap(text: string): { text: string; starts: number[]; ends: number[] } {
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of text) {
    const folded = foldText(char);
    for (let k = 0; k < folded.length; k++) {
      starts.push(index);
      ends.push(index + char.length);
    }
    out += folded;
    index += char.length;
  }
  return { text: out, starts, ends };
}

describe('foldText', () => {
  it.each([
    ['traditional to simplified', '歸藏 長文本 提示詞', '归藏 长文本 提示词'],
    ['simplified unchanged', '归藏 长文本', '归藏 长文本'],
    ['case', 'ComfyUI GPT', 'comfyui gpt'],
    ['full-width Latin and digits', 'ＧＰＴ－４ｏ', 'gpt-4o'],
    ['full-width punctuation to ASCII', 'Claude，你好！', 'claude,你好!'],
    ['ideographic space', 'a\u3000b', 'a b'],
    ['emoji untouched', '🇸🇪 ok', '🇸🇪 ok'],
  ])('%s', (_label, input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('maps folded offsets back to the original, including characters NFKC expands', () => {
    const original = '㍿長文本';
    const folded = foldTextWithMap(original);
    expect(folded.text).toBe('株式会社长文本');
    const at = folded.text.indexOf('长文本');
    expect(originalRange(folded, at, at + 3)).toEqual([1, 4]);
    expect(original.slice(1, 4)).toBe('長文本');
  });

  it('maps astral characters as one unit', () => {
    const folded = foldTextWithMap('a𠀋b');
    expect(originalRange(folded, folded.text.indexOf('b'), folded.text.indexOf('b') + 1)).toEqual([3, 4]);
  });
});

describe('foldTextWithMap', () => {
  it('gives what the straightforward per-character fold gives, offsets included', () => {
    const pieces = [
      'a',
      'Z',
      '長',
      '长',
      'Ｇ',
      '－',
      '㍿',
      'ﬁ',
      'Ⅻ',
      '𠀋',
      '🇸',
      'é',
      'e\u0301',
      '\u3000',
      ' ',
      '\n',
      '\ud800',
      '\udc00',
      '。',
      'Ω',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const fast = foldTextWithMap(text);
        const reference = referenceFoldWithMap(text);
        expect(fast.text).toBe(reference.text);
        expect([...fast.starts]).toEqual(reference.starts);
        expect([...fast.ends]).toEqual(reference.ends);
      }),
      propertyRuns(500),
    );
  });
});

describe('foldText and foldTextWithMap agree', () => {
  it.each(['歸藏 長文本 ＧＰＴ－４ｏ Claude，。', 'plain ascii only', '㍿ ﬁ Ⅻ 𠀋 🇸🇪 e\u0301', '', 'ABC', '長'])('%j', (text) => {
    expect(foldText(text)).toBe(foldTextWithMap(text).text);
  });
});
