// One sync round against the in-process fake server, step by step: folder, listing and names,
// every way a device file can be unreadable, the failsafe, server failures and retries, an
// interruption between any two requests, the lock.
import { afterEach, describe, expect, it } from 'vitest';
import { formatStamp, MAX_AHEAD_MS } from '../../lib/sync/hlc';
import { mergeStates } from '../../lib/sync/merge';
import { createRetryPolicy } from '../../lib/sync/retry';
import { decodeSyncFile, encodeSyncFile, type SyncDevice } from '../../lib/sync/sync-file';
import { deviceIdOfSyncFileName, syncFileName } from '../../lib/sync/sync-file-name';
import { emptySyncState, type SyncState } from '../../lib/sync/sync-state';
import { createWebDavClient, type FetchFunction } from '../../lib/sync/webdav-client';
import {
  syncWithWebDav,
  WEBDAV_SYNC_LOCK_NAME,
  type SkippedFileReason,
  type SyncLock,
  type WebDavSyncOptions,
} from '../../lib/sync/webdav-sync';
import { startFakeWebDavServer, type FakeWebDavOptions, type FakeWebDavServer, type Fault } from '../support/fake-webdav-server';
import { createFaultyFetch } from '../support/fault-fetch';
import { createTestLock, MemoryReplica } from '../support/memory-replica';
import { NOW } from '../support/sync-states';

const A: SyncDevice = { id: 'aaaaaaaaaa', name: 'Chrome on desktop' };
const B: SyncDevice = { id: 'bbbbbbbbbb', name: 'Firefox 笔记本' };
const C: SyncDevice = { id: 'cccccccccc', name: '坚果云 tablet' };
const DAY = 24 * 60 * 60 * 1000;

let server: FakeWebDavServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeWebDavOptions = {}): Promise<FakeWebDavServer> {
  server = await startFakeWebDavServer({ folderPath: '/dav/我的坚果云/Sidenote/', ...options });
  return server;
}

type Device = {
  replica: MemoryReplica;
  sleeps: number[];
  sync: (extra?: Partial<WebDavSyncOptions>) => ReturnType<typeof syncWithWebDav>;
};

/** A device with its own replica and client; `skewMs` sets its clock off from everyone's NOW. */
function deviceOn(
  fake: FakeWebDavServer,
  device: SyncDevice,
  options: {
    passphrase?: string;
    skewMs?: number;
    fetch?: FetchFunction;
    lock?: SyncLock;
    replica?: MemoryReplica;
    timeoutMs?: number;
  } = {},
): Device {
  const now = () => NOW + (options.skewMs ?? 0);
  const replica = options.replica ?? new MemoryReplica(device.id, now);
  const client = createWebDavClient({
    folderUrl: fake.folderUrl,
    username: fake.username,
    password: fake.password,
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? 5_000,
    now,
  });
  const sleeps: number[] = [];
  const lock = options.lock ?? createTestLock();
  return {
    replica,
    sleeps,
    sync: (extra = {}) =>
      syncWithWebDav({
        client,
        device,
        passphrase: options.passphrase,
        crypto: globalThis.crypto,
        now,
        replica,
        retryPolicy: createRetryPolicy(() => 0.5, { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5_000 }),
        sleep: async (ms) => void sleeps.push(ms),
        lock,
        ...extra,
      }),
  };
}

const fileOf = (fake: FakeWebDavServer, device: SyncDevice) => fake.files.get(syncFileName(device.id))?.data.toString();
const plant = (fake: FakeWebDavServer, name: string, text: string) => fake.files.set(name, { data: Buffer.from(text), modified: NOW });
const trace = (fake: FakeWebDavServer) =>
  fake.requests.map(({ method, name }) => `${method} ${name.replace(/\.[\da-f]{8}\.tmp$/, '.~.tmp')}`.trimEnd());

async function stateOnServer(fake: FakeWebDavServer, device: SyncDevice, passphrase?: string): Promise<SyncState> {
  const text = fileOf(fake, device);
  if (text === undefined) throw new Error(`no file for ${device.id}`);
  return (await decodeSyncFile(text, { passphrase })).file.state;
}

