// How Sidenote writes an author's handle, an entry's date and a moment for people to read: the one
// place each is decided, for the card, the popup, the reader, the options page and the Markdown
// export. Pure; a moment follows the browser's locale (toLocale…String), nothing else does.

/** A handle as shown (`@dotey`); entries store it without the `@`. */
export function formatHandle(handle: string): string {
  return `@${handle}`;
}

/** An entry's date as shown: the digest's own day (`2024-03-18`), `—` where it is not known. */
export function formatEntryDate(date: string): string {
  return date === '' ? '—' : date;
}

/** A moment with its date, in the browser's locale (when sync last ran, when it retries). */
export function formatMoment(ms: number): string {
  return new Date(ms).toLocaleString();
}

/** A moment's time of day, in the browser's locale (the reader header's "synced 14:02"). */
export function formatTimeOfDay(ms: number): string {
  return new Date(ms).toLocaleTimeString();
}
