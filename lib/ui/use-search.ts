// Runs a search whenever the request changes and keeps the last answer on screen while the next
// one loads; answers to stale requests are dropped. The search function comes in as a prop.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchRequest, SearchResponse } from '../search/search-entries';

export type SearchState = (
  | { status: 'loading'; response?: SearchResponse }
  | { status: 'ready'; response: SearchResponse }
  | { status: 'error'; error: unknown; response?: SearchResponse }
) & {
  /** The key of the request whose response is on screen (tests and benchmarks wait for it). */
  shownKey?: string;
};

export type SearchFunction = (request: SearchRequest) => Promise<SearchResponse>;

/**
 * `key` identifies the request (a stable string), so equal requests do not search again.
 * `initial` is shown until the first answer arrives (a cached answer, marked stale by 'loading').
 */
export function useSearch(
  search: SearchFunction,
  request: SearchRequest,
  key: string,
  initial?: SearchResponse,
): SearchState & { reload: () => void } {
  const [state, setState] = useState<SearchState>(initial ? { status: 'loading', response: initial } : { status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, status: 'loading' }) as SearchState);
    search(request).then(
      (response) => {
        if (ticket === latest.current) setState({ status: 'ready', response, shownKey: key });
      },
      (error: unknown) => {
        if (ticket === latest.current) setState({ status: 'error', error, shownKey: key });
      },
    );
    // `request` is captured through `key`.
  }, [key, generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}
