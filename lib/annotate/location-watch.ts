// Notices in-page navigation (pushState, replaceState, back/forward: how x.com, GitHub and YouTube
// move between pages) and reports the URL read from the browser. Heeds only trusted events, never
// takes a URL from an event, dispatches nothing; gets the page's objects as parameters (runs in Node).

export type LocationSource = {
  /** The page's URL as the browser has it now (`location.href`). */
  readUrl: () => string;
  /** `window.navigation` where the browser has the Navigation API (Chrome 102+, Firefox 147+). */
  navigation: EventTarget | undefined;
  /** The page's window: back/forward, fragments and user input (the fallback's signals). */
  window: EventTarget;
  /** Calls back whenever the document's title changes, until `lifetime` ends (a MutationObserver). */
  observeTitle: (onChange: () => void, lifetime: Lifetime) => void;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (id: unknown) => void;
};

/** How long the watch lasts: the card script's context (a plain object in Node tests). */
export type Lifetime = {
  readonly isOver: boolean;
  /** Calls `callback` once when the lifetime ends. */
  onEnd(callback: () => void): void;
};

/**
 * Without the Navigation API, pushState and replaceState fire no event at all. After trusted user
 * input (most in-page navigations follow a click or a key) the URL is read at these delays, ms; the
 * last covers a slow fetch before the site pushes its new URL. Five string compares per input, no
 * timer at all while nobody interacts.
 */
export const INPUT_CHECK_DELAYS = [50, 250, 1000, 2500, 5000] as const;

/** Calls `onChange(url)` each time the page's URL changes without a new document, until `lifetime` ends. */
export function watchLocation(source: LocationSource, lifetime: Lifetime, onChange: (url: string) => void): void {
  let lastUrl = source.readUrl();
  const check = () => {
    if (lifetime.isOver) return;
    const url = source.readUrl();
    if (url === lastUrl) return;
    lastUrl = url;
    onChange(url);
  };
  // A page can dispatch any event on any target; one it made itself is never trusted. And even a
  // trusted event only prompts a look at the browser's URL.
  const checkOnTrusted = (event: Event) => {
    if (event.isTrusted) check();
  };
  const listen = (target: EventTarget, type: string, listener: (event: Event) => void, capture = false) => {
    target.addEventListener(type, listener, { capture, passive: true });
    lifetime.onEnd(() => target.removeEventListener(type, listener, { capture }));
  };

  if (source.navigation !== undefined) {
    // Fires after the URL is updated, for every same-document navigation (push, replace, traverse,
    // fragment), and never for one the page cancelled (unlike `navigate`). HTML § navigation API.
    listen(source.navigation, 'currententrychange', checkOnTrusted);
    return;
  }

  listen(source.window, 'popstate', checkOnTrusted);
  listen(source.window, 'hashchange', checkOnTrusted);
  // Sites that navigate on their own (YouTube's autoplay) retitle the page when they do.
  source.observeTitle(check, lifetime);
  const pending: unknown[] = [];
  const cancelPending = () => pending.splice(0).forEach((id) => source.clearTimeout(id));
  const checkAfterInput = (event: Event) => {
    if (!event.isTrusted) return;
    cancelPending();
    for (const delay of INPUT_CHECK_DELAYS) pending.push(source.setTimeout(check, delay));
  };
  // Capture: the page cannot stop these before they reach us.
  listen(source.window, 'click', checkAfterInput, true);
  listen(source.window, 'keydown', checkAfterInput, true);
  lifetime.onEnd(cancelPending);
}
