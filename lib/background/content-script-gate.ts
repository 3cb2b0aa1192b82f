// What the background lets a content script do. The content script speaks for a page we do not
// trust (and a compromised page process can forge its messages), so it may act only on the
// entries the background last matched for that tab's page, only on that tab's own site, and may
// open reader tabs only at a human pace. Pure apart from the grant store it is given.

import { canonicalHost } from '../url/hosts';

/** A content script as the browser names it: the tab and frame, and the URL its document loaded with. */
export type ContentScriptCaller = { tabId: number; frameId: number; documentUrl: string };

/** What the last match in a tab allows: actions about these entries, from this origin. */
export type CardGrant = { origin: string; entryIds: number[] };

/** Where grants live; they must outlive a service-worker restart (the user may read a card for minutes). */
export type GrantStore = {
  get(tabId: number): Promise<CardGrant | undefined>;
  set(tabId: number, grant: CardGrant): Promise<void>;
  delete(tabId: number): Promise<void>;
};

export class ContentScriptDeniedError extends Error {
  constructor(reason: string) {
    super(`not allowed from this page: ${reason}`);
    this.name = 'ContentScriptDeniedError';
  }
}

/** At most one reader tab per tab every two seconds, and a handful a minute in all. */
export const OPEN_READER_LIMITS = { perTabIntervalMs: 2_000, perMinute: 6 } as const;

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    // Not a URL: no origin can equal it.
    return 'null';
  }
}

export function createContentScriptGate(store: GrantStore, now: () => number = Date.now) {
  const lastOpenByTab = new Map<number, number>();
  let recentOpens: number[] = [];

  const requireTopFrame = (caller: ContentScriptCaller) => {
    if (caller.frameId !== 0) throw new ContentScriptDeniedError('only the top frame shows cards');
  };

  const requireGrantedEntry = async (caller: ContentScriptCaller, entryId: number) => {
    requireTopFrame(caller);
    const grant = await store.get(caller.tabId);
    if (grant === undefined || grant.origin !== originOf(caller.documentUrl) || !grant.entryIds.includes(entryId)) {
      throw new ContentScriptDeniedError(`entry #${entryId} is not shown on this page`);
    }
  };

  return {
    /**
     * A page may only ask about its own origin: in-page navigation changes the path (and the
     * browser keeps reporting the URL the document loaded with), never the origin.
     */
    checkPageUrl(caller: ContentScriptCaller, pageUrl: string): void {
      requireTopFrame(caller);
      if (originOf(pageUrl) !== originOf(caller.documentUrl)) throw new ContentScriptDeniedError('a page can only ask about itself');
    },
    /**
     * Records what the card in this tab now shows; a page without a card takes the grant away.
     * Grants of closed tabs are not chased (that would wake the worker on every tab close in the
     * browser): tab ids are not reused within a session, and session storage ends with it.
     */
    grant(caller: ContentScriptCaller, entryIds: number[]): Promise<void> {
      if (entryIds.length === 0) return store.delete(caller.tabId);
      return store.set(caller.tabId, { origin: originOf(caller.documentUrl), entryIds });
    },
    checkEntry: requireGrantedEntry,
    async checkOpenReader(caller: ContentScriptCaller, entryId: number): Promise<void> {
      await requireGrantedEntry(caller, entryId);
      const at = now();
      recentOpens = recentOpens.filter((time) => at - time < 60_000);
      const last = lastOpenByTab.get(caller.tabId);
      if ((last !== undefined && at - last < OPEN_READER_LIMITS.perTabIntervalMs) || recentOpens.length >= OPEN_READER_LIMITS.perMinute) {
        throw new ContentScriptDeniedError('too many reader tabs at once');
      }
      lastOpenByTab.set(caller.tabId, at);
      recentOpens.push(at);
    },
    /** Muting or unmuting is only for the site the content script runs on. */
    checkOwnSite(caller: ContentScriptCaller, host: string): void {
      requireTopFrame(caller);
      let ownHost: string;
      try {
        ownHost = canonicalHost(new URL(caller.documentUrl).hostname);
      } catch {
        throw new ContentScriptDeniedError('no page URL');
      }
      if (host !== ownHost) throw new ContentScriptDeniedError(`${host} is not this page's site`);
    },
  };
}

export type ContentScriptGate = ReturnType<typeof createContentScriptGate>;

/** Grants in a key-value storage area (`browser.storage.session` in the extension). */
export type KeyValueArea = {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
};

export function createGrantStore(area: KeyValueArea): GrantStore {
  const keyOf = (tabId: number) => `cardGrant:${tabId}`;
  return {
    async get(tabId) {
      const value = (await area.get(keyOf(tabId)))[keyOf(tabId)] as Partial<CardGrant> | undefined;
      return typeof value?.origin === 'string' && Array.isArray(value.entryIds)
        ? { origin: value.origin, entryIds: value.entryIds.filter((id): id is number => typeof id === 'number') }
        : undefined;
    },
    set: (tabId, grant) => area.set({ [keyOf(tabId)]: grant }),
    delete: (tabId) => area.remove(keyOf(tabId)),
  };
}
