import { describe, expect, it } from 'vitest';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator, EN, type MessageKey } from '../../lib/i18n/messages';
import { PLURAL_FORMS, translateCount, type PluralKey } from '../../lib/i18n/plural';

const locales = buildLocales();
const pluralKeys = Object.keys(EN)
  .filter((key) => key.endsWith('_other'))
  .map((key) => key.slice(0, -'_other'.length) as PluralKey);

describe('translateCount', () => {
  const en = createTranslator(locales.en);
  const zhCN = createTranslator(locales.zh_CN);
  const zhTW = createTranslator(locales.zh_TW);

  it.each([
    [en, 'latestOf', 0, 'Latest of 0 entries'],
    [en, 'latestOf', 1, 'Latest of 1 entry'],
    [en, 'latestOf', 2, 'Latest of 2 entries'],
    [en, 'latestOf', 1234, 'Latest of 1,234 entries'],
    [en, 'matchingCount', 1, '1 matching entry'],
    [en, 'matchingCount', 41, '41 matching entries'],
    [en, 'linkCount', 1, '1 link'],
    [en, 'linkCount', 3, '3 links'],
    [en, 'cardReopen', 1, 'Show Sidenote’s 1 entry for this page'],
    [en, 'cardReopen', 2, 'Show Sidenote’s 2 entries for this page'],
    [en, 'syncImportDone', 1, 'Imported: 1 change merged. Nothing was replaced.'],
    [zhCN, 'latestOf', 1, '最新条目（共 1 条）'],
    [zhCN, 'latestOf', 2, '最新条目（共 2 条）'],
    [zhCN, 'linkCount', 1, '1 个链接'],
    [zhTW, 'latestOf', 1, '最新條目（共 1 條）'],
    [zhTW, 'matchingCount', 1, '1 筆相符'],
  ] as const)('%#: %s %d → %s', (t, key, count, expected) => {
    expect(translateCount(t, key, count)).toBe(expected);
  });

  it('counts inside a sentence: one noun phrase per count', () => {
    expect(en('syncStatePaused', translateCount(en, 'entriesCount', 1), translateCount(en, 'notesCount', 3))).toBe(
      'Sync paused: it would unsave 1 entry and clear 3 notes.',
    );
    expect(zhCN('syncStatePaused', translateCount(zhCN, 'entriesCount', 1), translateCount(zhCN, 'notesCount', 3))).toBe(
      '同步已暂停：它会取消收藏 1 条、清除 3 条笔记。',
    );
  });

  it.each(Object.entries(locales))('%s has every plural form its language uses, for every count message', (_locale, messages) => {
    const categories = new Intl.PluralRules(messages.htmlLang).resolvedOptions().pluralCategories;
    expect(PLURAL_FORMS).toEqual(expect.arrayContaining(categories));
    for (const key of pluralKeys) for (const form of PLURAL_FORMS) expect(messages, key).toHaveProperty(`${key}_${form}`);
  });

  it('leaves no English count outside a plural form ("$1 entries" in a one-form message)', () => {
    const unpluralized = (Object.entries(EN) as [MessageKey, string][]).filter(
      ([key, text]) => !/_(one|other)$/.test(key) && /\$\d (entr|note|change|link|match)/.test(text),
    );
    expect(unpluralized).toEqual([]);
  });
});
