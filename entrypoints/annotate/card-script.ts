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

/** Where a running card script leaves its mark: this extension's content-script world, which the page never sees. */
const RUNNING = '__sidenoteCardScript';

/**
 * The mark: whether that script's extension is still there. Asked of a script whose extension has
 * gone, it also ends that script (its context notices, and its card goes).
 */
type IsRunningScriptAlive = () => boolean;

export function startCardScript(): void {
  // The background pings before injecting, but two quick matches may still both inject: one runs.
  // A script left by an earlier Sidenote (updated or reloaded since; Chrome names the world by
  // extension id, so the two may meet here) gives way to this one, which the background injected
  // into the tabs open at the update.
  const world = globalThis as { [RUNNING]?: IsRunningScriptAlive };
  if (world[RUNNING]?.()) return;

  // The script's context: its card, listeners and timers end with it, when the extension goes away.
  const ctx = new ContentScriptContext('annotate');
  const lifetime: Lifetime = {
    get isOver() {
      return ctx.isInvalid;
    },
    onEnd: (cleanup) => void ctx.onInvalidated(cleanup),
  };
  world[RUNNING] = () => !ctx.isInvalid;
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
