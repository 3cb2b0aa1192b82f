// Wiring only: registers every listener synchronously, then warms the corpus and index.
import { browser } from 'wxt/browser';
import { createBackgroundService } from '../lib/background/background-service';
import { SidenoteDatabase } from '../lib/db/database';
import { registerHandlers } from '../lib/messaging/messenger';

async function loadBundledJson(path: string): Promise<unknown> {
  const response = await fetch(browser.runtime.getURL(`/${path}` as '/'));
  if (!response.ok) throw new Error(`cannot load bundled ${path}: HTTP ${response.status}`);
  return response.json();
}

export default defineBackground(() => {
  const service = createBackgroundService(new SidenoteDatabase(), loadBundledJson);

  registerHandlers({
    searchEntries: ({ query, limit }) => service.searchEntries(query, limit),
    getEntry: ({ id }) => service.getEntry(id),
  });

  const warm = () => {
    service.getIndex().catch((error: unknown) => console.error('Sidenote: could not load the corpus:', error));
  };
  browser.runtime.onInstalled.addListener(warm);
  browser.runtime.onStartup.addListener(warm);
});
