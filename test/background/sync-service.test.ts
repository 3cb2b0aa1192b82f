// The background's sync service with real parts around it: two devices' IndexedDB (fake-indexeddb),
// the in-process WebDAV server, and a browser sync area that enforces Chrome's quotas.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSyncService, type SyncService } from '../../lib/background/sync-service';
import { swapCorpus } from '../../lib/db/corpus-store';
import { SidenoteDatabase } from '../../lib/db/database';
import { readEntryUserState, writeNote, writeSaved } from '../../lib/db/user-data-store';
import { createTranslator, EN } from '../../lib/i18n/messages';
import type { UserDataChange } from '../../lib/user-data/types';
import { FakeSyncServer } from '../support/fake-chrome-sync-storage';
import { startFakeWebDavServer, type FakeWebDavServer } from '../support/fake-webdav-server';
import { createTestLock } from '../support/memory-replica';
import { realCorpus } from '../support/seed';

let server: FakeWebDavServer;
beforeEach(async () => {
  server = await startFakeWebDavServer({ username: 'alice', password: 'app-password', folderPath: '/dav/Sidenote/', hasFolder: false });
});
afterEach(async () => {
  await server.close();
});

type Device = { db: SidenoteDatabase; sync: SyncService; changes: UserDataChange[] };

async function device(name: string, options: { permitted?: boolean; browserSync?: FakeSyncServer } = {}): Promise<Device> {
  const db = new SidenoteDatabase(`sidenote-${name}`);
  await swapCorpus(db, realCorpus);
  const changes: UserDataChange[] = [];
  const sync = createSyncService({
    db,
    fetch: (input, init) => fetch(input, init),
    crypto,
    lock: createTestLock(),
    hasFolderPermission: async () => options.permitted ?? true,
    notify: (change) => changes.push(change),
    translate: createTranslator(EN),
    defaultDeviceName: name,
    sleep: async () => undefined,
    random: () => 0,
    ...(options.browserSync ? { browserSyncArea: options.browserSync.connect(name) } : {}),
  });
  // Browser sync is on by default; these tests turn it on only where they give an area.
  if (!options.browserSync) await sync.setBrowserSyncEnabled(false);
  return { db, sync, changes };
}

const connect = (target: Device, overrides: Partial<{ password: string; passphrase: string }> = {}) =>
  target.sync.connectWebDav({ folderUrl: server.folderUrl, username: 'alice', password: 'app-password', passphrase: '', ...overrides });

describe('sync over a WebDAV folder', () => {
  it('carries saves and notes both ways, and an unsave sticks', async () => {
    const laptop = await device('Firefox on laptop');
    const desktop = await device('Chrome on desktop');
    await writeSaved(laptop.db, 21, true);
    await writeNote(laptop.db, 21, 'Karpathy 的容错观点', null);
    expect((await connect(laptop)).status.phase).toBe('ok');
    const first = await connect(desktop);
    expect(first.status.phase).toBe('ok');
    expect(first.status.devices.map((d) => d.name).sort()).toEqual(['Chrome on desktop', 'Firefox on laptop']);
    expect(await readEntryUserState(desktop.db, 21)).toMatchObject({ isSaved: true, note: 'Karpathy 的容错观点' });
    expect(desktop.changes).toContainEqual({ kind: 'all' });

    await writeSaved(desktop.db, 21, false);
    await writeSaved(desktop.db, 30, true);
    await desktop.sync.syncNow();
    await laptop.sync.syncNow();
    expect(await readEntryUserState(laptop.db, 21)).toMatchObject({ isSaved: false, note: 'Karpathy 的容错观点' });
    expect(await readEntryUserState(laptop.db, 30)).toMatchObject({ isSaved: true });
    // One file per device in the folder, and no temporary file left behind.
    expect([...server.files.keys()].sort()).toEqual(expect.arrayContaining([expect.stringMatching(/^sidenote-[0-9a-z]{10}\.json$/)]));
    expect([...server.files.keys()]).toHaveLength(2);
  });

  it('stays "syncing" while a second round waits behind the first, so "ok" describes the latest round', async () => {
    const laptop = await device('laptop');
    await connect(laptop);
    const first = laptop.sync.syncNow();
    const second = laptop.sync.syncNow();
    expect((await first).status.phase).toBe('syncing');
    const last = await second;
    expect(last.status.phase).toBe('ok');
    expect(last.status.lastSuccessAt).toBeGreaterThan(0);
  });

  it('works encrypted with a passphrase, and says so when another device has another one', async () => {
    const laptop = await device('laptop');
    const desktop = await device('desktop');
    await writeSaved(laptop.db, 5, true);
    await connect(laptop, { passphrase: '我的口令' });
    expect([...server.files.values()][0]?.data.toString()).not.toContain('isSaved');
    await connect(desktop, { passphrase: '我的口令' });
    expect(await readEntryUserState(desktop.db, 5)).toMatchObject({ isSaved: true });
    const wrong = await device('phone');
    const overview = await connect(wrong, { passphrase: 'another' });
    expect(overview.status.skipped.map((s) => s.reason)).toEqual(['wrong-passphrase', 'wrong-passphrase']);
    expect(await readEntryUserState(wrong.db, 5)).toMatchObject({ isSaved: false });
  });

  it('puts a wrong password, a missing permission and an unreachable server into the status, losing nothing', async () => {
    const laptop = await device('laptop');
    await writeSaved(laptop.db, 7, true);
    const refused = await connect(laptop, { password: 'wrong' });
    expect(refused.status).toMatchObject({ phase: 'error', lastError: { transport: 'webdav', kind: 'unauthorized' } });

    const unpermitted = await device('locked-down', { permitted: false });
    expect((await connect(unpermitted)).status.lastError).toMatchObject({ kind: 'permissionMissing' });

    const offline = await device('offline');
    const unreachable = await offline.sync.connectWebDav({
      folderUrl: 'http://127.0.0.1:9/dav/',
      username: 'a',
      password: 'b',
      passphrase: '',
    });
    expect(unreachable.status).toMatchObject({ phase: 'error', lastError: { kind: 'unreachable' } });
    expect(await readEntryUserState(laptop.db, 7)).toMatchObject({ isSaved: true });
  });

  it('refuses a folder URL that is not http(s), storing nothing', async () => {
    const laptop = await device('laptop');
    await expect(
      laptop.sync.connectWebDav({ folderUrl: 'ftp://example.com/', username: 'a', password: 'b', passphrase: '' }),
    ).rejects.toMatchObject({
      name: 'SyncSetupError',
      kind: 'invalidUrl',
    });
    expect((await laptop.sync.overview()).webdav).toBeUndefined();
  });

  it('pauses before unsaving many items, and goes ahead when the user confirms', async () => {
    const laptop = await device('laptop');
    const desktop = await device('desktop');
    for (let id = 1; id <= 10; id++) await writeSaved(laptop.db, id, true);
    await connect(laptop);
    await connect(desktop);
    for (let id = 1; id <= 10; id++) await writeSaved(desktop.db, id, false);
    await desktop.sync.syncNow();
    const paused = await laptop.sync.syncNow();
    expect(paused.status.phase).toBe('paused');
    expect(paused.status.pausedDiff?.unsaved).toHaveLength(10);
    expect(await readEntryUserState(laptop.db, 3)).toMatchObject({ isSaved: true });
    const confirmed = await laptop.sync.syncNow(true);
    expect(confirmed.status.phase).toBe('ok');
    expect(await readEntryUserState(laptop.db, 3)).toMatchObject({ isSaved: false });
  });

  it('renames this device, and the new name travels in its file', async () => {
    const laptop = await device('laptop');
    await connect(laptop);
    expect((await laptop.sync.renameDevice('Firefox on the old ThinkPad')).device.name).toBe('Firefox on the old ThinkPad');
    await laptop.sync.syncNow();
    expect([...server.files.values()][0]?.data.toString()).toContain('Firefox on the old ThinkPad');
    await expect(laptop.sync.renameDevice('  ')).rejects.toMatchObject({ kind: 'invalidName' });
  });
});

