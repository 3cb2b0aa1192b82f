// The background's answer to each request in the protocol map (the Handlers type requires one per
// request): which service does the work, and what a content script must first show the gate. Tabs,
// the badge and entry reads come in as parameters; entrypoints/background.ts registers the result.

import type { Entry } from '../corpus/types';
import type { Caller, Handlers } from '../messaging/messenger';
import { readerPath } from '../reader/reader-url';
import type { BackgroundService } from './background-service';
import type { ContentScriptGate } from './content-script-gate';
import type { SyncService } from './sync-service';

export type MessageHandlerOptions = {
  service: BackgroundService;
  sync: SyncService;
  gate: ContentScriptGate;
  /** Opens the reader at `path` in a new tab. */
  openReaderTab: (path: ReturnType<typeof readerPath>) => Promise<unknown>;
  /** Shows on the toolbar button, for that tab, how many entries discuss its page. */
  setBadge: (tabId: number, count: number) => void;
  /** Every entry of the stored corpus (an export names the entries it lists). */
  readEntries: () => Promise<Entry[]>;
};

const contentScript = (caller: Caller) => (caller.kind === 'contentScript' ? caller : undefined);

export function createMessageHandlers({ service, sync, gate, openReaderTab, setBadge, readEntries }: MessageHandlerOptions): Handlers {
  return {
    searchEntries: (request) => service.searchEntries(request),
    getEntry: ({ id }) => service.getEntry(id),
    setSaved: async ({ entryId, isSaved }, caller) => {
      const page = contentScript(caller);
      if (page) await gate.checkEntry(page, entryId);
      return service.setSaved(entryId, isSaved);
    },
    setNote: ({ entryId, text, baseNoteStamp }) => service.setNote(entryId, text, baseNoteStamp),
    listAuthors: () => service.listAuthors(),
    listOrphans: () => service.listOrphans(),
    matchPage: async ({ url }, caller) => {
      const page = contentScript(caller);
      if (page === undefined) return service.matchPage(url);
      gate.checkPageUrl(page, url);
      const response = await service.matchPage(url);
      const shown = response.status === 'matched' ? response.entries.map((entry) => entry.id) : [];
      await gate.grant(page, shown);
      setBadge(page.tabId, shown.length);
      return response;
    },
    openReader: async ({ entryId }, caller) => {
      const page = contentScript(caller);
      if (page) await gate.checkOpenReader(page, entryId);
      await openReaderTab(readerPath({ view: 'entry', id: entryId }));
      return null;
    },
    getAnnotationSettings: () => service.getAnnotationSettings(),
    setAnnotationsEnabled: ({ isEnabled }) => service.setAnnotationsEnabled(isEnabled),
    setSiteMuted: async ({ host, isMuted }, caller) => {
      const page = contentScript(caller);
      if (page) gate.checkOwnSite(page, host);
      const settings = await service.setSiteMuted(host, isMuted);
      // The card that muted its site shows no entries now: nor does the badge. An undo asks
      // matchPage again, which sets it back.
      if (page && isMuted) setBadge(page.tabId, 0);
      return settings;
    },
    getSyncOverview: () => sync.overview(),
    connectWebDav: (settings) => sync.connectWebDav(settings),
    disconnectWebDav: () => sync.disconnectWebDav(),
    setBrowserSyncEnabled: ({ isEnabled }) => sync.setBrowserSyncEnabled(isEnabled),
    syncNow: ({ confirmLosses }) => sync.syncNow(confirmLosses),
    renameDevice: ({ name }) => sync.renameDevice(name),
    exportUserData: async ({ format }) => {
      await service.ensureCorpus();
      return sync.exportData(format, readEntries);
    },
    importUserData: ({ text, passphrase, confirmLosses }) => sync.importData(text, passphrase, confirmLosses),
  };
}
