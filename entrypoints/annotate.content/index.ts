// Runs on every page of the hosts the corpus cites (matches are generated at build time), so it is
// kept to what every page needs: it sends the page's URL to our own background (the URL stays in
// the browser; the background turns it into keys) and, with no match, stops there. On a match the
// background injects the card's UI into this document (annotate-card.js) before it answers; no
// web-accessible resource exists for a page to probe. It never loads Dexie, FlexSearch or Preact,
// and uses the platform's own `browser` (wxt.config.ts), not the polyfill.
// Its context (content-script-context.ts, in place of WXT's) and the location watch give the page
// nothing to see or trigger.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendContentScriptMessage as sendMessage } from '../../lib/messaging/messenger';
import { ANNOTATE_PLACEHOLDER_MATCH } from '../../lib/url/placeholder-match';
import { installedCardUi, type CardController } from './card-slot';
import { watchPageLocation } from './page-location';
import { warn } from './script-errors';

function startPageWatch(ctx: ContentScriptContext): void {
  let card: CardController | undefined;
  let ticket = 0;

  // Promise callbacks rather than async/await: this runs on every page of the cited hosts, and
  // each step saved is paid by people not using Sidenote at the time (content-script-bench.ts).
  const evaluate = (url: string): void => {
    if (ctx.isInvalid) return;
    const current = ++ticket;
    // The URL goes to our own background, inside the browser; it turns it into keys and answers.
    sendMessage('matchPage', { url, needsCardUi: installedCardUi() === undefined }).then((response) => {
      if (current !== ticket || ctx.isInvalid) return;
      if (response.status !== 'matched') return card?.remove();
      card ??= installedCardUi()?.({ ctx, askAgain: async () => evaluate(location.href) });
      if (card === undefined) return warn(new Error('the card UI was not injected'));
      card.show(url, response.entries);
      // Also the normal end of an old content script after the extension reloads.
    }, warn);
  };

  evaluate(location.href);
  watchPageLocation(ctx, evaluate);
}

export default defineContentScript({
  // Replaced at build time by the hosts the corpus cites (wxt.config.ts).
  matches: [ANNOTATE_PLACEHOLDER_MATCH],
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  main(ctx) {
    startPageWatch(ctx);
  },
});
