import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWebDavClient,
  isTemporaryName,
  normalizeFolderUrl,
  type FetchFunction,
  type WebDavClientOptions,
} from '../../lib/sync/webdav-client';
import { WebDavError, type WebDavErrorKind } from '../../lib/sync/webdav-error';
import {
  startFakeWebDavServer,
  type Fault,
  type FakeWebDavOptions,
  type FakeWebDavServer,
  type HrefStyle,
} from '../support/fake-webdav-server';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
const FILE = '设备-甲.json';
const TEXT = JSON.stringify({ notes: { 58: '长文本 ✓' } });

let server: FakeWebDavServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeWebDavOptions = {}): Promise<FakeWebDavServer> {
  server = await startFakeWebDavServer({ folderPath: '/dav/我的坚果云/Sidenote/', ...options });
  return server;
}

function clientOf(fake: FakeWebDavServer, options: Partial<WebDavClientOptions> = {}) {
  return createWebDavClient({
    folderUrl: fake.folderUrl,
    username: fake.username,
    password: fake.password,
    fetch,
    timeoutMs: 5_000,
    now: () => NOW,
    ...options,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<WebDavError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WebDavError) return error;
    throw error;
  }
  throw new Error('expected a WebDavError');
}

const put = (fake: FakeWebDavServer, name: string, text: string) => fake.files.set(name, { data: Buffer.from(text), modified: NOW });
const contentOf = (fake: FakeWebDavServer, name: string) => fake.files.get(name)?.data.toString();
const trace = (fake: FakeWebDavServer) =>
  fake.requests.map(({ method, name }) => `${method} ${name.replace(/\.[\da-f]{8}\.tmp$/, '.~.tmp')}`);

