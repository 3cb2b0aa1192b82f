// Annotates pages the digest discusses. Runs only on hosts the corpus cites (matches are generated
// at build time). It never loads Dexie or FlexSearch: it turns the URL into keys and asks the
// background once per URL; with no match it stops there (cost: one key computation, one message).
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { t } from '../../lib/i18n/browser-translate';
import { sendMessage } from '../../lib/messaging/messenger';
import type { CardEntry } from '../../lib/messaging/protocol';
import { isTabMessage } from '../../lib/messaging/tab-messages';
import { ANNOTATE_PLACEHOLDER_MATCH } from '../../lib/url/match-patterns';
import { canonicalHost, urlKeys } from '../../lib/url/url-keys';
import { Card } from './Card';
import { applyCardStyles } from './card-styles';
import cardCss from './card.css?inline';

function isContextInvalidated(error: unknown): boolean {
  return error instanceof Error && /context invalidated|Receiving end does not exist/i.test(error.message);
}

function startAnnotator(ctx: ContentScriptContext): void {
  let ui: ShadowRootContentScriptUi<HTMLElement> | undefined;
  let entries: CardEntry[] = [];
  let shownUrl = '';
  let ticket = 0;
  /** Pages where the user hid the card (collapsed to a pill) in this tab. */
  const dismissedUrls = new Set<string>();
  let isHiddenByCommand = false;

  const removeCard = () => {
    ui?.remove();
    ui = undefined;
    entries = [];
  };

  const renderCard = () => {
    const container = ui?.mounted;
    if (!container || !ui) return;
    ui.shadowHost.setAttribute('data-entry-ids', entries.map((e) => e.id).join(' '));
    if (isHiddenByCommand) {
      render(null, container);
      return;
    }
    render(
      <Card
        t={t}
        entries={entries}
        isCollapsed={dismissedUrls.has(shownUrl)}
        onCollapse={(isCollapsed) => {
          if (isCollapsed) dismissedUrls.add(shownUrl);
          else dismissedUrls.delete(shownUrl);
          renderCard();
        }}
        onDismiss={() => {
          dismissedUrls.add(shownUrl);
          renderCard();
        }}
        onMuteSite={() => {
          const host = canonicalHost(location.hostname);
          sendMessage('setSiteMuted', { host, isMuted: true }).then(removeCard, (error: unknown) => console.warn('Sidenote:', error));
        }}
        onOpenReader={(entryId) => void sendMessage('openReader', { entryId }).catch((error: unknown) => console.warn('Sidenote:', error))}
        onToggleSave={(entry) => {
          sendMessage('setSaved', { entryId: entry.id, isSaved: !entry.isSaved }).then(
            (state) => {
              entries = entries.map((e) => (e.id === entry.id ? { ...e, isSaved: state.isSaved } : e));
              renderCard();
            },
            (error: unknown) => console.warn('Sidenote:', error),
          );
        }}
      />,
      container,
    );
  };

  const showCard = async () => {
    if (!ui) {
      ui = await createShadowRootUi(ctx, {
        name: 'sidenote-card',
        position: 'inline',
        anchor: 'body',
        append: 'last',
        // Keys typed in the card must not trigger the site's own shortcuts.
        isolateEvents: true,
        // Our sheet resets :host itself (all: initial).
        inheritStyles: true,
        onMount: (container, shadow) => {
          applyCardStyles(shadow, cardCss);
          return container;
        },
        onRemove: (container) => {
          if (container) render(null, container);
        },
      });
      ui.mount();
    }
    renderCard();
  };

  /** In-page navigation hands us the new URL before `location` changes, so it comes in as an argument. */
  const evaluate = async (url: string) => {
    const current = ++ticket;
    const keys = urlKeys(url);
    if (keys === undefined) return removeCard();
    let response;
    try {
      response = await sendMessage('matchPage', { exact: keys.exact, related: keys.related.slice(0, 8), host: canonicalHost(new URL(url).hostname) });
    } catch (error) {
      // The extension was reloaded or updated: this old content script simply stops.
      if (!isContextInvalidated(error)) console.warn('Sidenote: could not match this page:', error);
      return;
    }
    if (current !== ticket || ctx.isInvalid) return;
    if (response.status !== 'matched') return removeCard();
    entries = response.entries;
    shownUrl = url;
    await showCard();
  };

  void evaluate(location.href);
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void evaluate(newUrl.href));

  const onTabMessage = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id || !isTabMessage(message) || !ui) return undefined;
    isHiddenByCommand = !isHiddenByCommand;
    renderCard();
    return undefined;
  };
  browser.runtime.onMessage.addListener(onTabMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onTabMessage));
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
