// How the per-page script finds the card's UI once the background has injected it (annotate-card.js,
// run by scripting.executeScript / tabs.executeScript in this extension's own content-script world).
// Both scripts share that world's global object, which the page never sees: Chrome keeps each
// isolated world's globals apart, Firefox keeps them in the content-script sandbox.
import type { CardEntry } from '../../lib/annotate/page-match';

export type CardController = {
  /** Shows (or updates) the card for the page at `url`. */
  show: (url: string, entries: CardEntry[]) => void;
  /** Takes the card off the page (the page matches nothing now). */
  remove: () => void;
};

export type CardControllerOptions = {
  /** Asks the background about the current page again (after an undo) and shows its answer. */
  askAgain: () => Promise<void>;
};

export type CreateCardController = (options: CardControllerOptions) => CardController;

const SLOT = '__sidenoteCardUi';

type Slot = { [SLOT]?: CreateCardController };

/** The card's script calls this when it runs; a second injection (two quick matches) keeps the first. */
export function installCardUi(create: CreateCardController): void {
  (globalThis as Slot)[SLOT] ??= create;
}

/** The card's UI, if the background has injected it into this document. */
export function installedCardUi(): CreateCardController | undefined {
  return (globalThis as Slot)[SLOT];
}