describe('every failure has its kind', () => {
  type Expected = { kind: WebDavErrorKind; status: number | null; isRetryable: boolean; retryAfterMs?: number | null };
  const status = (code: number, headers?: Record<string, string>, body?: string): Fault => ({
    type: 'status',
    status: code,
    headers,
    body,
  });

  it.each<[string, Fault, Expected, number?]>([
    ['wrong password', status(401), { kind: 'unauthorized', status: 401, isRetryable: false }],
    ['no permission', status(403), { kind: 'forbidden', status: 403, isRetryable: false }],
    ['missing', status(404), { kind: 'notFound', status: 404, isRetryable: false }],
    ['method not allowed', status(405), { kind: 'methodNotAllowed', status: 405, isRetryable: false }],
    ['not implemented', status(501), { kind: 'methodNotAllowed', status: 501, isRetryable: false }],
    ['server-side timeout', status(408), { kind: 'timeout', status: 408, isRetryable: true }],
    ['conflict', status(409), { kind: 'conflict', status: 409, isRetryable: false }],
    ['locked', status(423), { kind: 'locked', status: 423, isRetryable: true }],
    [
      'rate limited, Retry-After seconds',
      status(429, { 'Retry-After': '7' }),
      { kind: 'rateLimited', status: 429, isRetryable: true, retryAfterMs: 7_000 },
    ],
    [
      'unavailable, Retry-After date',
      status(503, { 'Retry-After': 'Wed, 21 Oct 2026 07:28:30 GMT' }),
      { kind: 'rateLimited', status: 503, isRetryable: true, retryAfterMs: 30_000 },
    ],
    [
      'unavailable, no Retry-After',
      status(503, {}, '<html>Maintenance</html>'),
      { kind: 'rateLimited', status: 503, isRetryable: true, retryAfterMs: null },
    ],
    ['quota full', status(507), { kind: 'insufficientStorage', status: 507, isRetryable: false }],
    ['internal error', status(500), { kind: 'serverError', status: 500, isRetryable: true }],
    ['bad gateway', status(502), { kind: 'serverError', status: 502, isRetryable: true }],
    ['payload too large', status(413), { kind: 'rejected', status: 413, isRetryable: false }],
    ['connection dropped', { type: 'drop' }, { kind: 'unreachable', status: null, isRetryable: true }],
    ['body cut short of its Content-Length', { type: 'truncate' }, { kind: 'truncated', status: 200, isRetryable: true }],
    ['an HTML login page with 200', { type: 'loginPage' }, { kind: 'htmlInsteadOfData', status: 200, isRetryable: false }],
    [
      'an HTML page with 200',
      status(200, { 'Content-Type': 'text/html' }, '<!DOCTYPE html><p>Welcome</p>'),
      { kind: 'htmlInsteadOfData', status: 200, isRetryable: false },
    ],
    ['no answer in time', { type: 'delay', ms: 2_000 }, { kind: 'timeout', status: null, isRetryable: true }, 250],
    ['headers, then silence', { type: 'stall' }, { kind: 'timeout', status: null, isRetryable: true }, 250],
  ])('readFile: %s', async (_label, fault, expected, timeoutMs = 5_000) => {
    const fake = await start();
    put(fake, FILE, TEXT);
    fake.injectFault({ fault });
    const started = performance.now();
    const error = await failureOf(clientOf(fake, { timeoutMs }).readFile(FILE));
    expect(error).toMatchObject({ name: 'WebDavError', retryAfterMs: null, ...expected });
    expect(error.message).toMatch(/^GET 设备-甲\.json: /);
    expect(error.message).not.toContain(fake.password);
    if (timeoutMs < 5_000) expect(performance.now() - started).toBeLessThan(1_500);
  });

  it.each<[string, Fault, WebDavErrorKind]>([
    [
      'a multistatus that does not parse',
      { type: 'status', status: 207, body: '<d:multistatus xmlns:d="DAV:"><d:response>' },
      'badResponse',
    ],
    ['plain text with 207', { type: 'status', status: 207, body: 'OK' }, 'badResponse'],
    ['a login page', { type: 'loginPage' }, 'htmlInsteadOfData'],
    ['a truncated multistatus', { type: 'truncate' }, 'truncated'],
  ])('listFiles: %s', async (_label, fault, kind) => {
    const fake = await start();
    fake.injectFault({ fault });
    expect(await failureOf(clientOf(fake).listFiles())).toMatchObject({ kind });
  });

  it('unreachable: nothing listens on the port', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const client = createWebDavClient({ folderUrl: `http://127.0.0.1:${port}/dav/`, username: 'a', password: 'p', fetch });
    const error = await failureOf(client.listFiles());
    expect(error).toMatchObject({ kind: 'unreachable', status: null, isRetryable: true });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('unreachable: a DNS failure, as Node and browsers report it', async () => {
    const nodeFailure = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND dav.example'), { code: 'ENOTFOUND' }),
    });
    for (const thrown of [
      nodeFailure,
      new TypeError('Failed to fetch'),
      new TypeError('NetworkError when attempting to fetch resource.'),
    ]) {
      const failingFetch: FetchFunction = () => Promise.reject(thrown);
      const client = createWebDavClient({ folderUrl: 'https://dav.example/dav/', username: 'a', password: 'p', fetch: failingFetch });
      expect(await failureOf(client.readFile('a.json'))).toMatchObject({ kind: 'unreachable', isRetryable: true, cause: thrown });
    }
  });

  it('a Content-Length the body does not match is truncated, even when the stream ends cleanly', async () => {
    const shortFetch: FetchFunction = async () => new Response('{"a":', { status: 200, headers: { 'Content-Length': '40' } });
    const client = createWebDavClient({ folderUrl: 'https://dav.example/dav/', username: 'a', password: 'p', fetch: shortFetch });
    expect(await failureOf(client.readFile('a.json'))).toMatchObject({ kind: 'truncated', message: 'GET a.json: got 5 of 40 bytes' });
  });
});

describe('listFiles reads every href style', () => {
  const NAMES = ['设备-甲.json', 'Firefox on laptop.json', '100% sure&ok.json', 'a+b#c.json', 'sidenote-Ünïcode.json'];

  it.each<HrefStyle>(['apache', 'nextcloud', 'jianguoyun', 'absolute'])('%s', async (hrefStyle) => {
    const fake = await start({ hrefStyle });
    NAMES.forEach((name, index) => put(fake, name, 'x'.repeat(index + 1)));
    put(fake, '.设备-甲.json.0badc0de.tmp', 'half');
    const files = await clientOf(fake).listFiles();
    expect(files.map((file) => [file.name, file.size])).toEqual(
      NAMES.map((name, index) => [name, index + 1]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)),
    );
    expect(files.every((file) => file.lastModified === NOW)).toBe(true);
    expect((await clientOf(fake).listFiles('设备')).map((file) => file.name)).toEqual(['设备-甲.json']);
  });

  it('an empty folder lists nothing (in every style)', async () => {
    const fake = await start();
    for (const hrefStyle of ['apache', 'nextcloud', 'jianguoyun', 'absolute'] as const) {
      fake.state.hrefStyle = hrefStyle;
      expect(await clientOf(fake).listFiles()).toEqual([]);
    }
  });
});