/** A valid file of `device` holding `state`, as that device would write it. */
async function fileText(device: SyncDevice, state: SyncState, passphrase?: string): Promise<string> {
  return encodeSyncFile({ device, writtenAt: formatStamp(NOW + 5, 0, device.id), state }, { passphrase });
}

describe('device file names', () => {
  it('names a device file by its id', () => {
    expect(syncFileName(A.id)).toBe('sidenote-aaaaaaaaaa.json');
    expect(() => syncFileName('Chrome')).toThrow(RangeError);
  });

  it.each<[string, string | null]>([
    ['sidenote-aaaaaaaaaa.json', A.id],
    ['sidenote-0123456789.json', '0123456789'],
    ['sidenote-2024-03-10.json', null], // an export
    ['Sidenote-aaaaaaaaaa.json', null],
    ['sidenote-AAAAAAAAAA.json', null],
    ['sidenote-aaaaaaaaa.json', null],
    ['sidenote-aaaaaaaaaaa.json', null],
    ['sidenote-aaaaaaaaaa.json.bak', null],
    ['sidenote-aaaaaaaaaa.JSON', null],
    ['.sidenote-aaaaaaaaaa.json.1a2b3c4d.tmp', null],
    ['notes.txt', null],
  ])('%s → %s', (name, id) => {
    expect(deviceIdOfSyncFileName(name)).toBe(id);
  });
});

