// A modal dialog's focus: it moves in when the dialog opens, Tab and Shift+Tab stay inside while
// it is open, and when it closes focus goes back to what had it (if that is still on the page).
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { FOCUSABLE_SELECTOR, trappedFocusTarget } from '../../lib/ui/focus-trap';

export function useModalFocus(dialog: RefObject<HTMLElement | null>, initial: RefObject<HTMLElement | null>): void {
  // Layout effect: the opener is read before anything of the dialog can take focus.
  useLayoutEffect(() => {
    const opener = document.activeElement;
    initial.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      const element = dialog.current;
      if (event.key !== 'Tab' || element === null) return;
      const focusables = [...element.querySelectorAll<HTMLElement>(FOCUSABLE_SELECTOR)];
      const target = trappedFocusTarget(focusables, document.activeElement as HTMLElement | null, event.shiftKey);
      if (target === undefined) return;
      event.preventDefault();
      target.focus();
    };
    // On the document: focus lost to the page (a click on the dialog's text) must not let Tab out either.
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
}