describe('ensureFolder', () => {
  it('creates a missing folder with MKCOL, then finds it', async () => {
    const fake = await start({ hasFolder: false });
    const client = clientOf(fake);
    expect(await failureOf(client.listFiles())).toMatchObject({ kind: 'notFound' });
    expect(await failureOf(client.writeFile(FILE, TEXT))).toMatchObject({ kind: 'conflict', status: 409 });
    expect(await client.ensureFolder()).toBe('created');
    expect(await client.ensureFolder()).toBe('existed');
    await client.writeFile(FILE, TEXT);
    expect(await client.listFiles()).toMatchObject([{ name: FILE }]);
    expect(trace(fake).filter((line) => line.startsWith('MKCOL'))).toEqual(['MKCOL ']);
  });

  it('takes 405 from MKCOL as "another device created it meanwhile"', async () => {
    const fake = await start();
    fake.injectFault({ method: 'PROPFIND', fault: { type: 'status', status: 404 } });
    expect(await clientOf(fake).ensureFolder()).toBe('existed');
  });

  it('passes other failures on', async () => {
    const fake = await start();
    fake.injectFault({ fault: { type: 'status', status: 401 } });
    expect(await failureOf(clientOf(fake).ensureFolder())).toMatchObject({ kind: 'unauthorized' });
  });
});