describe('a round', () => {
  it('creates a missing folder, writes this device’s file, and lists itself', async () => {
    const fake = await start({ hasFolder: false });
    const a = deviceOn(fake, A);
    a.replica.write('saved', 'u1', true);
    const result = await a.sync();
    expect(result).toMatchObject({ status: 'ok', applied: 0, uploaded: true, warnings: [], refused: [] });
    expect(result.devices).toEqual([{ ...A, writtenAt: expect.stringMatching(/:aaaaaaaaaa$/), isThisDevice: true }]);
    expect(trace(fake)).toEqual([
      'PROPFIND',
      'MKCOL',
      'PROPFIND',
      'PUT .sidenote-aaaaaaaaaa.json.~.tmp',
      'MOVE .sidenote-aaaaaaaaaa.json.~.tmp',
    ]);
    expect(await stateOnServer(fake, A)).toEqual(a.replica.state);
  });

  it('reads every device file, its own included, and writes only its own', async () => {
    const fake = await start();
    const [a, b] = [deviceOn(fake, A), deviceOn(fake, B)];
    a.replica.write('saved', 'u1', true);
    b.replica.write('notes', 'u2', '读过');
    await a.sync();
    await b.sync();
    fake.requests.length = 0;
    const result = await a.sync();
    expect(trace(fake)).toEqual([
      'PROPFIND',
      'PROPFIND',
      'GET sidenote-aaaaaaaaaa.json',
      'GET sidenote-bbbbbbbbbb.json',
      'PUT .sidenote-aaaaaaaaaa.json.~.tmp',
      'MOVE .sidenote-aaaaaaaaaa.json.~.tmp',
    ]);
    expect(result.devices.map(({ id, name, isThisDevice }) => ({ id, name, isThisDevice }))).toEqual([
      { ...A, isThisDevice: true },
      { ...B, isThisDevice: false },
    ]);
    expect(result.diff).toMatchObject({ notesAdded: ['u2'], saved: [] });
    expect(a.replica.state).toEqual(b.replica.state);
  });

  it('gives a new, empty device the union of every file, without asking', async () => {
    const fake = await start();
    const [a, b, c] = [deviceOn(fake, A), deviceOn(fake, B), deviceOn(fake, C)];
    for (const uid of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']) a.replica.write('saved', uid, true);
    a.replica.write('saved', 'u7', false);
    b.replica.write('notes', 'u8', 'a note');
    b.replica.write('mutedSites', 'example.com', true);
    b.replica.write('switches', 'cardsEnabled', false);
    await a.sync();
    await b.sync();
    const result = await c.sync();
    expect(result).toMatchObject({ status: 'ok', applied: expect.any(Number), uploaded: true });
    expect(result.diff).toMatchObject({
      saved: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'],
      unsaved: [],
      notesAdded: ['u8'],
      muted: ['example.com'],
    });
    const union = mergeStates(a.replica.state, b.replica.state, NOW).state;
    expect(c.replica.state).toEqual(union);
    expect(await stateOnServer(fake, C)).toEqual(union);
  });

  it('merges into the state as it is when applying: an edit made during the round survives and is uploaded', async () => {
    const fake = await start();
    // B's clock is a second ahead, so its user's edit is the later one (on one clock, they would tie).
    const [a, b] = [deviceOn(fake, A), deviceOn(fake, B, { skewMs: 1_000 })];
    a.replica.write('saved', 'u1', true);
    a.replica.write('notes', 'u2', 'from A');
    await a.sync();
    // B's user types a note on u2 while B's round is between reading the folder and applying.
    b.replica.beforeApply = () => {
      b.replica.write('notes', 'u2', 'typed on B meanwhile');
      b.replica.beforeApply = undefined;
    };
    expect(await b.sync()).toMatchObject({ status: 'ok' });
    expect(b.replica.state.notes.u2?.text).toBe('typed on B meanwhile');
    expect(b.replica.state.saved.u1?.isSaved).toBe(true);
    expect((await stateOnServer(fake, B)).notes.u2?.text).toBe('typed on B meanwhile');
    await a.sync();
    expect(a.replica.state).toEqual(b.replica.state);
  });

  it('advances the replica’s clock past every stamp it accepts, so a later local write wins', async () => {
    const fake = await start();
    // B's clock runs 5 hours ahead: its save of u1 is stamped far after anything A's clock says.
    const [a, b] = [deviceOn(fake, A), deviceOn(fake, B, { skewMs: 5 * 60 * 60 * 1000 })];
    b.replica.write('saved', 'u1', true);
    await b.sync();
    await a.sync();
    a.replica.write('saved', 'u1', false);
    await a.sync();
    await b.sync();
    expect(b.replica.state.saved.u1?.isSaved).toBe(false);
  });

  it('ignores temporary uploads and names that are not device files, silently and without reading them', async () => {
    const fake = await start();
    const exported = await fileText(B, { ...emptySyncState(), saved: { u1: { isSaved: true, stamp: formatStamp(NOW, 0, B.id) } } });
    plant(fake, '.sidenote-bbbbbbbbbb.json.1a2b3c4d.tmp', exported);
    plant(fake, 'sidenote-2024-03-10.json', exported);
    plant(fake, 'Sidenote-bbbbbbbbbb.json', exported);
    plant(fake, 'notes.txt', 'shopping list');
    const a = deviceOn(fake, A);
    const result = await a.sync();
    expect(result).toMatchObject({ status: 'ok', warnings: [], applied: 0 });
    expect(trace(fake).filter((line) => line.startsWith('GET'))).toEqual([]);
    expect(a.replica.state).toEqual(emptySyncState());
  });

  it('refuses what another device stamped more than a day ahead, and says so', async () => {
    const fake = await start();
    const [a, b] = [deviceOn(fake, A), deviceOn(fake, B, { skewMs: DAY + 60_000 })];
    b.replica.write('saved', 'u1', true);
    b.replica.write('notes', 'u1', 'from the future');
    await b.sync();
    const result = await a.sync();
    expect(result.status).toBe('ok');
    expect(result.refused.map(({ kind, key }) => `${kind} ${key}`)).toEqual(['saved u1', 'notes u1', 'anchors u1']);
    expect(a.replica.state).toEqual(emptySyncState());
    expect(MAX_AHEAD_MS).toBe(DAY);
  });
});

describe('a device file that cannot be read is skipped whole, with a warning, and this device still uploads', () => {
  /** B's file holds `text`; C's is good. A syncs. */
  async function withBadFileOfB(
    text: (good: string, fake: FakeWebDavServer) => string | Promise<string>,
    options: { passphrase?: string } = {},
  ) {
    const fake = await start();
    const [b, c] = [deviceOn(fake, B, options), deviceOn(fake, C, options)];
    b.replica.write('saved', 'u1', true);
    b.replica.write('notes', 'u2', 'only in B');
    c.replica.write('saved', 'u3', true);
    // C first, so that C's file holds only C's data.
    await c.sync();
    await b.sync();
    plant(fake, syncFileName(B.id), await text(fileOf(fake, B) ?? '', fake));
    return fake;
  }

  const tamper = (good: string) => {
    const file = JSON.parse(good) as { state: SyncState };
    file.state.notes.u2 = { text: 'changed by the server', stamp: file.state.notes.u2?.stamp ?? '' };
    return JSON.stringify(file);
  };

  it.each<[string, (good: string, fake: FakeWebDavServer) => string, SkippedFileReason]>([
    ['an HTML page', () => '<!DOCTYPE html><html><body>Moved</body></html>', 'html'],
    ['markup that is not a page', () => '<?xml version="1.0"?><error>quota</error>', 'html'],
    ['not JSON', () => 'saved: u1', 'not-json'],
    ['another program’s JSON', () => '{"format":"floccus","bookmarks":[]}', 'foreign'],
    ['a field missing', () => '{"format":"sidenote-sync","version":1,"device":{"id":"bbbbbbbbbb","name":"x"}}', 'invalid'],
    ['a newer format', (good) => good.replace('"version":1', '"version":2'), 'newer-version'],
    ['cut short', (good) => good.slice(0, Math.floor(good.length / 2)), 'damaged'],
    ['changed without its checksum', tamper, 'damaged'],
    ['C’s file under B’s name', (_good, fake) => fileOf(fake, C) ?? '', 'misnamed'],
  ])('%s', async (_label, makeText, reason) => {
    const fake = await withBadFileOfB(makeText);
    const a = deviceOn(fake, A);
    const result = await a.sync();
    expect(result).toMatchObject({ status: 'ok', uploaded: true });
    expect(result.warnings).toEqual([
      { deviceId: B.id, fileName: 'sidenote-bbbbbbbbbb.json', isThisDevice: false, reason, message: expect.any(String) },
    ]);
    // Nothing of B's file, all of C's.
    expect(a.replica.state.saved).toEqual({ u3: expect.objectContaining({ isSaved: true }) });
    expect(a.replica.state.notes).toEqual({});
    expect(result.devices.map((device) => device.id)).toEqual([A.id, C.id]);
    expect(await stateOnServer(fake, A)).toEqual(a.replica.state);
  });

  it('a file encrypted with another passphrase: skipped, named, and this device writes its own (encrypted)', async () => {
    const fake = await withBadFileOfB(async () => fileText(B, { ...emptySyncState(), notes: {} }, 'their passphrase'), {
      passphrase: 'our passphrase',
    });
    const a = deviceOn(fake, A, { passphrase: 'our passphrase' });
    const result = await a.sync();
    expect(result).toMatchObject({ status: 'ok', uploaded: true });
    expect(result.warnings.map(({ deviceId, reason }) => ({ deviceId, reason }))).toEqual([{ deviceId: B.id, reason: 'wrong-passphrase' }]);
    expect(a.replica.state.saved).toEqual({ u3: expect.objectContaining({ isSaved: true }) });
    // B's file is untouched: what B holds is still there for when the passphrases agree.
    expect(fileOf(fake, B)).toContain('"ciphertext"');
    expect(await stateOnServer(fake, A, 'our passphrase')).toEqual(a.replica.state);
  }, 20_000);

  it('an encrypted file on a device without a passphrase, and a plain one on a device with it', async () => {
    const fake = await start();
    const [b, c] = [deviceOn(fake, B, { passphrase: 'secret' }), deviceOn(fake, C)];
    b.replica.write('saved', 'u1', true);
    c.replica.write('saved', 'u3', true);
    await b.sync();
    await c.sync();
    const plainA = await deviceOn(fake, A).sync();
    expect(plainA.warnings.map(({ deviceId, reason }) => `${deviceId} ${reason}`)).toEqual([`${B.id} passphrase-required`]);
    const encryptedA = await deviceOn(fake, { ...A, id: 'dddddddddd' }, { passphrase: 'secret' }).sync();
    expect(encryptedA.warnings.map(({ deviceId, reason }) => `${deviceId} ${reason}`)).toEqual([
      `${A.id} unencrypted`,
      `${C.id} unencrypted`,
    ]);
    expect(encryptedA.devices.map((device) => device.id)).toEqual(['dddddddddd', B.id]);
  }, 20_000);

  it('its own file damaged: warned about, then repaired by the upload', async () => {
    const fake = await start();
    const a = deviceOn(fake, A);
    a.replica.write('saved', 'u1', true);
    await a.sync();
    plant(fake, syncFileName(A.id), (fileOf(fake, A) ?? '').slice(0, 40));
    const result = await a.sync();
    expect(result.warnings.map(({ isThisDevice, reason }) => ({ isThisDevice, reason }))).toEqual([
      { isThisDevice: true, reason: 'damaged' },
    ]);
    expect(await stateOnServer(fake, A)).toEqual(a.replica.state);
    expect((await a.sync()).warnings).toEqual([]);
  });
});

it('a profile wiped under a surviving device id gets its own file back before overwriting it', async () => {
  const fake = await start();
  const a = deviceOn(fake, A);
  a.replica.write('saved', 'u1', true);
  a.replica.write('notes', 'u1', 'only ever on A');
  await a.sync();
  const wiped = deviceOn(fake, A, { replica: new MemoryReplica(A.id, () => NOW) });
  expect(await wiped.sync()).toMatchObject({ status: 'ok', uploaded: true });
  expect(wiped.replica.state).toEqual(a.replica.state);
  expect(await stateOnServer(fake, A)).toEqual(a.replica.state);
});

describe('the failsafe', () => {
  const UIDS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'u10'];

  async function massUnsave(count: number) {
    const fake = await start();
    const [a, b] = [deviceOn(fake, A), deviceOn(fake, B)];
    for (const uid of UIDS) a.replica.write('saved', uid, true);
    await a.sync();
    await b.sync();
    for (const uid of UIDS.slice(0, count)) b.replica.write('saved', uid, false);
    await b.sync();
    return { fake, a, b };
  }

  it('pauses a round that would unsave more than 20 % (and more than 5): nothing applied, nothing uploaded', async () => {
    const { fake, a } = await massUnsave(6);
    const before = structuredClone(a.replica.state);
    const fileBefore = fileOf(fake, A);
    const result = await a.sync();
    expect(result).toMatchObject({ status: 'paused', applied: 0, uploaded: false });
    expect(result.diff?.unsaved).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6']);
    expect(a.replica.state).toEqual(before);
    expect(fileOf(fake, A)).toBe(fileBefore);
    expect(trace(fake).slice(-2)).toEqual(['GET sidenote-aaaaaaaaaa.json', 'GET sidenote-bbbbbbbbbb.json']);
  });

  it('goes ahead once the user confirmed that diff', async () => {
    const { fake, a, b } = await massUnsave(6);
    const paused = await a.sync();
    const result = await a.sync({ confirmedDiff: paused.diff ?? undefined });
    expect(result).toMatchObject({ status: 'ok', applied: 6, uploaded: true });
    expect(a.replica.state).toEqual(b.replica.state);
    expect(await stateOnServer(fake, A)).toEqual(b.replica.state);
  });

  it('asks again when the folder brought more losses than the user confirmed', async () => {
    const { a, b } = await massUnsave(6);
    const paused = await a.sync();
    b.replica.write('saved', 'u7', false);
    await b.sync();
    const result = await a.sync({ confirmedDiff: paused.diff ?? undefined });
    expect(result).toMatchObject({ status: 'paused', applied: 0 });
    expect(result.diff?.unsaved).toHaveLength(7);
  });

  it('does not pause for five losses, or for losses this device made', async () => {
    const { a, b } = await massUnsave(5);
    expect(await a.sync()).toMatchObject({ status: 'ok', applied: 5 });
    expect(await b.sync()).toMatchObject({ status: 'ok' });
  });

  it('counts cleared notes as losses', async () => {
    const fake = await start();
    const [a, b] = [deviceOn(fake, A), deviceOn(fake, B)];
    for (const uid of UIDS) a.replica.write('notes', uid, `note ${uid}`);
    await a.sync();
    await b.sync();
    for (const uid of UIDS.slice(0, 6)) b.replica.write('notes', uid, '');
    await b.sync();
    const result = await a.sync();
    expect(result.status).toBe('paused');
    expect(result.diff?.notesCleared).toHaveLength(6);
  });
});

