// Asks the background for results as the query changes; drops answers to stale queries.
import { useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '../../lib/messaging/messenger';
import type { SearchResponse } from '../../lib/search/search-entries';

export const RESULT_LIMIT = 30;

export type SearchState =
  | { status: 'loading'; response?: SearchResponse }
  | { status: 'ready'; response: SearchResponse }
  | { status: 'error'; message: string; response?: SearchResponse };

export function useSearch(query: string): SearchState {
  const [state, setState] = useState<SearchState>({ status: 'loading' });
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    setState((previous) => ({ status: 'loading', ...(previous.response ? { response: previous.response } : {}) }));
    sendMessage('searchEntries', { query, limit: RESULT_LIMIT }).then(
      (response) => {
        if (ticket === latest.current) setState({ status: 'ready', response });
      },
      (error: unknown) => {
        if (ticket === latest.current) setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }, [query]);
  return state;
}
