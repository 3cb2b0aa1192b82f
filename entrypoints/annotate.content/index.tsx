// Annotates pages the digest discusses. Runs only on hosts the corpus cites (matches are generated
// at build time). It never loads Dexie or FlexSearch: it turns the URL into keys and asks the
// background once per URL; with no match it stops there. The card UI loads only on a match.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '../../lib/i18n/browser-translate';
import { sendMessage } from '../../lib/messaging/messenger';
import type { CardEntry } from '../../lib/messaging/protocol';
import { isTabMessage } from '../../lib/messaging/tab-messages';
import { ANNOTATE_PLACEHOLDER_MATCH } from '../../lib/url/match-patterns';
import { canonicalHost, urlKeys } from '../../lib/url/url-keys';
import type { CardUi } from './card-ui';
import { watchPageLocation } from './page-location';

function isContextInvalidated(error: unknown): boolean {
  return error instanceof Error && /context invalidated|Receiving end does not exist/i.test(error.message);
}

function warn(error: unknown): void {
  if (!isContextInvalidated(error)) console.warn('Sidenote:', error);
}

/** The toggle command only matters once a card exists, so its listener is added then. */
function listenForToggle(ctx: ContentScriptContext, toggle: () => void): void {
  const onTabMessage = (message: unknown, sender: { id?: string }) => {
    if (sender.id === browser.runtime.id && isTabMessage(message)) toggle();
    return undefined;
  };
  browser.runtime.onMessage.addListener(onTabMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onTabMessage));
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

  const removeCard = () => {
    ui?.remove();
    ui = undefined;
    entries = [];
  };

  const renderCard = () => {
    if (!ui) return;
    const ids = entries.map((entry) => entry.id);
    if (isHiddenByCommand) return ui.update(null, ids);
    ui.update(
      {
        t,
        entries,
        isCollapsed: dismissedUrls.has(shownUrl),
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
          sendMessage('setSiteMuted', { host: canonicalHost(location.hostname), isMuted: true }).then(removeCard, warn);
        },
        onOpenReader: (entryId) => void sendMessage('openReader', { entryId }).catch(warn),
        onToggleSave: (entry) => {
          sendMessage('setSaved', { entryId: entry.id, isSaved: !entry.isSaved }).then((state) => {
            entries = entries.map((e) => (e.id === entry.id ? { ...e, isSaved: state.isSaved } : e));
            renderCard();
          }, warn);
        },
      },
      ids,
    );
  };

  const evaluate = async (url: string) => {
    if (ctx.isInvalid) return;
    const current = ++ticket;
    const keys = urlKeys(url);
    if (keys === undefined) return removeCard();
    let response;
    try {
      response = await sendMessage('matchPage', {
        exact: keys.exact,
        related: keys.related.slice(0, 8),
        host: canonicalHost(new URL(url).hostname),
      });
    } catch (error) {
      // Also the normal end of an old content script after the extension reloads.
      return warn(error);
    }
    if (current !== ticket || ctx.isInvalid) return;
    if (response.status !== 'matched') return removeCard();
    entries = response.entries;
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