describe('server failures', () => {
  const status = (code: number, headers?: Record<string, string>): Fault => ({ type: 'status', status: code, headers });

  it.each<[string, { fault: Fault; method?: string; skip?: number; times?: number }, string]>([
    ['wrong password', { fault: status(401) }, 'unauthorized'],
    ['no permission', { fault: status(403) }, 'forbidden'],
    ['a login page instead of the listing', { fault: { type: 'loginPage' }, method: 'PROPFIND' }, 'htmlInsteadOfData'],
    ['quota full on upload', { fault: status(507), method: 'PUT', times: 2 }, 'insufficientStorage'],
    ['a method refused', { fault: status(501), method: 'PROPFIND' }, 'methodNotAllowed'],
    ['rate limited beyond the longest wait', { fault: status(429, { 'Retry-After': '3600' }), method: 'PROPFIND' }, 'rateLimited'],
    ['locked, every attempt', { fault: status(423), method: 'PUT', times: 6 }, 'locked'],
  ])('%s: the round ends with its kind, and nothing is lost', async (_label, rule, kind) => {
    const fake = await start();
    const [a, b] = [deviceOn(fake, A), deviceOn(fake, B)];
    b.replica.write('saved', 'u1', true);
    await b.sync();
    a.replica.write('notes', 'u2', 'mine');
    fake.injectFault(rule);
    const result = await a.sync();
    expect(result.status).toBe('error');
    if (result.status !== 'error') return;
    expect(result.error).toMatchObject({ name: 'WebDavError', kind });
    expect(result.uploaded).toBe(false);
    // Whatever step failed, the replica holds the local note, and B's save only as a whole merge.
    expect(a.replica.state.notes.u2?.text).toBe('mine');
    expect(a.replica.state.saved).toEqual(result.applied === 0 ? {} : b.replica.state.saved);
    fake.clearFaults();
    expect(await a.sync()).toMatchObject({ status: 'ok', uploaded: true });
    expect(a.replica.state).toEqual(mergeStates(a.replica.state, b.replica.state, NOW).state);
    expect(await stateOnServer(fake, A)).toEqual(a.replica.state);
  });

  it('a folder whose parent is missing: conflict, in words', async () => {
    const fake = await start({ hasFolder: false });
    fake.injectFault({ fault: status(409), method: 'MKCOL' });
    const result = await deviceOn(fake, A).sync();
    expect(result.status).toBe('error');
    if (result.status !== 'error') return;
    expect(result.error.kind).toBe('conflict');
    expect(result.error.message).toMatch(/folder above the sync folder does not exist/);
  });

  it.each<[string, { fault: Fault; method?: string; skip?: number; times?: number }]>([
    ['503 with Retry-After on the listing', { fault: status(503, { 'Retry-After': '2' }), method: 'PROPFIND', skip: 1 }],
    ['429 with Retry-After on a read', { fault: status(429, { 'Retry-After': '1' }), method: 'GET' }],
    ['423 locked on the upload', { fault: status(423), method: 'PUT', times: 2 }],
    ['a dropped connection', { fault: { type: 'drop' }, method: 'GET' }],
    ['a write that landed but was never answered', { fault: { type: 'dropAfterApply' }, method: 'MOVE' }],
    ['a truncated read', { fault: { type: 'truncate' }, method: 'GET' }],
    ['no answer in time', { fault: { type: 'delay', ms: 400 }, method: 'PROPFIND' }],
    ['a 500', { fault: status(500), method: 'MOVE' }],
  ])('%s: retried with backoff, and the round completes', async (_label, rule) => {
    const fake = await start();
    const b = deviceOn(fake, B);
    b.replica.write('saved', 'u1', true);
    await b.sync();
    const a = deviceOn(fake, A, { timeoutMs: 200 });
    fake.injectFault(rule);
    const result = await a.sync();
    expect(result).toMatchObject({ status: 'ok', uploaded: true, warnings: [] });
    expect(a.sleeps.length).toBeGreaterThan(0);
    const retryAfter = rule.fault.type === 'status' ? rule.fault.headers?.['Retry-After'] : undefined;
    if (retryAfter) expect(a.sleeps).toContain(Number(retryAfter) * 1000);
    expect(a.replica.state).toEqual(b.replica.state);
  });

  it('an unreachable or unresolvable host: unreachable, after its retries', async () => {
    const fake = await start();
    for (const type of ['dns', 'refused'] as const) {
      const faulty = createFaultyFetch(fetch, { random: () => 0, rate: 1, faults: [{ type }] });
      const result = await deviceOn(fake, A, { fetch: faulty }).sync();
      expect(result.status === 'error' && result.error.kind).toBe('unreachable');
      expect(faulty.counts.requests).toBe(3);
    }
    expect(fake.requests).toEqual([]);
  });

  it('a failed upload after the merge keeps the merge; the next round uploads', async () => {
    const fake = await start();
    const [a, b] = [deviceOn(fake, A), deviceOn(fake, B)];
    b.replica.write('saved', 'u1', true);
    await b.sync();
    fake.injectFault({ fault: status(503), method: 'PUT', times: 3 });
    const failed = await a.sync();
    expect(failed).toMatchObject({ status: 'error', applied: 2, uploaded: false });
    expect(a.replica.state).toEqual(b.replica.state);
    expect(fileOf(fake, A)).toBeUndefined();
    expect(await a.sync()).toMatchObject({ status: 'ok', applied: 0, uploaded: true });
    expect(await stateOnServer(fake, A)).toEqual(b.replica.state);
  });

  it('a folder deleted between rounds is made again', async () => {
    const fake = await start();
    const a = deviceOn(fake, A);
    a.replica.write('saved', 'u1', true);
    await a.sync();
    fake.files.clear();
    fake.state.hasFolder = false;
    expect(await a.sync()).toMatchObject({ status: 'ok', uploaded: true });
    expect(await stateOnServer(fake, A)).toEqual(a.replica.state);
  });

  it('a folder deleted during the round is made again before the upload', async () => {
    const fake = await start();
    const [a, b] = [deviceOn(fake, A), deviceOn(fake, B)];
    b.replica.write('saved', 'u1', true);
    await b.sync();
    a.replica.beforeApply = () => {
      fake.files.clear();
      fake.state.hasFolder = false;
    };
    expect(await a.sync()).toMatchObject({ status: 'ok', uploaded: true, applied: 2 });
    expect(trace(fake).filter((line) => line.startsWith('MKCOL'))).toEqual(['MKCOL']);
    expect(await stateOnServer(fake, A)).toEqual(b.replica.state);
  });

  it('a server that refuses MOVE gets a plain PUT', async () => {
    const fake = await start({ refuseMove: true });
    const a = deviceOn(fake, A);
    a.replica.write('saved', 'u1', true);
    expect(await a.sync()).toMatchObject({ status: 'ok', uploaded: true });
    expect([...fake.files.keys()]).toEqual([syncFileName(A.id)]);
  });
});

