// One author line: name, @handle and, where shown, the date and the entry's label, as the card,
// result rows (popup and reader) and the entry page all say it. Props only; each page's CSS styles
// its classes (the card's sheet lives in its shadow root).
import type { ComponentChildren } from 'preact';
import { entryLabel } from '../corpus/entry-id';
import { formatEntryDate, formatHandle } from '../render/display-formats';

export type AuthorLineProps = {
  author: string;
  handle: string;
  /** The entry's date (`2024-03-18`). */
  date?: string;
  /** A date as the digest wrote it (a quoted post's), shown as written. */
  dateText?: string;
  /** The entry's id, shown as its label (`#4`, `#2-07`). */
  entryId?: number;
  /** More of the line, after a separator (a result's link count). */
  children?: ComponentChildren;
};

/** Spaces around the dot keep words apart for screen readers, which skip the dot itself. */
function Separator() {
  return (
    <>
      {' '}
      <span class="author-sep" aria-hidden="true">
        ·
      </span>{' '}
    </>
  );
}

export function AuthorLine({ author, handle, date, dateText, entryId, children }: AuthorLineProps) {
  return (
    <>
      <strong class="author-name">{author}</strong> <span class="author-handle">{formatHandle(handle)}</span>
      {date !== undefined && (
        <>
          <Separator />
          <time class="author-date" dateTime={date}>
            {formatEntryDate(date)}
          </time>
        </>
      )}
      {dateText !== undefined && (
        <>
          <Separator />
          {dateText}
        </>
      )}
      {entryId !== undefined && (
        <>
          <Separator />
          <span class="author-entry">#{entryLabel(entryId)}</span>
        </>
      )}
      {children !== undefined && children !== false && (
        <>
          <Separator />
          {children}
        </>
      )}
    </>
  );
}
