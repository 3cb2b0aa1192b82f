// Wiring only: registers every listener synchronously, then warms the corpus and index.
import { browser } from 'wxt/browser';
import { createBackgroundService } from '../lib/background/background-service';
import { SidenoteDatabase } from '../lib/db/database';
import { t } from '../lib/i18n/browser-translate';
import { registerHandlers } from '../lib/messaging/messenger';
import { TAB_PROTOCOL_TAG, type TabMessage } from '../lib/messaging/tab-messages';
import { readerPath } from '../lib/reader/reader-url';

const OPEN_READER_MENU_ID = 'sidenote-open-reader';

async function loadBundledJson(path: string): Promise<unknown> {
  const response = await fetch(browser.runtime.getURL(`/${path}` as '/'));
  if (!response.ok) throw new Error(`cannot load bundled ${path}: HTTP ${response.status}`);
  return response.json();
}

const TOGGLE_CARD_COMMAND = 'toggle-card';

/** The toolbar button: `action` in MV3, `browserAction` in Firefox's MV2 build. */
function toolbarButton() {
  return browser.action ?? browser.browserAction;
}

/** The badge counts the entries that discuss the page in the sender's tab (no `tabs` permission needed). */
function setBadge(tabId: number | undefined, count: number): void {
  if (tabId === undefined) return;
  const button = toolbarButton();
  void button.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
  if (count > 0) void button.setBadgeBackgroundColor({ tabId, color: '#2452c4' });
}

function openReaderTab(path: Parameters<typeof browser.runtime.getURL>[0]): Promise<unknown> {
  return browser.tabs.create({ url: browser.runtime.getURL(path) });
}

/** Recreated on install and on each browser start: Firefox does not keep an event page's menus. */
async function createMenus(): Promise<void> {
  // MV3 calls the toolbar button "action"; Firefox's MV2 build calls it "browser_action".
  const context = browser.runtime.getManifest().manifest_version === 3 ? 'action' : 'browser_action';
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: OPEN_READER_MENU_ID, title: t('openReader'), contexts: [context] });
}

export default defineBackground(() => {
  const service = createBackgroundService(new SidenoteDatabase(), loadBundledJson);

  registerHandlers({
    searchEntries: (request) => service.searchEntries(request),
    getEntry: ({ id }) => service.getEntry(id),
    setSaved: ({ entryId, isSaved }) => service.setSaved(entryId, isSaved),
    setNote: ({ entryId, text }) => service.setNote(entryId, text),
    listAuthors: () => service.listAuthors(),
    matchPage: async ({ exact, related, host }, sender) => {
      const response = await service.matchPage({ exact, related }, host);
      setBadge(sender.tab?.id, response.status === 'matched' ? response.entries.length : 0);
      return response;
    },
    openReader: async ({ entryId }) => {
      await openReaderTab(readerPath({ view: 'entry', id: entryId }));
      return null;
    },
    getAnnotationSettings: () => service.getAnnotationSettings(),
    setAnnotationsEnabled: ({ isEnabled }) => service.setAnnotationsEnabled(isEnabled),
    setSiteMuted: ({ host, isMuted }) => service.setSiteMuted(host, isMuted),
  });

  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId === OPEN_READER_MENU_ID) void openReaderTab(readerPath({ view: 'timeline' }));
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== TOGGLE_CARD_COMMAND || tab?.id === undefined) return;
    const message: TabMessage = { protocol: TAB_PROTOCOL_TAG, name: 'toggleCard' };
    // A tab without our content script (a page the digest never cites) has no one to answer.
    browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
  });

  const warm = () => {
    service.getIndex().catch((error: unknown) => console.error('Sidenote: could not load the corpus:', error));
  };
  const start = () => {
    createMenus().catch((error: unknown) => console.error('Sidenote: could not create the menu:', error));
    warm();
  };
  browser.runtime.onInstalled.addListener(start);
  browser.runtime.onStartup.addListener(start);
});
