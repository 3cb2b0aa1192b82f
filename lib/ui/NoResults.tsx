// The empty-list state shared by popup and reader; what it says is emptyListAdvice's.
import type { Translate } from '../i18n/messages';
import type { EntryFilters } from '../search/entry-filters';
import { emptyListAdvice } from './empty-list-advice';

export type NoResultsProps = {
  t: Translate;
  query: string;
  filters: EntryFilters;
  unmatched: string[];
  /** The answer said the query had nothing to search for (SearchResponse.hasNoSearchTerms). */
  hasNoSearchTerms?: boolean;
};

export function NoResults({ t, query, filters, unmatched, hasNoSearchTerms = false }: NoResultsProps) {
  return (
    <div class="empty" role="status">
      {emptyListAdvice(t, query, filters, unmatched, hasNoSearchTerms).map((text) => (
        <p key={text}>{text}</p>
      ))}
    </div>
  );
}
