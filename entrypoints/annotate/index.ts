// The content script on every page of the hosts the corpus cites (wxt.config.ts declares this file,
// built as a plain script, with the generated matches). It is kept to what every page needs, since
// every millisecond is paid by people not using Sidenote at the time: it sends the page's URL to our
// own background (the URL stays in the browser; the background turns it into keys) and, with no
// match, stops there. On a match the background injects the card's UI into this document
// (annotate-card.js) before it answers; no web-accessible resource exists for a page to probe. It
// never loads Dexie, FlexSearch or Preact, uses the platform's own `browser` (not the polyfill), and
// runs without WXT's content-script wrapper and context: each costs a fresh page ~0.4 ms
// (test/bench/content-script-bench.ts). It posts, dispatches and listens to nothing on the page but
// the location watch's trusted events, and ends when the extension goes away.
import type { Lifetime } from '../../lib/annotate/location-watch';
import { sendContentScriptMessage as sendMessage } from '../../lib/messaging/messenger';
import { installedCardUi, type CardController } from './card-slot';
import { isExtensionAlive } from './extension-alive';
import { watchPageLocation } from './page-location';
import { warn } from './script-errors';

/** This script's life: until the extension goes away (noticed whenever it is asked), then its cleanups run once. */
function scriptLifetime(): Lifetime {
  let isOver = false;
  const cleanups: (() => void)[] = [];
  return {
    get isOver() {
      if (!isOver && !isExtensionAlive()) {
        isOver = true;
        for (const cleanup of cleanups.splice(0)) cleanup();
      }
      return isOver;
    },
    onEnd: (cleanup) => void cleanups.push(cleanup),
  };
}

function startPageWatch(): void {
  const lifetime = scriptLifetime();
  let card: CardController | undefined;
  let ticket = 0;

  // Promise callbacks rather than async/await: fewer functions to compile on a fresh page.
  const evaluate = (url: string): void => {
    if (lifetime.isOver) return;
    const current = ++ticket;
    // The URL goes to our own background, inside the browser; it turns it into keys and answers.
    sendMessage('matchPage', { url, needsCardUi: installedCardUi() === undefined }).then((response) => {
      if (current !== ticket || lifetime.isOver) return;
      if (response.status !== 'matched') return card?.remove();
      card ??= installedCardUi()?.({ askAgain: async () => evaluate(location.href) });
      if (card === undefined) return warn(new Error('the card UI was not injected'));
      card.show(url, response.entries);
      // Also the normal end of an old content script after the extension reloads.
    }, warn);
  };

  evaluate(location.href);
  watchPageLocation(lifetime, evaluate);
}

export default defineUnlistedScript(startPageWatch);
