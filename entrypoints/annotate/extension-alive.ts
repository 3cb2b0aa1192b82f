// Whether the extension this script belongs to is still there; the card script's context ends when
// it is not.
import { browser } from 'wxt/browser';

/** Chrome leaves an orphaned script running with `runtime.id` undefined; Firefox destroys it outright. */
export function isExtensionAlive(): boolean {
  try {
    return browser.runtime?.id !== undefined;
  } catch {
    // Reading `runtime` itself can throw once the extension is gone: that is the same answer.
    return false;
  }
}