describe("sync through the browser's own sync storage", () => {
  it('carries a save to another install of the same browser, and reports the bytes used', async () => {
    let time = Date.UTC(2026, 10, 30);
    const vendor = new FakeSyncServer({ now: () => time });
    const laptop = await device('laptop', { browserSync: vendor });
    const desktop = await device('desktop', { browserSync: vendor });
    await writeSaved(laptop.db, 40, true);
    await writeNote(laptop.db, 40, '浏览器同步', null);
    const pushed = await laptop.sync.syncNow();
    expect(pushed.status.phase).toBe('ok');
    expect(pushed.status.browserSync?.bytesInUse).toBeGreaterThan(0);
    time += 1000;
    vendor.settle();
    await desktop.sync.syncNow();
    expect(await readEntryUserState(desktop.db, 40)).toMatchObject({ isSaved: true, note: '浏览器同步' });
  });
});

describe('export and import', () => {
  it('exports JSON that another device imports through the merge, and Markdown a person can read', async () => {
    const laptop = await device('laptop');
    await writeSaved(laptop.db, 58, true);
    await writeNote(laptop.db, 58, 'Kimi 的长文本', null);
    const json = await laptop.sync.exportData('json', async () => realCorpus.entries);
    expect(json.fileName).toMatch(/^sidenote-\d{4}-\d{2}-\d{2}\.json$/);
    const markdown = await laptop.sync.exportData('markdown', async () => realCorpus.entries);
    expect(markdown.text).toContain('Kimi 的长文本');

    const fresh = await device('fresh');
    await writeNote(fresh.db, 58, '本机更新的笔记', null);
    expect(await fresh.sync.importData(json.text, '', false)).toEqual({ status: 'applied', applied: expect.any(Number), refused: 0 });
    // Imported, never replaced: the newer local note stays, the save arrives.
    expect(await readEntryUserState(fresh.db, 58)).toMatchObject({ isSaved: true, note: '本机更新的笔记' });
  });

  it('changes nothing and says why for a malformed file', async () => {
    const laptop = await device('laptop');
    await writeSaved(laptop.db, 9, true);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(laptop.sync.importData('{"not": "ours"}', '', false)).rejects.toMatchObject({ name: 'SyncFileFormatError' });
    await expect(laptop.sync.importData('<html><body>Login</body></html>', '', false)).rejects.toMatchObject({
      name: 'SyncFileFormatError',
    });
    expect(await readEntryUserState(laptop.db, 9)).toMatchObject({ isSaved: true });
  });
});
