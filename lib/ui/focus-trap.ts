// Keeps Tab inside a modal dialog: past its last control to its first, and Shift+Tab the other
// way. Pure: given the dialog's focusable elements in order and what has focus, says where focus
// goes; reading the DOM and moving focus are the caller's.

/** What Tab can reach inside a dialog (disabled and tabindex="-1" controls excluded). */
export const FOCUSABLE_SELECTOR = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/**
 * Where Tab (or Shift+Tab, `isBackward`) must send focus to stay in the dialog, or undefined when
 * the browser's own move already stays inside. Focus outside the controls (on the dialog itself,
 * or lost to the page) enters at the first control, or the last going backwards.
 */
export function trappedFocusTarget<T>(focusables: readonly T[], current: T | null, isBackward: boolean): T | undefined {
  const first = focusables[0];
  const last = focusables.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const at = current === null ? -1 : focusables.indexOf(current);
  if (at === -1) return isBackward ? last : first;
  if (isBackward && at === 0) return last;
  if (!isBackward && at === focusables.length - 1) return first;
  return undefined;
}
