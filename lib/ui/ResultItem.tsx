// One search result or timeline row: title line, author, date, snippet, marks, and an excerpt of
// the user's note. Shared by popup and reader.

import type { Translate } from '../i18n/messages';
import { translateCount } from '../i18n/plural';
import type { SearchResult } from '../search/search-entries';
import { AuthorLine } from './AuthorLine';
import { HighlightedText } from './HighlightedText';
import './theme.css';
import './result-item.css';

export type ResultItemProps = {
  result: SearchResult;
  isActive: boolean;
  domId: string;
  t: Translate;
  /** Where the row links to (the reader's entry page); without it the row is a listbox option. */
  href?: string;
  onOpen: (id: number) => void;
  onHover?: () => void;
};

export function ResultItem({ result, isActive, domId, t, href, onOpen, onHover }: ResultItemProps) {
  const { snippet, note } = result;
  const title = <HighlightedText value={result.title} />;
  return (
    <li
      id={domId}
      role={href === undefined ? 'option' : undefined}
      aria-selected={href === undefined ? isActive : undefined}
      class={isActive ? 'result is-active' : 'result'}
      data-entry-id={String(result.id)}
      onClick={href === undefined ? () => onOpen(result.id) : undefined}
      onMouseMove={onHover}
    >
      <div class="result-title">
        {/* The text alone is cut short (the popup's one line ends in …); the marks after it stay in view. */}
        <span class="result-title-text">
          {href === undefined ? (
            title
          ) : (
            <a href={href} class="result-link">
              {title}
            </a>
          )}
        </span>
        {result.isSaved && (
          <span class="mark-saved" title={t('savedMark')} aria-label={t('savedMark')}>
            ★
          </span>
        )}
        {result.hasNote && (
          <span class="mark-note" title={t('noteMark')} aria-label={t('noteMark')}>
            ✎
          </span>
        )}
      </div>
      <div class="result-meta">
        <AuthorLine author={result.author} handle={result.handle} date={result.date} entryId={result.id}>
          {result.linkCount > 0 && <span class="result-links">{translateCount(t, 'linkCount', result.linkCount)}</span>}
        </AuthorLine>
      </div>
      {snippet.text !== '' && (
        <div class="result-snippet">
          {snippet.isCutStart && '…'}
          <HighlightedText value={snippet} />
          {snippet.isCutEnd && '…'}
        </div>
      )}
      {/* hasNote follows live changes: a note cleared elsewhere takes its excerpt with it. */}
      {result.hasNote && note !== undefined && note.text.trim() !== '' && (
        <div class="result-note">
          <span class="result-note-label">{t('yourNote')}</span> {note.isCutStart && '…'}
          <HighlightedText value={note} />
          {note.isCutEnd && '…'}
        </div>
      )}
    </li>
  );
}