describe('interrupted rounds', () => {
  /**
   * A fetch that aborts `controller` once `limit` requests have been answered, and sends nothing
   * after that (as a stopped worker): the client's PUT-then-MOVE is cut between its two requests too.
   */
  function abortingFetch(controller: AbortController, limit: number): FetchFunction {
    let count = 0;
    return async (input, init) => {
      controller.signal.throwIfAborted();
      const response = await fetch(input, init);
      if (++count >= limit) controller.abort(new Error(`interrupted after ${limit} requests`));
      return response;
    };
  }

  it('stopped after any number of requests, then run again: the same end state, nothing half-applied', async () => {
    const fake = await start();
    const [b, c] = [deviceOn(fake, B), deviceOn(fake, C)];
    for (const uid of ['u1', 'u2', 'u3']) b.replica.write('saved', uid, true);
    c.replica.write('notes', 'u1', 'from C');
    c.replica.write('saved', 'u2', false);
    await b.sync();
    await c.sync();
    const want = mergeStates(b.replica.state, c.replica.state, NOW).state;
    // A's full round is 6 requests: PROPFIND ×2, GET ×2, PUT, MOVE. Stopped after the 6th, it is complete.
    for (let limit = 1; limit <= 6; limit++) {
      const replica = new MemoryReplica(A.id, () => NOW);
      replica.write('saved', 'u3', false);
      const local = structuredClone(replica.state);
      const controller = new AbortController();
      const a = deviceOn(fake, A, { replica, fetch: abortingFetch(controller, limit) });
      const outcome = await a.sync({ signal: controller.signal }).catch((error: unknown) => error);
      if (limit < 6) expect(String(outcome)).toContain('interrupted');
      // All or nothing: before the apply the replica is as it was, after it the whole merge.
      const mergedWithLocal = mergeStates(local, want, NOW).state;
      expect([local, mergedWithLocal]).toContainEqual(replica.state);
      const rerun = await deviceOn(fake, A, { replica }).sync();
      expect(rerun).toMatchObject({ status: 'ok', uploaded: true });
      expect(replica.state).toEqual(mergedWithLocal);
      expect(await stateOnServer(fake, A)).toEqual(mergedWithLocal);
      fake.files.delete(syncFileName(A.id));
    }
  });

  it('aborted during a backoff wait: no further request', async () => {
    const fake = await start();
    const controller = new AbortController();
    fake.injectFault({ fault: { type: 'status', status: 503 }, method: 'PROPFIND' });
    const a = deviceOn(fake, A);
    const outcome = a.sync({ signal: controller.signal, sleep: async () => controller.abort(new Error('worker stopped')) });
    await expect(outcome).rejects.toThrow('worker stopped');
    expect(fake.requests).toHaveLength(1);
  });

  it('a replica that fails to apply (the transaction aborts): the round rejects, nothing is uploaded, the next round completes', async () => {
    const fake = await start();
    const [a, b] = [deviceOn(fake, A), deviceOn(fake, B)];
    b.replica.write('saved', 'u1', true);
    await b.sync();
    a.replica.failNextApply = new Error('the service worker stopped');
    await expect(a.sync()).rejects.toThrow('the service worker stopped');
    expect(a.replica.state).toEqual(emptySyncState());
    expect(fileOf(fake, A)).toBeUndefined();
    expect(await a.sync()).toMatchObject({ status: 'ok', applied: 2 });
    expect(a.replica.state).toEqual(b.replica.state);
  });
});

