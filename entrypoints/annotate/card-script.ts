// The card's script: the background runs it (scripting.executeScript / tabs.executeScript) in the
// top document of a tab whose page the digest discusses, and nowhere else. Nothing of Sidenote runs
// in the other pages of the cited hosts: the background learns their URLs from the browser's tab
// updates (lib/annotate/tab-watch.ts). It is never declared in the manifest and never
// web-accessible, so no page can probe for it. Here it asks the background what to show for its
// page, shows the card, and follows the page's in-page navigation (x.com, GitHub, YouTube) until
// the extension goes away: to another discussed page, or to one with nothing to show.
import type { Lifetime } from '../../lib/annotate/location-watch';
import { cardTabHandlers } from '../../lib/annotate/card-command';
import { registerTabHandlers, sendContentScriptMessage as sendMessage } from '../../lib/messaging/messenger';
import { createCardController } from './card-controller';
import { ContentScriptContext } from './content-script-context';
import { watchPageLocation } from './page-location';
import { warn } from './script-errors';

/** Set in this extension's content-script world (the page never sees it) by the first run. */
const RUNNING = '__sidenoteCardScript';

export function startCardScript(): void {
  // The background asks before injecting, but two quick matches may still both inject: one runs.
  const world = globalThis as { [RUNNING]?: true };
  if (world[RUNNING]) return;
  world[RUNNING] = true;

  // The script's context: its card, listeners and timers end with it, when the extension goes away.
  const ctx = new ContentScriptContext('annotate');
  const lifetime: Lifetime = {
    get isOver() {
      return ctx.isInvalid;
    },
    onEnd: (cleanup) => void ctx.onInvalidated(cleanup),
  };
  let ticket = 0;
  const evaluate = (url: string): void => {
    if (lifetime.isOver) return;
    const current = ++ticket;
    // The URL goes to our own background, inside the browser; it turns it into keys and answers.
    sendMessage('matchPage', { url }).then((response) => {
      if (current !== ticket || lifetime.isOver) return;
      if (response.status === 'matched') card.show(url, response.entries);
      else card.remove();
      // Also the normal end of an old script after the extension reloads.
    }, warn);
  };
  const card = createCardController({ ctx, askAgain: async () => evaluate(location.href) });

  lifetime.onEnd(registerTabHandlers(cardTabHandlers(() => card.toggle())));
  evaluate(location.href);
  watchPageLocation(lifetime, evaluate);
}
