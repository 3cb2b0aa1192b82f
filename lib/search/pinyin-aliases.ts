// Pinyin keys for Chinese names and terms, so `baoyu`, `guizang` or `zjtd` find 宝玉, 歸藏, 字节跳动.
// Build time only: pinyin-pro and its dictionary must never reach the extension bundle, so only
// the table build (alias-table.ts) and tests import this module.

import { pinyin } from 'pinyin-pro';

export type PinyinSubject = {
  /** A folded Chinese run (`归藏`): one query unit. */
  chinese: string;
  /** Names get initials at any length; terms only from three characters. */
  isName: boolean;
  /** Syllables from the glossary where the library's reading is wrong (`['gui', 'zang']`). */
  reading?: string[];
};

export type PinyinAlias = {
  chinese: string;
  /** Unit-shaped key: `guizang`, or initials `gz`. */
  text: string;
  source: 'pinyin' | 'pinyin-initials';
};

export type PinyinOptions = {
  /**
   * Latin words with a meaning of their own (words of the digest, glossary forms). A term's
   * initials that spell one are dropped: `sd` for some term would shadow Stable Diffusion.
   */
  reservedWords: ReadonlySet<string>;
};

const HAN_ONLY = /^\p{Script=Han}+$/u;
const SYLLABLE = /^[a-z]+$/;
/** A term's initials below this many letters are mostly collisions with English (`ky` for 开源). */
const MIN_TERM_INITIALS = 3;
/** Nobody types `beijingzhiyuanrengongzhinengyanjiuyuan`; longer runs get no pinyin. */
const MAX_PINYIN_CHARS = 6;

/**
 * Toneless syllables, `ü` as `v` (how people type it); undefined if a character has no reading.
 * Context-aware (the library's word dictionary): 长文本 is chang, 银行 hang. Its surname mode is
 * not used: it reads 乐高 as yuegao; the glossary's readings fix the few names it gets wrong.
 */
export function syllablesOf(chinese: string): string[] | undefined {
  const syllables = pinyin(chinese, { toneType: 'none', type: 'array', v: true });
  return syllables.length === [...chinese].length && syllables.every((s) => SYLLABLE.test(s)) ? syllables : undefined;
}

/**
 * Full pinyin for every Chinese run of two or more characters, and initials for names (weaker:
 * two letters collide with English) and for terms of three or more characters.
 */
export function pinyinAliasesOf(subjects: PinyinSubject[], options: PinyinOptions): PinyinAlias[] {
  const out: PinyinAlias[] = [];
  const seen = new Set<string>();
  for (const subject of subjects) {
    const { chinese, isName } = subject;
    const length = [...chinese].length;
    if (!HAN_ONLY.test(chinese) || length < 2 || length > MAX_PINYIN_CHARS) continue;
    const syllables = subject.reading ?? syllablesOf(chinese);
    if (syllables === undefined) continue;
    const push = (text: string, source: PinyinAlias['source']) => {
      const key = `${chinese}\u0000${text}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ chinese, text, source });
    };
    push(syllables.join(''), 'pinyin');
    const initials = syllables.map((syllable) => syllable[0]).join('');
    if (isName || (initials.length >= MIN_TERM_INITIALS && !options.reservedWords.has(initials))) push(initials, 'pinyin-initials');
  }
  return out;
}
