// One search result: title line, author, date, highlighted snippet. Shared by popup and reader.

import type { SearchResult } from '../search/search-entries';
import { HighlightedText } from './HighlightedText';

export type ResultItemProps = {
  result: SearchResult;
  isActive: boolean;
  domId: string;
  onOpen: (id: number) => void;
  onHover: () => void;
};

export function ResultItem({ result, isActive, domId, onOpen, onHover }: ResultItemProps) {
  const { snippet } = result;
  return (
    <li
      id={domId}
      role="option"
      aria-selected={isActive}
      class={isActive ? 'result is-active' : 'result'}
      data-entry-id={String(result.id)}
      onClick={() => onOpen(result.id)}
      onMouseMove={onHover}
    >
      <div class="result-title">
        <HighlightedText value={result.title} />
      </div>
      <div class="result-meta">
        <span class="result-author">{result.author}</span> <span class="result-handle">@{result.handle}</span>
        <span class="result-sep" aria-hidden="true">·</span>
        <time dateTime={result.date}>{result.date}</time>
        <span class="result-sep" aria-hidden="true">·</span>
        <span class="result-number">#{result.id}</span>
      </div>
      {snippet.text !== '' && (
        <div class="result-snippet">
          {snippet.isCutStart && '…'}
          <HighlightedText value={snippet} />
          {snippet.isCutEnd && '…'}
        </div>
      )}
    </li>
  );
}
