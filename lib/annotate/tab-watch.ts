// How the background finds the tabs showing a page the digest discusses, so that nothing of
// Sidenote runs in the pages it does not discuss. The browser reports each tab's navigations
// (tabs.onUpdated: with the URL only where Sidenote has host access, the cited hosts); the
// background matches the URL and, only on a match, puts the card's script into the tab's top
// document. From then on that script follows the page itself (in-page navigation, its own
// matchPage). Pure: the browser's calls come in as parameters.

/** The part of tabs.onUpdated's changeInfo this looks at. */
export type TabChange = { url?: string; status?: string };

export type TabWatchOptions = {
  /** How many entries the card would show for `url` now (0: none, or cards are off or muted there). */
  countShown: (url: string) => Promise<number>;
  /** Whether the tab's top document runs the card's script already (it answers a ping). */
  hasCardScript: (tabId: number) => Promise<boolean>;
  /** Runs the card's script in the tab's top document (after it has loaded, if it is loading). */
  injectCardScript: (tabId: number) => Promise<void>;
  setBadge: (tabId: number, count: number) => void;
  /** A failure nobody asked about: logged, never thrown into the browser's event dispatch. */
  warn: (error: unknown) => void;
};

/**
 * Which updates can mean a new page: a new URL (Chrome and Firefox; in-page navigation too), or
 * a load starting (Chrome reports a reload without a URL). Titles, favicons, sound: never.
 */
export function isNavigation(change: TabChange): boolean {
  return change.url !== undefined || change.status === 'loading';
}

export function createTabWatch({ countShown, hasCardScript, injectCardScript, setBadge, warn }: TabWatchOptions) {
  /** Per tab, the newest URL not looked at yet; a tab being looked at is in `busyTabs`. */
  const waitingUrls = new Map<number, string>();
  const busyTabs = new Set<number>();

  const lookAt = async (tabId: number, url: string) => {
    const count = await countShown(url);
    setBadge(tabId, count);
    if (count === 0 || (await hasCardScript(tabId))) return;
    await injectCardScript(tabId);
  };

  // One look at a time per tab, each at the newest URL: a burst of updates (Chrome reports a
  // navigation as loading and complete, Firefox a title first) costs one or two looks, and a
  // second injection cannot start while the first is under way.
  const drain = async (tabId: number) => {
    busyTabs.add(tabId);
    try {
      for (let url = waitingUrls.get(tabId); url !== undefined; url = waitingUrls.get(tabId)) {
        waitingUrls.delete(tabId);
        await lookAt(tabId, url).catch(warn);
      }
    } finally {
      busyTabs.delete(tabId);
    }
  };

  /** Looks at the page in tab `tabId` soon (once any look under way there is over). */
  const lookSoon = (tabId: number, tabUrl: string | undefined) => {
    if (tabUrl === undefined || !/^https?:\/\//.test(tabUrl)) return;
    waitingUrls.set(tabId, tabUrl);
    if (!busyTabs.has(tabId)) void drain(tabId);
  };

  return {
    /** tabs.onUpdated's listener: `tabUrl` is undefined where Sidenote has no host access. */
    onTabUpdated(tabId: number, change: TabChange, tabUrl: string | undefined): void {
      if (isNavigation(change)) lookSoon(tabId, tabUrl);
    },
    /**
     * Tabs already open when Sidenote is installed or updated (their navigations happened before
     * it listened): each gets its card now, as if it had just loaded.
     */
    lookAtOpenTabs(tabs: { id?: number; url?: string }[]): void {
      for (const { id, url } of tabs) if (id !== undefined) lookSoon(id, url);
    },
  };
}

export type TabWatch = ReturnType<typeof createTabWatch>;
