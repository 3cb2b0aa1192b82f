// What an empty list says, fitted to what emptied it: words no entry contains, a query with
// nothing to search for, filters that leave nothing, or a view of saved or noted entries that has
// none yet. Pure.
import type { Translate } from '../i18n/messages';
import { hasFilters, type EntryFilters } from '../search/entry-filters';

/** "“a” or “b”" in English, "「a」或「b」" in Taiwan: each language's quotes and list words. */
function listOfWords(t: Translate, words: readonly string[]): string {
  return new Intl.ListFormat(t('htmlLang'), { type: 'disjunction' }).format(words.map((word) => t('quotedWord', word)));
}

/**
 * The paragraphs to show, in order; none for an unfiltered, empty timeline (an empty digest).
 * `hasNoSearchTerms`: the query is only emoji or symbols, so there was nothing to look for.
 */
export function emptyListAdvice(
  t: Translate,
  query: string,
  filters: EntryFilters,
  unmatched: readonly string[],
  hasNoSearchTerms = false,
): string[] {
  const trimmed = query.trim();
  if (trimmed !== '' && hasNoSearchTerms) return [t('nothingToSearch', trimmed)];
  if (trimmed !== '') {
    return [t('noMatch', trimmed), unmatched.length > 0 ? t('noEntryContains', listOfWords(t, unmatched)) : t('tryFewerWords')];
  }
  const { isSavedOnly, hasNote, ...narrowing } = filters;
  if (hasFilters(narrowing)) return [t('emptyFiltered')];
  if (isSavedOnly && hasNote) return [t('emptySavedWithNote')];
  if (isSavedOnly) return [t('emptySaved', t('save'))];
  if (hasNote) return [t('emptyNoted', t('addNote'))];
  return [];
}