describe('one round at a time', () => {
  it('takes the named lock; a second round waits for the first instead of interleaving', async () => {
    const fake = await start();
    const lock = createTestLock();
    const a = deviceOn(fake, A, { lock });
    a.replica.write('saved', 'u1', true);
    const heldDuringApply: boolean[] = [];
    a.replica.beforeApply = () => heldDuringApply.push(lock.held.has(WEBDAV_SYNC_LOCK_NAME));
    const rounds = await Promise.all([a.sync(), a.sync()]);
    expect(heldDuringApply).toEqual([true, true]);
    expect(rounds.map((round) => round.status)).toEqual(['ok', 'ok']);
    expect(lock.names).toEqual([WEBDAV_SYNC_LOCK_NAME, WEBDAV_SYNC_LOCK_NAME]);
    const methods = trace(fake).map((line) => line.split(' ')[0]);
    expect(methods).toEqual(['PROPFIND', 'PROPFIND', 'PUT', 'MOVE', 'PROPFIND', 'PROPFIND', 'GET', 'PUT', 'MOVE']);
  });

  it('fits navigator.locks.request', () => {
    // Type-level (Node 20 has no navigator): what the extension passes compiles as a SyncLock.
    const fromNavigator: () => SyncLock = () => (name, fn) => navigator.locks.request(name, fn);
    expect(typeof fromNavigator).toBe('function');
  });
});
