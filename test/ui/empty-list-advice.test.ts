import { describe, expect, it } from 'vitest';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator } from '../../lib/i18n/messages';
import type { EntryFilters } from '../../lib/search/entry-filters';
import { emptyListAdvice } from '../../lib/ui/empty-list-advice';

const locales = buildLocales();
const en = createTranslator(locales.en);

describe('emptyListAdvice', () => {
  it.each<[string, string, EntryFilters, string[], string[]]>([
    [
      'words no entry contains',
      'qq zz',
      {},
      ['qq', 'zz'],
      ['No entry matches “qq zz”.', 'No entry contains “qq” or “zz”. Check the spelling or try a shorter word.'],
    ],
    ['words never together', 'ComfyUI Sora', {}, [], ['No entry matches “ComfyUI Sora”.', en('tryFewerWords')]],
    ['a search among saved entries', 'Sora', { isSavedOnly: true }, [], ['No entry matches “Sora”.', en('tryFewerWords')]],
    [
      'the Saved view',
      '',
      { isSavedOnly: true },
      [],
      ['Nothing saved yet. Choose “Save” on an entry (or press s in the reader) to keep it here.'],
    ],
    [
      'the Has a note view',
      '',
      { hasNote: true },
      [],
      ['No notes yet. Open an entry and choose “Add a note” (or press n): entries with a note are listed here.'],
    ],
    ['saved and noted', '', { isSavedOnly: true, hasNote: true }, [], ['None of your saved entries has a note yet.']],
    ['saved entries by an author', '', { isSavedOnly: true, author: 'dotey' }, [], ['No entry fits these filters. Clear one to see more.']],
    ['a date range', '', { from: '2030-01-01' }, [], ['No entry fits these filters. Clear one to see more.']],
    ['an empty digest', '', {}, [], []],
  ])('%s', (_case, query, filters, unmatched, expected) => {
    expect(emptyListAdvice(en, query, filters, unmatched)).toEqual(expected);
  });

  it.each(Object.entries(locales))('%s: a query of emoji or symbols has nothing to search for, not words to check', (_locale, messages) => {
    const t = createTranslator(messages);
    expect(emptyListAdvice(t, ' 🙂 ', {}, [], true)).toEqual([t('nothingToSearch', '🙂')]);
    expect(emptyListAdvice(t, '!!!', { isSavedOnly: true }, [], true)).toEqual([t('nothingToSearch', '!!!')]);
  });

  it.each(Object.entries(locales))(
    '%s: the Saved and Has a note views each get their own advice, not the search advice',
    (_locale, messages) => {
      const t = createTranslator(messages);
      const saved = emptyListAdvice(t, '', { isSavedOnly: true }, []);
      const noted = emptyListAdvice(t, '', { hasNote: true }, []);
      const search = emptyListAdvice(t, 'x', {}, []);
      for (const advice of [saved, noted]) {
        expect(advice).toHaveLength(1);
        expect(search).not.toContain(advice[0]);
      }
      expect(saved).not.toEqual(noted);
      // Each names the button that fills its view, in this language.
      expect(saved[0]).toContain(t('save'));
      expect(noted[0]).toContain(t('addNote'));
    },
  );

  it('quotes and lists words as Chinese does', () => {
    expect(emptyListAdvice(createTranslator(locales.zh_CN), 'qq zz', {}, ['qq', 'zz'])[1]).toBe(
      '没有条目包含 “qq”或“zz”。请检查拼写，或换个更短的词。',
    );
    expect(emptyListAdvice(createTranslator(locales.zh_TW), 'qq', {}, ['qq'])[1]).toBe('沒有條目包含 「qq」。請檢查拼字，或換個更短的詞。');
  });
});
