// The client against a real Debian Apache mod_dav (started once for this file, as a normal user).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebDavClient, type FetchFunction } from '../../lib/sync/webdav-client';
import { startApacheWebDav, type ApacheWebDav } from '../support/apache-webdav';

let apache: ApacheWebDav;
beforeAll(async () => {
  apache = await startApacheWebDav({ username: 'alice', password: '应用密码 app-pass:1' });
}, 30_000);
afterAll(async () => {
  await apache?.stop();
});

/** Every request the client sends, with Apache's answer. */
function recordingFetch(log: string[]): FetchFunction {
  return async (input, init) => {
    const response = await fetch(input, init);
    log.push(`${init.method} ${response.status}`);
    return response;
  };
}

function clientFor(folder: string, options: { password?: string; fetch?: FetchFunction } = {}) {
  return createWebDavClient({
    folderUrl: apache.davUrl + folder.split('/').map(encodeURIComponent).join('/'),
    username: apache.username,
    password: options.password ?? apache.password,
    fetch: options.fetch ?? fetch,
    timeoutMs: 10_000,
  });
}

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

describe('WebDAV client against Apache mod_dav', () => {
  it('creates its folder, then writes, lists, reads, overwrites and deletes files with Chinese names', async () => {
    const client = clientFor('笔记 同步');
    await expect(client.listFiles()).rejects.toMatchObject({ kind: 'notFound', status: 404 });
    expect(await client.ensureFolder()).toBe('created');
    expect(await client.ensureFolder()).toBe('existed');

    const files = {
      '设备-甲.json': JSON.stringify({ device: 'Chrome 台式机', notes: { 58: '长文本的笔记 ✓' } }),
      'Firefox 笔记本.json': JSON.stringify({ device: 'Firefox on laptop', saved: [1, 2, 3] }),
      '100% 同步&备份.json': JSON.stringify({ note: '歸藏 🚀 «引号» \u2028' }),
    };
    for (const [name, text] of Object.entries(files)) await client.writeFile(name, text);

    const listed = await client.listFiles();
    expect(listed.map(({ name, size }) => [name, size])).toEqual(
      Object.entries(files)
        .map(([name, text]) => [name, byteLength(text)])
        .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)),
    );
    expect(listed.every((file) => typeof file.lastModified === 'number' && Math.abs(file.lastModified - Date.now()) < 60_000)).toBe(true);
    expect((await client.listFiles('设备')).map((file) => file.name)).toEqual(['设备-甲.json']);
    for (const [name, text] of Object.entries(files)) expect(await client.readFile(name)).toBe(text);

    const newer = JSON.stringify({ device: 'Chrome 台式机', notes: { 58: '改过的笔记' } });
    await client.writeFile('设备-甲.json', newer);
    expect(await client.readFile('设备-甲.json')).toBe(newer);

    await client.deleteFile('Firefox 笔记本.json');
    await client.deleteFile('Firefox 笔记本.json');
    expect((await client.listFiles()).map((file) => file.name).sort()).toEqual(['100% 同步&备份.json', '设备-甲.json']);
    await expect(client.readFile('Firefox 笔记本.json')).rejects.toMatchObject({ kind: 'notFound' });
    // No temporary file is left on disk.
    expect((await readdir(join(apache.dataDir, '笔记 同步'))).sort()).toEqual(['100% 同步&备份.json', '设备-甲.json']);
  });

  it('MOVEs onto an existing file with Overwrite: T (Apache answers 204), never falling back to PUT', async () => {
    const log: string[] = [];
    const client = clientFor('overwrite', { fetch: recordingFetch(log) });
    await client.ensureFolder();
    await client.writeFile('a.json', '{"v":1}');
    await client.writeFile('a.json', '{"v":2}');
    expect(log).toEqual(['PROPFIND 404', 'MKCOL 201', 'PUT 201', 'MOVE 201', 'PUT 201', 'MOVE 204']);
    expect(await client.readFile('a.json')).toBe('{"v":2}');
  });

  it('says unauthorized for a wrong password, and writes nothing', async () => {
    const good = clientFor('auth');
    await good.ensureFolder();
    const wrong = clientFor('auth', { password: 'wrong' });
    for (const attempt of [
      () => wrong.listFiles(),
      () => wrong.readFile('a.json'),
      () => wrong.writeFile('a.json', '{}'),
      () => wrong.ensureFolder(),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ name: 'WebDavError', kind: 'unauthorized', status: 401, isRetryable: false });
    }
    expect(await good.listFiles()).toEqual([]);
  });

  it('says conflict when the folder’s parent is missing', async () => {
    const client = clientFor('missing-parent/child');
    await expect(client.ensureFolder()).rejects.toMatchObject({ kind: 'conflict', status: 409 });
  });

  it('keeps every device’s last write when devices write their own files at once', async () => {
    const folder = 'concurrent';
    await clientFor(folder).ensureFolder();
    const devices = ['甲', '乙', '丙', '丁'];
    const rounds = 5;
    await Promise.all(
      devices.map(async (device) => {
        // One client per device, as each browser has its own.
        const client = clientFor(folder);
        for (let round = 1; round <= rounds; round++) {
          await client.writeFile(`设备-${device}.json`, JSON.stringify({ device, round, padding: '字'.repeat(2_000 * round) }));
        }
      }),
    );
    const reader = clientFor(folder);
    expect((await reader.listFiles()).map((file) => file.name).sort()).toEqual(devices.map((device) => `设备-${device}.json`).sort());
    for (const device of devices) {
      expect(JSON.parse(await reader.readFile(`设备-${device}.json`))).toMatchObject({ device, round: rounds });
    }
    expect(await readdir(join(apache.dataDir, folder))).toHaveLength(devices.length);
  });

  it('reads a file another writer replaced between reads (no stale cache, no ETag)', async () => {
    const folder = 'fresh';
    const writer = clientFor(folder);
    const reader = clientFor(folder);
    await writer.ensureFolder();
    for (let version = 1; version <= 3; version++) {
      await writer.writeFile('shared.json', `{"version":${version}}`);
      expect(await reader.readFile('shared.json')).toBe(`{"version":${version}}`);
    }
  });
});
