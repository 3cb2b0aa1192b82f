// The card on a page the digest discusses: what it shows, and what its buttons do. Part of the
// card's script (card-script.ts), which the background runs only in a tab whose page matched;
// pages with nothing to show never evaluate Preact, the card or the shadow-root helpers. The card
// acts only on the user's own input and shows its own failures; every action goes to the
// background, which checks it against what this tab was shown.
import type { ContentScriptContext } from './content-script-context';
import { t } from '../../lib/i18n/browser-translate';
import type { MessageKey } from '../../lib/i18n/messages';
import { sendContentScriptMessage as sendMessage } from '../../lib/messaging/messenger';
import type { CardEntry } from '../../lib/annotate/page-match';
import { describeError } from '../../lib/ui/describe-error';
import { canonicalHost } from '../../lib/url/hosts';
import { mountCardUi, type CardUi } from './card-ui';
import { isContextInvalidated, warn } from './script-errors';

/** How long the card offers to undo "Never on this site" before it goes. */
const MUTE_UNDO_MS = 8_000;

export type CardController = {
  /** Shows (or updates) the card for the page at `url`. */
  show: (url: string, entries: CardEntry[]) => void;
  /** Takes the card off the page (the page matches nothing now). */
  remove: () => void;
  /** The keyboard command: hides a shown card, or shows it again. */
  toggle: () => void;
};

export type CardControllerOptions = {
  /** The card script's context: the card's timers, listeners and shadow-root UI end with it. */
  ctx: ContentScriptContext;
  /** Asks the background about the current page again (after an undo) and shows its answer. */
  askAgain: () => Promise<void>;
};

export function createCardController({ ctx, askAgain }: CardControllerOptions): CardController {
  let ui: CardUi | undefined;
  /** The card wanted on the page now: a mount still under way checks it before showing anything. */
  let isWanted = false;
  let isMounting = false;
  let entries: CardEntry[] = [];
  let shownUrl = '';
  /** Pages where the user hid the card (collapsed to a pill) in this tab. */
  const dismissedUrls = new Set<string>();
  let isHiddenByCommand = false;
  /** The last card action's failure, shown in the card until the next action or page. */
  let notice: string | undefined;
  /** Entries whose save is on its way: a second click must not send the opposite state. */
  const savingIds = new Set<number>();
  /** The site just muted, while the card offers to undo it; and the timer that ends the offer. */
  let mutedHost: string | undefined;
  let undoTimer: number | undefined;
  let isUnmuting = false;

  const endUndoOffer = () => {
    if (undoTimer !== undefined) clearTimeout(undoTimer);
    undoTimer = undefined;
    mutedHost = undefined;
  };

  const removeCard = () => {
    isWanted = false;
    endUndoOffer();
    ui?.remove();
    ui = undefined;
    entries = [];
    notice = undefined;
  };

  /** Starts a card action: an earlier failure's notice goes. */
  const beginAction = () => {
    if (notice === undefined) return;
    notice = undefined;
    renderCard();
  };

  /** A card action failed: tell the user in the card, unless the extension itself went away. */
  const reportFailure = (key: MessageKey) => (error: unknown) => {
    // Reading isInvalid ends this script (and removes its card) once the extension is gone.
    if (ctx.isInvalid || isContextInvalidated(error)) return;
    notice = t(key, describeError(t, error));
    renderCard();
  };

  const renderCard = () => {
    if (!ui) return;
    // The undo offer shows no entry.
    const ids = mutedHost === undefined ? entries.map((entry) => entry.id) : [];
    if (isHiddenByCommand) return ui.update(null, ids);
    ui.update(
      {
        t,
        entries,
        isCollapsed: dismissedUrls.has(shownUrl),
        notice,
        mutedHost,
        onCollapse: (isCollapsed) => {
          if (isCollapsed) dismissedUrls.add(shownUrl);
          else dismissedUrls.delete(shownUrl);
          renderCard();
        },
        onDismiss: () => {
          dismissedUrls.add(shownUrl);
          renderCard();
        },
        onMuteSite: () => {
          beginAction();
          const host = canonicalHost(location.hostname);
          // The background clears this tab's badge as it mutes; the card stays a moment to offer an undo.
          sendMessage('setSiteMuted', { host, isMuted: true }).then(() => {
            mutedHost = host;
            undoTimer = ctx.setTimeout(removeCard, MUTE_UNDO_MS);
            renderCard();
          }, reportFailure('cardMuteFailed'));
        },
        onUndoMute: () => {
          const host = mutedHost;
          if (host === undefined || isUnmuting) return;
          isUnmuting = true;
          beginAction();
          // The offer stays until the answer: a failure is said in it, and it stays until closed.
          if (undoTimer !== undefined) clearTimeout(undoTimer);
          undoTimer = undefined;
          sendMessage('setSiteMuted', { host, isMuted: false })
            .then(() => {
              endUndoOffer();
              // Asked again, the background shows the entries and sets the badge as before.
              return askAgain();
            }, reportFailure('cardUnmuteFailed'))
            .finally(() => {
              isUnmuting = false;
            });
        },
        onCloseUndo: removeCard,
        onOpenReader: (entryId) => {
          beginAction();
          sendMessage('openReader', { entryId }).catch(reportFailure('cardOpenReaderFailed'));
        },
        onToggleSave: (entry) => {
          if (savingIds.has(entry.id)) return;
          savingIds.add(entry.id);
          beginAction();
          // The button changes only on the background's answer: after a failure it still shows the stored state.
          sendMessage('setSaved', { entryId: entry.id, isSaved: !entry.isSaved })
            .then((state) => {
              entries = entries.map((e) => (e.id === entry.id ? { ...e, isSaved: state.isSaved } : e));
              renderCard();
            }, reportFailure('saveFailed'))
            .finally(() => savingIds.delete(entry.id));
        },
      },
      ids,
    );
  };

  const mount = () => {
    isMounting = true;
    mountCardUi(ctx).then(
      (mounted) => {
        isMounting = false;
        if (!isWanted || ctx.isInvalid) return mounted.remove();
        ui = mounted;
        renderCard();
      },
      (error: unknown) => {
        isMounting = false;
        warn(error);
      },
    );
  };

  return {
    show(url, shownEntries) {
      if (ctx.isInvalid) return;
      isWanted = true;
      entries = shownEntries;
      if (url !== shownUrl) notice = undefined;
      shownUrl = url;
      if (ui) renderCard();
      else if (!isMounting) mount();
    },
    remove: removeCard,
    toggle() {
      // Only a card on the page now: a press where none shows must not hide the next one.
      if (!ui) return;
      isHiddenByCommand = !isHiddenByCommand;
      renderCard();
    },
  };
}
