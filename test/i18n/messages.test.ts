import { describe, expect, it } from 'vitest';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator, EN, toChromeMessages, ZH_CN } from '../../lib/i18n/messages';

const locales = buildLocales();

describe('messages', () => {
  it.each(Object.entries(locales))('%s has every key, none empty, the same substitutions as English', (_locale, messages) => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(EN).sort());
    for (const [key, text] of Object.entries(messages)) {
      expect(text.trim(), key).not.toBe('');
      expect((text.match(/\$\d/g) ?? []).sort(), key).toEqual((EN[key as keyof typeof EN].match(/\$\d/g) ?? []).sort());
    }
  });

  it('substitutes $1 like browser.i18n', () => {
    expect(createTranslator(EN)('noSuchEntry', 999)).toBe('There is no entry #999.');
    expect(createTranslator(ZH_CN)('noSuchEntry', 999)).toBe('没有第 999 条。');
  });

  it('writes _locales messages', () => {
    expect(toChromeMessages(ZH_CN).extensionName).toEqual({ message: 'Sidenote 旁注' });
  });
});
