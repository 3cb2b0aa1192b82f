// What a fake background answers for queries that are not blank but hold no letter or digit
// (🙂, !!!, →), as the real search does: nothing to search for. Shared by component tests.
import type { SearchRequest, SearchResponse } from '../../lib/search/search-entries';

/** The empty answer for `request`, flagged `hasNoSearchTerms` when the query is only symbols. */
export function emptyAnswer(request: SearchRequest): SearchResponse {
  const hasNoSearchTerms = request.query.trim() !== '' && !/[\p{L}\p{N}]/u.test(request.query);
  return {
    query: request.query,
    offset: 0,
    total: 0,
    results: [],
    unmatched: [],
    notices: [],
    ...(hasNoSearchTerms ? { hasNoSearchTerms } : {}),
  };
}
