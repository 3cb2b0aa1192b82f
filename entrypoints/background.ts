// Wiring only: registers every listener synchronously, then warms the corpus and index.
import { browser } from 'wxt/browser';
import { createBackgroundService } from '../lib/background/background-service';
import { SidenoteDatabase } from '../lib/db/database';
import { t } from '../lib/i18n/browser-translate';
import { registerHandlers } from '../lib/messaging/messenger';
import { readerPath } from '../lib/reader/reader-url';

const OPEN_READER_MENU_ID = 'sidenote-open-reader';

async function loadBundledJson(path: string): Promise<unknown> {
  const response = await fetch(browser.runtime.getURL(`/${path}` as '/'));
  if (!response.ok) throw new Error(`cannot load bundled ${path}: HTTP ${response.status}`);
  return response.json();
}

function createMenus(): void {
  // MV3 calls the toolbar button "action"; Firefox's MV2 build calls it "browser_action".
  const context = browser.runtime.getManifest().manifest_version === 3 ? 'action' : 'browser_action';
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
  });

  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId === OPEN_READER_MENU_ID) void browser.tabs.create({ url: browser.runtime.getURL(readerPath({ view: 'timeline' })) });
  });

  const warm = () => {
    service.getIndex().catch((error: unknown) => console.error('Sidenote: could not load the corpus:', error));
  };
  browser.runtime.onInstalled.addListener(() => {
    createMenus();
    warm();
  });
  browser.runtime.onStartup.addListener(warm);
});
