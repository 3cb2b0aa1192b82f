// Annotates pages the digest discusses. Runs only on hosts the corpus cites (matches are generated
// at build time). It never loads Dexie or FlexSearch: it asks the background once per URL (the URL
// stays in the browser; the background turns it into keys); with no match it stops there. The card
// UI loads only on a match.
// Its context (content-script-context.ts, in place of WXT's) and the location watch give the page
// nothing to see or trigger; the card acts only on the user's own input and shows its own failures.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '../../lib/i18n/browser-translate';
import type { MessageKey } from '../../lib/i18n/messages';
import { registerTabHandlers, sendContentScriptMessage as sendMessage } from '../../lib/messaging/messenger';
import type { CardEntry } from '../../lib/annotate/page-match';
import { cardTabHandlers } from '../../lib/annotate/card-command';
import { describeError } from '../../lib/ui/describe-error';
import { errorMessage } from '../../lib/ui/error-message';
import { ANNOTATE_PLACEHOLDER_MATCH } from '../../lib/url/match-patterns';
import { canonicalHost } from '../../lib/url/hosts';
import type { CardUi } from './card-ui';
import { watchPageLocation } from './page-location';

/** How long the card offers to undo "Never on this site" before it goes. */
const MUTE_UNDO_MS = 8_000;

/** The extension was reloaded, updated or removed under this script: a normal shutdown. */
function isContextInvalidated(error: unknown): boolean {
  return error instanceof Error && /context invalidated/i.test(error.message);
}

/** Page matching fails quietly: also when no background answers yet, as while the extension restarts. */
function warn(error: unknown): void {
  if (!isContextInvalidated(error) && !/Receiving end does not exist/i.test(errorMessage(error))) console.warn('Sidenote:', error);
}

/** The toggle command only matters once a card exists, so its listener is added then. */
function listenForToggle(ctx: ContentScriptContext, toggle: () => void): void {
  ctx.onInvalidated(registerTabHandlers(cardTabHandlers(toggle)));
}

function startAnnotator(ctx: ContentScriptContext): void {
  let ui: CardUi | undefined;
  let entries: CardEntry[] = [];
  let shownUrl = '';
  let ticket = 0;
  /** Pages where the user hid the card (collapsed to a pill) in this tab. */
  const dismissedUrls = new Set<string>();
  let isHiddenByCommand = false;
  let isListeningForToggle = false;
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
              return evaluate(location.href);
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

  const evaluate = async (url: string) => {
    if (ctx.isInvalid) return;
    const current = ++ticket;
    let response;
    try {
      // The URL goes to our own background, inside the browser; it turns it into keys and answers.
      response = await sendMessage('matchPage', { url });
    } catch (error) {
      // Also the normal end of an old content script after the extension reloads.
      return warn(error);
    }
    if (current !== ticket || ctx.isInvalid) return;
    if (response.status !== 'matched') return removeCard();
    entries = response.entries;
    if (url !== shownUrl) notice = undefined;
    shownUrl = url;
    if (!ui) {
      const { mountCardUi } = await import('./card-ui');
      if (current !== ticket || ctx.isInvalid) return;
      ui = await mountCardUi(ctx);
      if (!isListeningForToggle) {
        isListeningForToggle = true;
        listenForToggle(ctx, () => {
          isHiddenByCommand = !isHiddenByCommand;
          renderCard();
        });
      }
    }
    renderCard();
  };

  void evaluate(location.href);
  watchPageLocation(ctx, (url) => void evaluate(url));
}

export default defineContentScript({
  // Replaced at build time by the hosts the corpus cites (wxt.config.ts).
  matches: [ANNOTATE_PLACEHOLDER_MATCH],
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  main(ctx) {
    startAnnotator(ctx);
  },
});