describe('writeFile', () => {
  it('uploads to a temporary name, then MOVEs it onto the file, overwriting', async () => {
    const fake = await start();
    const client = clientOf(fake, { randomId: () => '0123abcd' });
    await client.writeFile(FILE, '{"v":1}');
    await client.writeFile(FILE, TEXT);
    expect(contentOf(fake, FILE)).toBe(TEXT);
    expect([...fake.files.keys()]).toEqual([FILE]);
    expect(trace(fake)).toEqual([`PUT .${FILE}.~.tmp`, `MOVE .${FILE}.~.tmp`, `PUT .${FILE}.~.tmp`, `MOVE .${FILE}.~.tmp`]);
    expect(await client.readFile(FILE)).toBe(TEXT);
  });

  it('falls back to a plain PUT where MOVE is refused, deletes the temporary file, and remembers', async () => {
    const fake = await start({ refuseMove: true });
    const client = clientOf(fake);
    await client.writeFile(FILE, '{"v":1}');
    await client.writeFile(FILE, TEXT);
    expect(contentOf(fake, FILE)).toBe(TEXT);
    expect([...fake.files.keys()]).toEqual([FILE]);
    expect(trace(fake)).toEqual([`PUT .${FILE}.~.tmp`, `MOVE .${FILE}.~.tmp`, `PUT ${FILE}`, `DELETE .${FILE}.~.tmp`, `PUT ${FILE}`]);
  });

  it.each([403, 501, 502])('also falls back when MOVE alone answers %i', async (status) => {
    const fake = await start();
    fake.injectFault({ method: 'MOVE', fault: { type: 'status', status } });
    await clientOf(fake).writeFile(FILE, TEXT);
    expect(contentOf(fake, FILE)).toBe(TEXT);
    expect([...fake.files.keys()]).toEqual([FILE]);
  });

  it.each<[string, Fault, WebDavErrorKind]>([
    ['locked', { type: 'status', status: 423 }, 'locked'],
    ['unavailable', { type: 'status', status: 503, headers: { 'Retry-After': '5' } }, 'rateLimited'],
    ['a login page', { type: 'loginPage' }, 'htmlInsteadOfData'],
  ])('a MOVE that fails (%s) leaves the old file and no temporary file', async (_label, fault, kind) => {
    const fake = await start();
    put(fake, FILE, 'old');
    fake.injectFault({ method: 'MOVE', fault });
    expect(await failureOf(clientOf(fake).writeFile(FILE, TEXT))).toMatchObject({ kind });
    expect(contentOf(fake, FILE)).toBe('old');
    expect([...fake.files.keys()]).toEqual([FILE]);
  });

  it.each<[string, Fault, WebDavErrorKind]>([
    ['quota full', { type: 'status', status: 507 }, 'insufficientStorage'],
    ['applied, then the connection dropped', { type: 'dropAfterApply' }, 'unreachable'],
    ['answered by a login page', { type: 'loginPage' }, 'htmlInsteadOfData'],
  ])('a temporary upload that fails (%s) is cleaned up', async (_label, fault, kind) => {
    const fake = await start();
    put(fake, FILE, 'old');
    fake.injectFault({ method: 'PUT', fault });
    expect(await failureOf(clientOf(fake).writeFile(FILE, TEXT))).toMatchObject({ kind });
    expect(contentOf(fake, FILE)).toBe('old');
    expect([...fake.files.keys()]).toEqual([FILE]);
  });

  it('a MOVE whose answer is lost still leaves one file with the new text', async () => {
    const fake = await start();
    put(fake, FILE, 'old');
    fake.injectFault({ method: 'MOVE', fault: { type: 'dropAfterApply' } });
    expect(await failureOf(clientOf(fake).writeFile(FILE, TEXT))).toMatchObject({ kind: 'unreachable', isRetryable: true });
    expect(contentOf(fake, FILE)).toBe(TEXT);
    expect([...fake.files.keys()]).toEqual([FILE]);
  });

  it('a fallback PUT that fails keeps the old file and removes the temporary one', async () => {
    const fake = await start({ refuseMove: true });
    put(fake, FILE, 'old');
    fake.injectFault({ method: 'PUT', skip: 1, fault: { type: 'status', status: 500 } });
    expect(await failureOf(clientOf(fake).writeFile(FILE, TEXT))).toMatchObject({ kind: 'serverError' });
    expect(contentOf(fake, FILE)).toBe('old');
    expect([...fake.files.keys()]).toEqual([FILE]);
  });

  it('writes Chinese text byte for byte', async () => {
    const fake = await start();
    const text = JSON.stringify({ note: '歸藏：长文本 🚀 «quotes» \u2028' });
    await clientOf(fake).writeFile(FILE, text);
    expect(fake.files.get(FILE)?.data.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(await clientOf(fake).readFile(FILE)).toBe(text);
  });
});

describe('readFile and deleteFile', () => {
  it('a missing file is notFound on read and already deleted on delete', async () => {
    const fake = await start();
    const client = clientOf(fake);
    expect(await failureOf(client.readFile('nope.json'))).toMatchObject({ kind: 'notFound' });
    await client.deleteFile('nope.json');
    put(fake, FILE, TEXT);
    await client.deleteFile(FILE);
    expect(fake.files.size).toBe(0);
  });

  it.each(['', '.', '..', 'a/b.json', 'line\nbreak.json'])('refuses the file name %j', async (name) => {
    const fake = await start();
    await expect(clientOf(fake).readFile(name)).rejects.toThrow(RangeError);
    expect(fake.requests).toEqual([]);
  });
});

describe('requests', () => {
  it('sends UTF-8 Basic credentials, no cookies, no cache, and no ETag conditions', async () => {
    const fake = await start({ username: '用户', password: '密码 pass:word' });
    const seen: RequestInit[] = [];
    const recordingFetch: FetchFunction = (input, init) => {
      seen.push(init);
      return fetch(input, init);
    };
    const client = clientOf(fake, { fetch: recordingFetch });
    await client.writeFile(FILE, TEXT);
    expect(await client.readFile(FILE)).toBe(TEXT);
    for (const init of seen) {
      expect(init).toMatchObject({ cache: 'no-store', credentials: 'omit' });
      expect(Object.keys(init.headers ?? {}).map((header) => header.toLowerCase())).not.toContain('if-match');
    }
  });
});

describe('normalizeFolderUrl', () => {
  it.each([
    ['https://dav.jianguoyun.com/dav/Sidenote', 'https://dav.jianguoyun.com/dav/Sidenote/'],
    [
      '  https://cloud.example/remote.php/dav/files/alice%40example.org/Sidenote/ ',
      'https://cloud.example/remote.php/dav/files/alice%40example.org/Sidenote/',
    ],
    ['https://dav.jianguoyun.com/dav/我的坚果云', 'https://dav.jianguoyun.com/dav/%E6%88%91%E7%9A%84%E5%9D%9A%E6%9E%9C%E4%BA%91/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['HTTPS://NAS.local:5006/home/', 'https://nas.local:5006/home/'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeFolderUrl(input)).toBe(expected);
  });

  it.each([
    '',
    'not a url',
    'ftp://nas.local/dav/',
    'file:///tmp/dav/',
    'javascript:alert(1)',
    'https://alice:pw@dav.example/dav/',
    'https://alice@dav.example/',
    'https://dav.example/dav/?user=alice',
    'https://dav.example/dav/#x',
  ])('refuses %j', (input) => {
    expect(() => normalizeFolderUrl(input)).toThrow(expect.objectContaining({ name: 'WebDavError', kind: 'invalidUrl' }));
  });

  it('recognizes our temporary names', () => {
    expect(['.a.json.0badc0de.tmp', '.设备.json.ab12.tmp'].every(isTemporaryName)).toBe(true);
    expect(['a.json', '.hidden', 'a.tmp', '.a.tmp'].some(isTemporaryName)).toBe(false);
  });
});
