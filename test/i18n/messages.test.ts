import { describe, expect, it } from 'vitest';
import { createTranslator, EN, LOCALES, toChromeMessages, traditionalChineseMessages, ZH_CN } from '../../lib/i18n/messages';

describe('messages', () => {
  it('has every key in every locale, none empty, same substitutions', () => {
    for (const messages of Object.values(LOCALES)) {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(EN).sort());
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), key).not.toBe('');
        expect(text.match(/\$\d/g) ?? [], key).toEqual(EN[key as keyof typeof EN].match(/\$\d/g) ?? []);
      }
    }
  });

  it('substitutes $1 like browser.i18n', () => {
    expect(createTranslator(EN)('matchingCount', 3)).toBe('3 matching');
    expect(createTranslator(ZH_CN)('noSuchEntry', 999)).toBe('没有第 999 条。');
  });

  it('writes _locales messages', () => {
    expect(toChromeMessages(ZH_CN).extensionName).toEqual({ message: 'Sidenote 旁注' });
  });
});

describe('traditional Chinese messages', () => {
  it('convert every Simplified string and keep substitutions', async () => {
    const { Converter } = await import('opencc-js/cn2t');
    const zhTW = traditionalChineseMessages(Converter({ from: 'cn', to: 'tw' }));
    expect(Object.keys(zhTW).sort()).toEqual(Object.keys(ZH_CN).sort());
    expect(zhTW.timeline).toBe('時間線');
    expect(zhTW.noSuchEntry).toBe('沒有第 $1 條。');
    expect(zhTW.htmlLang).toBe('zh-TW');
  });
});
