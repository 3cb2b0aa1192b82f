// Wiring only: registers every listener synchronously, then warms the corpus and index.
import { browser } from 'wxt/browser';
import { TOGGLE_CARD_COMMAND } from '../lib/annotate/card-command';
import { cardScriptInjector, type ScriptInjectionApi } from '../lib/annotate/card-injection';
import { createTabWatch } from '../lib/annotate/tab-watch';
import { createBackgroundService } from '../lib/background/background-service';
import { createContentScriptGate, createGrantStore, type GrantStore } from '../lib/background/content-script-gate';
import { createMessageHandlers } from '../lib/background/message-handlers';
import { createSyncService } from '../lib/background/sync-service';
import { defaultDeviceName } from '../lib/sync/device-name';
import { folderPermissionPattern } from '../lib/sync/webdav-client';
import { SidenoteDatabase } from '../lib/db/database';
import { t } from '../lib/i18n/browser-translate';
import { broadcastEvent, registerHandlers, sendTabMessage } from '../lib/messaging/messenger';
import { readerPath } from '../lib/reader/reader-url';
import type { UserDataChange } from '../lib/user-data/types';
import { errorMessage } from '../lib/ui/error-message';
import { paletteColor } from '../lib/ui/palette';
import paletteCss from '../lib/ui/palette.css?raw';

const OPEN_READER_MENU_ID = 'sidenote-open-reader';
const SYNC_ALARM = 'sidenote-sync';
/** Periodic sync; a local change syncs sooner (SYNC_AFTER_CHANGE_MS after the last one). */
const SYNC_PERIOD_MINUTES = 15;
const SYNC_AFTER_CHANGE_MS = 4_000;

async function loadBundledJson(path: string): Promise<unknown> {
  const response = await fetch(browser.runtime.getURL(`/${path}` as '/'));
  if (!response.ok) throw new Error(`cannot load bundled ${path}: HTTP ${response.status}`);
  return response.json();
}

/** The toolbar button: `action` in MV3, `browserAction` in Firefox's MV2 build. */
function toolbarButton() {
  return browser.action ?? browser.browserAction;
}

/** The badge counts the entries that discuss the page in that tab (no `tabs` permission needed). */
function setBadge(tabId: number, count: number): void {
  const button = toolbarButton();
  void button.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
  if (count > 0) void button.setBadgeBackgroundColor({ tabId, color: paletteColor(paletteCss, '--accent', 'light') });
}

/** A background failure nobody asked about (a warm-up, a menu) still shows: on the toolbar button. */
function showBackgroundFailure(error: unknown): void {
  console.error('Sidenote:', error);
  const button = toolbarButton();
  void button.setBadgeText({ text: '!' });
  void button.setBadgeBackgroundColor({ color: paletteColor(paletteCss, '--error', 'light') });
  void button.setTitle({ title: t('backgroundFailed', errorMessage(error)) });
}

function clearBackgroundFailure(): void {
  const button = toolbarButton();
  void button.setBadgeText({ text: '' });
  void button.setTitle({ title: t('extensionName') });
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

/** Card grants outlive the worker in session storage (memory-only, cleared when the browser quits). */
function sessionGrantStore(): GrantStore {
  const memory = new Map<string, unknown>();
  // Firefox before 115 has no storage.session; a worker-lifetime map is the fallback there.
  const area = browser.storage.session ?? {
    get: async (key: string) => ({ [key]: memory.get(key) }),
    set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([key, value]) => memory.set(key, value)),
    remove: async (key: string) => void memory.delete(key),
  };
  return createGrantStore(area);
}

export default defineBackground(() => {
  const db = new SidenoteDatabase();
  const broadcast = (change: UserDataChange) => void broadcastEvent('userDataChanged', change).catch(showBackgroundFailure);
  const sync = createSyncService({
    db,
    // Called unbound: fetch must run with the global as `this`.
    fetch: (input, init) => fetch(input, init),
    crypto,
    lock: (name, run) => navigator.locks.request(name, run),
    hasFolderPermission: (folderUrl) => browser.permissions.contains({ origins: [folderPermissionPattern(folderUrl)] }),
    notify: broadcast,
    translate: t,
    defaultDeviceName: defaultDeviceName(navigator.userAgent),
    ...(browser.storage.sync ? { browserSyncArea: browser.storage.sync } : {}),
  });
  // A local change syncs a few seconds after the last one (the worker lives that long after an event).
  let syncSoon: ReturnType<typeof setTimeout> | undefined;
  const scheduleSync = () => {
    clearTimeout(syncSoon);
    syncSoon = setTimeout(() => void sync.syncNow().catch(showBackgroundFailure), SYNC_AFTER_CHANGE_MS);
  };
  const service = createBackgroundService(db, loadBundledJson, {
    notify: (change) => {
      broadcast(change);
      if (change.kind === 'entries' || change.kind === 'settings') scheduleSync();
    },
  });
  registerHandlers(
    createMessageHandlers({
      service,
      sync,
      gate: createContentScriptGate(sessionGrantStore()),
      openReaderTab,
      setBadge,
      readEntries: () => db.entries.toArray(),
    }),
  );

  // The tabs on the cited hosts (the only ones whose URL the browser tells us): the card's script
  // goes into a tab only when its page matches.
  const tabWatch = createTabWatch({
    countShown: async (url) => {
      const response = await service.matchPage(url);
      return response.status === 'matched' ? response.entries.length : 0;
    },
    hasCardScript: (tabId) =>
      sendTabMessage(tabId, 'pingCardScript', {}).then(
        () => true,
        () => false,
      ),
    injectCardScript: cardScriptInjector(browser as unknown as ScriptInjectionApi),
    setBadge,
    warn: (error) => console.warn('Sidenote:', error),
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => tabWatch.onTabUpdated(tabId, change, tab.url));

  // Another install of this browser wrote the sync area (our own writes come back here too, and
  // merge to nothing).
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName === 'sync') sync.pullBrowserSync(Object.keys(changes)).catch(showBackgroundFailure);
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) sync.syncNow().catch(showBackgroundFailure);
  });

  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId === OPEN_READER_MENU_ID) openReaderTab(readerPath({ view: 'timeline' })).catch(showBackgroundFailure);
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== TOGGLE_CARD_COMMAND || tab?.id === undefined) return;
    // A tab without the card's script (a page the digest does not discuss) has no one to answer.
    sendTabMessage(tab.id, 'toggleCard', {}).catch(() => undefined);
  });

  const warm = () => {
    service.getIndex().then(clearBackgroundFailure, showBackgroundFailure);
  };
  const start = () => {
    createMenus().catch(showBackgroundFailure);
    void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
    warm();
    // Browser sync is on by default: a new install or a browser start takes in the other installs' data.
    sync.syncNow().catch(showBackgroundFailure);
  };
  browser.runtime.onInstalled.addListener(() => {
    start();
    // The browser reports only the URLs of tabs on the cited hosts.
    browser.tabs.query({}).then((tabs) => tabWatch.lookAtOpenTabs(tabs), showBackgroundFailure);
  });
  browser.runtime.onStartup.addListener(start);
});
