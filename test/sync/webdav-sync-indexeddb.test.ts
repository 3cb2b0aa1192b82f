// The round with this device's real store (lib/db/sync-replica.ts on fake-indexeddb) as its
// replica, against the in-process fake server: what the background will wire, minus the wiring.
import { afterEach, describe, expect, it } from 'vitest';
import { swapCorpus } from '../../lib/db/corpus-store';
import { SidenoteDatabase } from '../../lib/db/database';
import { applyRemoteState, readSyncState } from '../../lib/db/sync-replica';
import { ensureDevice, readEntryUserState, writeNote, writeSaved } from '../../lib/db/user-data-store';
import type { LocalReplica } from '../../lib/sync/local-replica';
import { createRetryPolicy } from '../../lib/sync/retry';
import { createWebDavClient, type FetchFunction } from '../../lib/sync/webdav-client';
import { syncWithWebDav, type WebDavSyncOptions } from '../../lib/sync/webdav-sync';
import { startFakeWebDavServer, type FakeWebDavServer } from '../support/fake-webdav-server';
import { createTestLock } from '../support/memory-replica';
import { realCorpus } from '../support/seed';

let server: FakeWebDavServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The adapter the background needs: the store's two functions, as the engine's LocalReplica. */
function replicaOf(db: SidenoteDatabase): LocalReplica {
  return { readState: () => readSyncState(db), applyRemote: (remote, now) => applyRemoteState(db, remote, now) };
}

const NOW = Date.UTC(2026, 10, 30, 12);

async function deviceOn(fake: FakeWebDavServer, name: string, skewMs = 0) {
  const db = new SidenoteDatabase(`sidenote-${name}`);
  await swapCorpus(db, realCorpus);
  const { id } = await ensureDevice(db, NOW + skewMs);
  const lock = createTestLock();
  const sync = (options: { fetch?: FetchFunction } & Partial<WebDavSyncOptions> = {}) =>
    syncWithWebDav({
      client: createWebDavClient({
        folderUrl: fake.folderUrl,
        username: fake.username,
        password: fake.password,
        fetch: options.fetch ?? fetch,
      }),
      device: { id, name },
      crypto: globalThis.crypto,
      now: () => NOW + skewMs,
      replica: replicaOf(db),
      retryPolicy: createRetryPolicy(() => 0.5, { maxAttempts: 2, baseDelayMs: 10 }),
      sleep: async () => undefined,
      lock,
      ...options,
    });
  return { db, id, sync, now: NOW + skewMs };
}

describe('a round with the IndexedDB replica', () => {
  it('carries a save and a note across, and an unsave sticks, with clocks hours apart', async () => {
    const fake = (server = await startFakeWebDavServer());
    const chrome = await deviceOn(fake, 'Chrome on desktop', 3 * 60 * 60 * 1000);
    const firefox = await deviceOn(fake, 'Firefox 笔记本', -2 * 60 * 60 * 1000);
    await writeSaved(chrome.db, 4, true, chrome.now);
    await writeNote(chrome.db, 4, '值得重读', null, chrome.now);
    expect(await chrome.sync()).toMatchObject({ status: 'ok', uploaded: true });
    expect(await firefox.sync()).toMatchObject({ status: 'ok', uploaded: true, diff: { saved: [expect.any(String)] } });
    expect(await readEntryUserState(firefox.db, 4)).toMatchObject({ isSaved: true, note: '值得重读' });

    // Firefox's clock is five hours behind Chrome's stamps; the unsave still wins (the store's
    // clock moved past what it took in).
    await writeSaved(firefox.db, 4, false, firefox.now + 1);
    await firefox.sync();
    const result = await chrome.sync();
    expect(result).toMatchObject({ status: 'ok', diff: { unsaved: [expect.any(String)] } });
    expect(await readEntryUserState(chrome.db, 4)).toMatchObject({ isSaved: false, note: '值得重读' });
    expect(await readSyncState(chrome.db)).toEqual(await readSyncState(firefox.db));
  });

  it('keeps a note typed while the round was on the network, and converges after an interrupted round', async () => {
    const fake = (server = await startFakeWebDavServer());
    const chrome = await deviceOn(fake, 'Chrome');
    const firefox = await deviceOn(fake, 'Firefox', 1_000);
    await writeSaved(chrome.db, 7, true, chrome.now);
    await writeNote(chrome.db, 7, 'from Chrome', null, chrome.now);
    await chrome.sync();

    let requests = 0;
    /** Runs `during` once the round has read Chrome's file (PROPFIND, PROPFIND, GET), before its apply. */
    const afterThirdRequest =
      (during: () => Promise<void>): FetchFunction =>
      async (input, init) => {
        const response = await fetch(input, init);
        if (++requests === 3) await during();
        return response;
      };
    const typed = afterThirdRequest(() => writeNote(firefox.db, 7, 'typed on Firefox meanwhile', null, firefox.now).then(() => undefined));
    expect(await firefox.sync({ fetch: typed })).toMatchObject({ status: 'ok', uploaded: true });
    expect(await readEntryUserState(firefox.db, 7)).toMatchObject({ isSaved: true, note: 'typed on Firefox meanwhile' });
    await chrome.sync();
    expect(await readEntryUserState(chrome.db, 7)).toMatchObject({ isSaved: true, note: 'typed on Firefox meanwhile' });

    // Chrome unsaves; Firefox's next round stops at the same point (a worker stopped), then runs again.
    await writeSaved(chrome.db, 7, false, chrome.now + 5_000);
    await chrome.sync();
    const controller = new AbortController();
    requests = 0;
    const stopping = afterThirdRequest(async () => controller.abort(new Error('worker stopped')));
    await expect(firefox.sync({ fetch: stopping, signal: controller.signal })).rejects.toThrow('worker stopped');
    expect(await readEntryUserState(firefox.db, 7)).toMatchObject({ isSaved: true });
    expect(await firefox.sync()).toMatchObject({ status: 'ok', uploaded: true });
    expect(await readEntryUserState(firefox.db, 7)).toMatchObject({ isSaved: false, note: 'typed on Firefox meanwhile' });
    expect(await readSyncState(chrome.db)).toEqual(await readSyncState(firefox.db));
  });
});
