import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INPUT_CHECK_DELAYS, watchLocation, type Lifetime, type LocationSource } from '../../lib/annotate/location-watch';

/** An event as the browser fires it. Node's events, like a page's own, are never trusted. */
function browserEvent(type: string): Event {
  const event = new Event(type);
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** The content script passes its context; here an AbortSignal plays it. */
function lifetimeOf(signal: AbortSignal): Lifetime {
  return {
    get isOver() {
      return signal.aborted;
    },
    onEnd: (callback) => signal.addEventListener('abort', callback, { once: true }),
  };
}

type Page = {
  source: LocationSource;
  navigation: EventTarget;
  window: EventTarget;
  setUrl: (url: string) => void;
  changeTitle: () => void;
  changes: string[];
  controller: AbortController;
};

function watchedPage(hasNavigationApi: boolean): Page {
  let url = 'https://github.com/myshell-ai';
  const navigation = new EventTarget();
  const window = new EventTarget();
  const titleObservers = new Set<() => void>();
  const source: LocationSource = {
    readUrl: () => url,
    navigation: hasNavigationApi ? navigation : undefined,
    window,
    observeTitle: (onChange, lifetime) => {
      titleObservers.add(onChange);
      lifetime.onEnd(() => titleObservers.delete(onChange));
    },
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  };
  const changes: string[] = [];
  const controller = new AbortController();
  watchLocation(source, lifetimeOf(controller.signal), (next) => changes.push(next));
  return {
    source,
    navigation,
    window,
    setUrl: (next) => (url = next),
    changeTitle: () => titleObservers.forEach((observer) => observer()),
    changes,
    controller,
  };
}

const REPO = 'https://github.com/myshell-ai/AIlice';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('watchLocation with the Navigation API', () => {
  it('reports the URL the browser has after a same-document navigation', () => {
    const page = watchedPage(true);
    page.setUrl(REPO);
    page.navigation.dispatchEvent(browserEvent('currententrychange'));
    expect(page.changes).toEqual([REPO]);
  });

  it('ignores an event the page dispatched, even when the URL did change', () => {
    const page = watchedPage(true);
    page.setUrl(REPO);
    page.navigation.dispatchEvent(new Event('currententrychange'));
    expect(page.changes).toEqual([]);
    page.navigation.dispatchEvent(browserEvent('currententrychange'));
    expect(page.changes).toEqual([REPO]);
  });

  it('reports nothing when the entry changed but the URL did not (a replaceState with new state)', () => {
    const page = watchedPage(true);
    page.navigation.dispatchEvent(browserEvent('currententrychange'));
    expect(page.changes).toEqual([]);
  });

  it('needs no fallback: no window listeners, no title observer, no timers', () => {
    const page = watchedPage(true);
    page.setUrl(REPO);
    page.window.dispatchEvent(browserEvent('click'));
    page.window.dispatchEvent(browserEvent('popstate'));
    page.changeTitle();
    expect(vi.getTimerCount()).toBe(0);
    vi.runAllTimers();
    expect(page.changes).toEqual([]);
  });

  it('stops with its signal', () => {
    const page = watchedPage(true);
    const removed = vi.spyOn(page.navigation, 'removeEventListener');
    page.controller.abort();
    expect(removed).toHaveBeenCalledWith('currententrychange', expect.any(Function), { capture: false });
    page.setUrl(REPO);
    page.navigation.dispatchEvent(browserEvent('currententrychange'));
    expect(page.changes).toEqual([]);
  });
});

describe('watchLocation without the Navigation API (Firefox before 147)', () => {
  it.each(['popstate', 'hashchange'])('reports the new URL on a trusted %s, and ignores a made-up one', (type) => {
    const page = watchedPage(false);
    page.setUrl(REPO);
    page.window.dispatchEvent(new Event(type));
    expect(page.changes).toEqual([]);
    page.window.dispatchEvent(browserEvent(type));
    expect(page.changes).toEqual([REPO]);
  });

  it('notices a navigation the site makes on its own when it retitles the page', () => {
    const page = watchedPage(false);
    page.setUrl(REPO);
    page.changeTitle();
    expect(page.changes).toEqual([REPO]);
  });

  it.each(['click', 'keydown'])('reads the URL a few times after a trusted %s, then stops', (type) => {
    const page = watchedPage(false);
    expect(vi.getTimerCount()).toBe(0);
    page.window.dispatchEvent(browserEvent(type));
    expect(vi.getTimerCount()).toBe(INPUT_CHECK_DELAYS.length);
    // The site pushes its URL after a slow fetch.
    vi.advanceTimersByTime(600);
    page.setUrl(REPO);
    vi.advanceTimersByTime(1000);
    expect(page.changes).toEqual([REPO]);
    vi.runAllTimers();
    expect(page.changes).toEqual([REPO]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('schedules nothing for input the page made up, and one schedule for a burst of input', () => {
    const page = watchedPage(false);
    page.window.dispatchEvent(new Event('click'));
    expect(vi.getTimerCount()).toBe(0);
    for (let i = 0; i < 5; i++) page.window.dispatchEvent(browserEvent('keydown'));
    expect(vi.getTimerCount()).toBe(INPUT_CHECK_DELAYS.length);
  });

  it('stops with its signal: listeners, title observer and pending checks', () => {
    const page = watchedPage(false);
    page.window.dispatchEvent(browserEvent('click'));
    const removed = vi.spyOn(page.window, 'removeEventListener');
    page.controller.abort();
    expect(removed.mock.calls.map(([type]) => type).sort()).toEqual(['click', 'hashchange', 'keydown', 'popstate']);
    expect(vi.getTimerCount()).toBe(0);
    page.setUrl(REPO);
    page.window.dispatchEvent(browserEvent('popstate'));
    page.changeTitle();
    vi.runAllTimers();
    expect(page.changes).toEqual([]);
  });
});
