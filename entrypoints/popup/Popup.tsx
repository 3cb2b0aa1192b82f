// The toolbar popup: instant search over the digest, ↑/↓/Enter, and a simple entry view.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Entry } from '../../lib/corpus/types';
import { sendMessage } from '../../lib/messaging/messenger';
import { EntryView } from '../../lib/ui/EntryView';
import { ResultItem } from '../../lib/ui/ResultItem';
import { useSearch } from './use-search';

type Opened = { status: 'loading'; id: number } | { status: 'ready'; entry: Entry } | { status: 'error'; id: number; message: string };

export function Popup() {
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const [opened, setOpened] = useState<Opened | undefined>();
  const isComposing = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const search = useSearch(query);
  const results = search.response?.results ?? [];
  const hasMarkedFirstResults = useRef(false);

  useEffect(() => setActiveIndex(0), [search.response]);
  useEffect(() => {
    if (search.status === 'ready' && !hasMarkedFirstResults.current) {
      hasMarkedFirstResults.current = true;
      // Read by the benchmark: popup open → first results on screen.
      performance.mark('sidenote:first-results');
    }
  }, [search.status]);
  useEffect(() => {
    if (opened === undefined) input.current?.focus();
  }, [opened]);

  const openEntry = (id: number) => {
    setOpened({ status: 'loading', id });
    sendMessage('getEntry', { id }).then(
      (entry) => setOpened(entry ? { status: 'ready', entry } : { status: 'error', id, message: `Entry #${id} does not exist.` }),
      (error: unknown) => setOpened({ status: 'error', id, message: error instanceof Error ? error.message : String(error) }),
    );
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing || isComposing.current) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((i) => (results.length === 0 ? 0 : (i + step + results.length) % results.length));
    } else if (event.key === 'Enter') {
      const result = results[activeIndex];
      if (result) openEntry(result.id);
    }
  };

  useEffect(() => {
    document.getElementById(`result-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  if (opened !== undefined) {
    return (
      <main class="popup popup-entry">
        <button type="button" class="back" onClick={() => setOpened(undefined)} autoFocus>
          ← Back to results
        </button>
        {opened.status === 'loading' && <p class="status">Loading entry #{opened.id}…</p>}
        {opened.status === 'error' && (
          <p class="status status-error" role="alert">
            {opened.message}
          </p>
        )}
        {opened.status === 'ready' && <EntryView entry={opened.entry} onOpenEntry={openEntry} />}
      </main>
    );
  }

  const response = search.response;
  return (
    <main class="popup">
      <div class="search-box">
        <input
          ref={input}
          type="search"
          class="search-input"
          aria-label="Search the digest"
          placeholder="Search: 长文本, ComfyUI, @dotey…"
          autoFocus
          value={query}
          aria-controls="results"
          aria-activedescendant={results.length > 0 ? `result-${activeIndex}` : undefined}
          onCompositionStart={() => {
            isComposing.current = true;
          }}
          onCompositionEnd={(event) => {
            isComposing.current = false;
            setQuery(event.currentTarget.value);
          }}
          onInput={(event) => {
            // Mid-composition input is the IME's draft, not a query.
            if (!isComposing.current) setQuery(event.currentTarget.value);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <p class="status" aria-live="polite">
        {search.status === 'error' && <span class="status-error">Search failed: {search.message}</span>}
        {search.status !== 'error' && response && (query.trim() === '' ? `Latest of ${response.total} entries` : `${response.total} matching`)}
        {search.status === 'loading' && !response && 'Loading the digest…'}
      </p>
      {response && response.results.length === 0 && query.trim() !== '' && (
        <div class="empty" role="status">
          <p>No entry matches “{query.trim()}”.</p>
          {response.unmatched.length > 0 ? (
            <p>No entry contains {response.unmatched.map((u) => `“${u}”`).join(', ')}. Check the spelling or try a shorter word.</p>
          ) : (
            <p>Each word must appear in the entry. Try fewer words, or search an author with @handle.</p>
          )}
        </div>
      )}
      <ul
        id="results"
        class="results"
        role="listbox"
        aria-label="Results"
        aria-busy={search.status === 'loading'}
        data-query={response?.query}
      >
        {results.map((result, i) => (
          <ResultItem
            key={result.id}
            result={result}
            domId={`result-${i}`}
            isActive={i === activeIndex}
            onOpen={openEntry}
            onHover={() => setActiveIndex(i)}
          />
        ))}
      </ul>
    </main>
  );
}
