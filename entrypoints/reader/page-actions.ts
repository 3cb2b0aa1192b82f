// What the single-key shortcuts do on the current view; each view registers its own.
export type PageActions = {
  next?: () => void;
  previous?: () => void;
  toggleSave?: () => void;
  editNote?: () => void;
  openFirstLink?: () => void;
};

/** Keys never act while the user types in a field (or an IME composes). */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
