// Wires lib/annotate/location-watch.ts to this page: the browser's `location`, `navigation` and
// timers, and a MutationObserver for the title, all ended with the script's lifetime.
import { watchLocation, type Lifetime } from '../../lib/annotate/location-watch';

/** Firefox's content scripts see the page's `navigation` too (checked in Firefox ESR 153). */
function pageNavigation(): EventTarget | undefined {
  const { navigation } = globalThis as { navigation?: EventTarget };
  return typeof navigation?.addEventListener === 'function' ? navigation : undefined;
}

/**
 * Only the fallback (no Navigation API) watches the title: the <title> element's text, and the
 * head's own children in case the site swaps the element. Not the head's subtree: sites add styles
 * and scripts there all the time.
 */
function observeTitle(onChange: () => void, lifetime: Lifetime): void {
  const head = document.head ?? document.documentElement;
  let title: Element | null = null;
  const observeCurrentTitle = () => {
    const current = head.querySelector(':scope > title');
    if (current === title) return;
    title = current;
    // A MutationObserver cannot drop one target: start over with the head and the new title.
    observer.disconnect();
    observer.observe(head, { childList: true });
    if (title) observer.observe(title, { childList: true, characterData: true, subtree: true });
  };
  const observer = new MutationObserver(() => {
    observeCurrentTitle();
    onChange();
  });
  observer.observe(head, { childList: true });
  observeCurrentTitle();
  lifetime.onEnd(() => observer.disconnect());
}

/** Calls `onChange` with the new URL after each in-page navigation, until `lifetime` ends. */
export function watchPageLocation(lifetime: Lifetime, onChange: (url: string) => void): void {
  watchLocation(
    {
      readUrl: () => location.href,
      navigation: pageNavigation(),
      window,
      observeTitle,
      setTimeout: (callback, ms) => window.setTimeout(callback, ms),
      clearTimeout: (id) => window.clearTimeout(id as number),
    },
    lifetime,
    onChange,
  );
}
