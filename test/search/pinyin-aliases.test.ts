import { describe, expect, it } from 'vitest';
import { pinyinAliasesOf, syllablesOf } from '../../lib/search/pinyin-aliases';

const none = { reservedWords: new Set<string>() };
const keysOf = (chinese: string, isName: boolean, reading?: string[]) =>
  pinyinAliasesOf([{ chinese, isName, reading }], none).map((alias) => `${alias.text}:${alias.source}`);

describe('pinyinAliasesOf', () => {
  it.each([
    ['宝玉', ['baoyu:pinyin', 'by:pinyin-initials']],
    ['向阳乔木', ['xiangyangqiaomu:pinyin', 'xyqm:pinyin-initials']],
    ['阑夕', ['lanxi:pinyin', 'lx:pinyin-initials']],
    ['九原客', ['jiuyuanke:pinyin', 'jyk:pinyin-initials']],
    ['小互', ['xiaohu:pinyin', 'xh:pinyin-initials']],
    ['黄仁勋', ['huangrenxun:pinyin', 'hrx:pinyin-initials']],
    ['乐高', ['legao:pinyin', 'lg:pinyin-initials']],
  ])('reads the name %s', (name, keys) => {
    expect(keysOf(name, true)).toEqual(keys);
  });

  it('takes the glossary reading for 归藏 (the library says guicang)', () => {
    expect(syllablesOf('归藏')).toEqual(['gui', 'cang']);
    expect(keysOf('归藏', true, ['gui', 'zang'])).toEqual(['guizang:pinyin', 'gz:pinyin-initials']);
  });

  it('reads polyphones from context where the library knows the word', () => {
    expect(syllablesOf('长文本')).toEqual(['chang', 'wen', 'ben']);
    expect(syllablesOf('银行')).toEqual(['yin', 'hang']);
    expect(syllablesOf('绿色')).toEqual(['lv', 'se']);
  });

  it('gives a term of two characters no initials (`wt` for 微调 is noise)', () => {
    expect(keysOf('微调', false)).toEqual(['weitiao:pinyin']);
    expect(keysOf('智能体', false)).toEqual(['zhinengti:pinyin', 'znt:pinyin-initials']);
  });

  it("drops a term's initials that spell a word of the digest", () => {
    const aliases = pinyinAliasesOf([{ chinese: '深度求索', isName: false }], { reservedWords: new Set(['sdqs']) });
    expect(aliases.map((alias) => alias.text)).toEqual(['shenduqiusuo']);
  });

  it('skips single characters, mixed runs and very long runs', () => {
    expect(keysOf('藏', true)).toEqual([]);
    expect(keysOf('b站', true)).toEqual([]);
    expect(keysOf('北京智源人工智能研究院', true)).toEqual([]);
  });
});
