import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../lib/sync/canonical-json';
import {
  decodeSyncFile,
  encodeSyncFile,
  isDeviceName,
  MAX_SYNC_FILE_LENGTH,
  PassphraseRequiredError,
  PBKDF2_ITERATIONS,
  SyncFileChecksumError,
  SyncFileError,
  SyncFileFormatError,
  SyncFileVersionError,
  WrongPassphraseError,
  type SyncDevice,
} from '../../lib/sync/sync-file';
import { emptySyncState, type SyncState } from '../../lib/sync/sync-state';
import { MAX_REGISTERS_PER_KIND } from '../../lib/sync/validate-sync-state';
import { MAX_NOTE_LENGTH } from '../../lib/user-data/types';
import { REAL_DEVICE, realSyncState } from '../support/real-sync-state';
import { DEVICES, entryFor, NOW, stampAt, stateOf } from '../support/sync-states';

const [A, B] = DEVICES;
const device: SyncDevice = { id: A, name: 'Chrome on desktop' };
const writtenAt = stampAt(NOW, 3, A);

function smallState(): SyncState {
  const state = stateOf({
    saved: { u1: [true, stampAt(NOW - 10, 0, B)], u2: [false, stampAt(NOW - 5, 0, A)] },
    notes: { u1: ['长文本 "quoted" \\ back\nslash <b>', stampAt(NOW - 9, 0, B)], u2: ['', stampAt(NOW - 4, 0, A)] },
    muted: { 'x.com': [true, stampAt(NOW - 3, 0, A)] },
  });
  state.switches.cardsEnabled = { isOn: false, stamp: stampAt(NOW - 2, 0, A) };
  state.anchors.u1 = { entry: entryFor('u1', 1), anchoredAt: stampAt(NOW - 10, 0, B) };
  return state;
}

const contents = { device, writtenAt, state: smallState() };
const expectedFile = { format: 'sidenote-sync', version: 1, ...contents };

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Parsed JSON that a test edits to forge a file. */
type Json = Record<string, unknown>;

/** The object at a dotted path (`state.saved.u1`, `entry.posts.0`) of parsed JSON, to edit in place. */
function at(json: Json, path: string): Json {
  let node: unknown = json;
  for (const key of path.split('.')) node = (node as Json)[key];
  return node as Json;
}

/** Edits a plain file and signs it again, as a hostile server that knows the format can. */
async function forged(edit: (file: Json) => void): Promise<string> {
  const file = JSON.parse(await encodeSyncFile(contents));
  edit(file);
  const { sha256: _old, ...body } = file;
  return JSON.stringify({ ...body, sha256: await sha256Hex(canonicalJson(body)) });
}

async function refusal(text: string, options: { passphrase?: string } = {}): Promise<unknown> {
  return decodeSyncFile(text, options).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('plain sync files', () => {
  let plain: string;
  beforeAll(async () => {
    plain = await encodeSyncFile(contents);
  });

  it('round-trip exactly', async () => {
    expect(await decodeSyncFile(plain)).toEqual({ file: expectedFile, isEncrypted: false });
  });

  it('start with format and version and carry a SHA-256 of the canonical content', async () => {
    expect(plain.startsWith('{"format":"sidenote-sync","version":1,')).toBe(true);
    const { sha256, ...body } = JSON.parse(plain);
    expect(sha256).toBe(await sha256Hex(canonicalJson(body)));
  });

  it('read indented, with a byte order mark, or with their fields in another order', async () => {
    const indented = await encodeSyncFile(contents, { indent: 2 });
    expect((await decodeSyncFile(`\uFEFF${indented}`)).file).toEqual(expectedFile);
    const { state, ...rest } = JSON.parse(plain);
    expect((await decodeSyncFile(JSON.stringify({ state, ...rest }))).file).toEqual(expectedFile);
  });

  it('carry the real digest: 119 saved entries with notes and anchors', async () => {
    const state = realSyncState();
    expect(Object.keys(state.anchors)).toHaveLength(119);
    const text = await encodeSyncFile({ device: REAL_DEVICE, writtenAt: stampAt(NOW, 0, REAL_DEVICE.id), state });
    expect((await decodeSyncFile(text)).file.state).toEqual(state);
  });

  it.each([
    ['an empty body', () => '', SyncFileFormatError, 'not-json'],
    ['plain text', () => 'Service Unavailable', SyncFileFormatError, 'not-json'],
    ['truncated JSON', () => plain.slice(0, Math.floor(plain.length / 2)), SyncFileChecksumError, undefined],
    ['only its first bytes', () => plain.slice(0, 40), SyncFileChecksumError, undefined],
    [
      'an HTML login page',
      () => '<!DOCTYPE html>\n<html><head><title>Login – Nextcloud</title></head><body><form method="post"></form></body></html>',
      SyncFileFormatError,
      'html',
    ],
    [
      'a WebDAV XML error',
      () => '<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:"><s:message>File not found</s:message></d:error>',
      SyncFileFormatError,
      'html',
    ],
    ['foreign JSON (a bookmarks file)', () => '{"version":1,"bookmarks":[]}', SyncFileFormatError, 'foreign'],
    ['a JSON array', () => '[]', SyncFileFormatError, 'foreign'],
    ['JSON null', () => 'null', SyncFileFormatError, 'foreign'],
    ['a JSON string', () => '"sidenote-sync"', SyncFileFormatError, 'foreign'],
    [
      'a newer version with fields this one does not know',
      () => plain.replace('"version":1,', '"version":2,"shards":[],'),
      SyncFileVersionError,
      undefined,
    ],
    ['version 0', () => plain.replace('"version":1,', '"version":0,'), SyncFileFormatError, 'invalid'],
    ['version "1"', () => plain.replace('"version":1,', '"version":"1",'), SyncFileFormatError, 'invalid'],
    ['a flipped byte in a note', () => plain.replace('长文本', '长文木'), SyncFileChecksumError, undefined],
    ['a flipped save', () => plain.replace('"isSaved":false', '"isSaved":true'), SyncFileChecksumError, undefined],
    ['no checksum', () => plain.replace(/"sha256":"[0-9a-f]{64}",/, ''), SyncFileFormatError, 'invalid'],
    [
      'a checksum in capitals',
      () => plain.replace(/"sha256":"([0-9a-f]{64})"/, (_m, hex: string) => `"sha256":"${hex.toUpperCase()}"`),
      SyncFileFormatError,
      'invalid',
    ],
    [
      'an encryption envelope with no fields',
      () => '{"format":"sidenote-sync","version":1,"encryption":{}}',
      SyncFileFormatError,
      'invalid',
    ],
  ])('refuse %s', async (_label, text, errorClass, reason) => {
    const error = await refusal(text());
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(SyncFileError);
    if (reason !== undefined) expect(error).toMatchObject({ reason });
  });

  it('refuse a file longer than any Sidenote writes, before parsing it', async () => {
    expect(await refusal('x'.repeat(MAX_SYNC_FILE_LENGTH + 1))).toMatchObject({ name: 'SyncFileFormatError', reason: 'too-large' });
  });

  it('refuse a plain file when this device expects encryption', async () => {
    expect(await refusal(plain, { passphrase: 'secret' })).toMatchObject({ name: 'SyncFileFormatError', reason: 'unencrypted' });
  });

  it('never decode once any character is damaged', async () => {
    const small = await encodeSyncFile({
      device,
      writtenAt,
      state: stateOf({ saved: { u1: [true, stampAt(NOW)] }, notes: { u1: ['n', stampAt(NOW)] } }),
    });
    const accepted: string[] = [];
    for (let i = 0; i < small.length; i++) {
      for (const bit of [0x01, 0x20]) {
        const damaged = small.slice(0, i) + String.fromCharCode(small.charCodeAt(i) ^ bit) + small.slice(i + 1);
        const error = await refusal(damaged);
        if (!(error instanceof SyncFileError)) accepted.push(`${i}^${bit}: ${damaged.slice(Math.max(0, i - 10), i + 10)}`);
      }
    }
    expect(accepted).toEqual([]);
  });
});

describe('a hostile server that signs what it writes', () => {
  it.each<[string, (file: Json) => void, string]>([
    ['a note over the length limit', (f) => (at(f, 'state.notes.u1').text = 'x'.repeat(MAX_NOTE_LENGTH + 1)), 'state.notes["u1"].text'],
    ['a stamp that is not one', (f) => (at(f, 'state.saved.u1').stamp = String(NOW)), 'state.saved["u1"].stamp'],
    [
      'a stamp in capitals',
      (f) => (at(f, 'state.saved.u1').stamp = String(at(f, 'state.saved.u1').stamp).toUpperCase()),
      'state.saved["u1"].stamp',
    ],
    ['a save as a string', (f) => (at(f, 'state.saved.u1').isSaved = 'true'), 'state.saved["u1"].isSaved'],
    ['an extra field in a register', (f) => (at(f, 'state.saved.u1').by = 'me'), 'state.saved["u1"]'],
    ['an extra field at the top', (f) => (f.shards = []), 'file'],
    ['an extra kind of register', (f) => (at(f, 'state').themes = {}), 'state'],
    ['a missing kind of register', (f) => delete at(f, 'state').anchors, 'state'],
    ['a uid that is no uid', (f) => (at(f, 'state.saved')['../../etc'] = at(f, 'state.saved.u1')), 'state.saved key'],
    ['a host with a path', (f) => (at(f, 'state.mutedSites')['x.com/a'] = at(f, 'state.mutedSites')['x.com']), 'state.mutedSites key'],
    ['a host in capitals', (f) => (at(f, 'state.mutedSites')['X.COM'] = at(f, 'state.mutedSites')['x.com']), 'state.mutedSites key'],
    [
      'another switch',
      (f) => {
        at(f, 'state').switches = { theme: at(f, 'state.switches').cardsEnabled };
      },
      'state.switches key',
    ],
    ['a device id that is none', (f) => (at(f, 'device').id = 'dev-1'), 'device.id'],
    ['an empty device name', (f) => (at(f, 'device').name = '  '), 'device.name'],
    ['a device name with a line break', (f) => (at(f, 'device').name = 'a\nb'), 'device.name'],
    ['a device name of 101 characters', (f) => (at(f, 'device').name = 'n'.repeat(101)), 'device.name'],
    ['a write stamp of another device', (f) => (f.writtenAt = stampAt(NOW, 0, B)), 'writtenAt'],
    ['an anchor filed under another uid', (f) => (at(f, 'state.anchors').u2 = at(f, 'state.anchors.u1')), 'state.anchors["u2"].entry.uid'],
    ['an anchored entry with an extra field', (f) => (at(f, 'state.anchors.u1.entry').html = '<b>'), 'state.anchors["u1"].entry'],
    ['an anchored entry with posts but no date', (f) => (at(f, 'state.anchors.u1.entry').date = ''), 'state.anchors["u1"].entry.date'],
    [
      'an anchored entry with a bad handle',
      (f) => (at(f, 'state.anchors.u1.entry.posts.0').handle = '@x y'),
      'state.anchors["u1"].entry.posts[0].handle',
    ],
    [
      'an anchored entry with 201 links',
      (f) => (at(f, 'state.anchors.u1.entry').urls = Array(201).fill('https://x.com')),
      'state.anchors["u1"].entry.urls',
    ],
    [
      'an anchored entry over its text budget',
      (f) =>
        (at(f, 'state.anchors.u1.entry').posts = Array.from({ length: 3 }, () => ({
          ...at(f, 'state.anchors.u1.entry.posts.0'),
          text: 'x'.repeat(40_000),
        }))),
      'state.anchors["u1"].entry.posts[2].text',
    ],
    [
      `${MAX_REGISTERS_PER_KIND + 1} saves`,
      (f) => {
        for (let i = 0; i <= MAX_REGISTERS_PER_KIND; i++) at(f, 'state.saved')[`s${i}`] = at(f, 'state.saved.u1');
      },
      'state.saved',
    ],
  ])('refuses %s, naming the field', async (_label, edit, path) => {
    const error = await refusal(await forged(edit));
    expect(error).toBeInstanceOf(SyncFileFormatError);
    expect(error).toMatchObject({ reason: 'invalid' });
    expect((error as Error).message).toContain(path);
  });

  it('refuses `__proto__` as a key, and leaves Object.prototype alone', async () => {
    const text = (await forged(() => undefined)).replace(
      '"saved":{',
      '"saved":{"__proto__":{"isSaved":true,"stamp":"000000000:0000:aaaaaaaaaa"},',
    );
    const { sha256: _old, ...body } = JSON.parse(text);
    const signed = JSON.stringify({ ...body, sha256: await sha256Hex(canonicalJson(body)) });
    expect(await refusal(signed)).toMatchObject({ reason: 'invalid' });
    expect(({} as Record<string, unknown>).isSaved).toBeUndefined();
  });

  it('accepts a note of exactly the limit', async () => {
    const text = await forged((f) => (at(f, 'state.notes.u1').text = 'x'.repeat(MAX_NOTE_LENGTH)));
    expect((await decodeSyncFile(text)).file.state.notes.u1?.text).toHaveLength(MAX_NOTE_LENGTH);
  });
});

describe('isDeviceName', () => {
  it.each([
    ['Firefox on laptop', true],
    ['办公室的 Chrome', true],
    ['x'.repeat(100), true],
    ['x'.repeat(101), false],
    ['', false],
    ['   ', false],
    ['tab\there', false],
    ['bell\u0007', false],
    [42, false],
  ])('%j → %s', (name, isValid) => {
    expect(isDeviceName(name)).toBe(isValid);
  });
});

describe('encoding checks what it writes', () => {
  it.each<[string, () => Parameters<typeof encodeSyncFile>[0]]>([
    [
      'a note over the limit',
      () => ({ device, writtenAt, state: stateOf({ notes: { u1: ['x'.repeat(MAX_NOTE_LENGTH + 1), stampAt(NOW)] } }) }),
    ],
    ['a device name with a tab', () => ({ device: { id: A, name: 'a\tb' }, writtenAt, state: emptySyncState() })],
    ['a stamp of another device', () => ({ device, writtenAt: stampAt(NOW, 0, B), state: emptySyncState() })],
  ])('refuses to write %s', async (_label, input) => {
    await expect(encodeSyncFile(input())).rejects.toBeInstanceOf(SyncFileFormatError);
  });

  it('refuses fewer PBKDF2 iterations than 600,000', async () => {
    await expect(encodeSyncFile(contents, { passphrase: 'p', iterations: 1000 })).rejects.toBeInstanceOf(RangeError);
  });
});

describe('encrypted sync files', () => {
  // PBKDF2 at 600,000 iterations takes ~0.1–0.5 s here, so the file is made once and each test
  // derives at most one key.
  const passphrase = 'correct horse café 电池';
  let sealed: string;
  beforeAll(async () => {
    sealed = await encodeSyncFile(contents, { passphrase });
  }, 30_000);

  const envelope = () => JSON.parse(sealed);
  const withEnvelope = (edit: (file: Json) => void) => {
    const file = envelope();
    edit(file);
    return JSON.stringify(file);
  };

  it('round-trip with the passphrase, typed composed or decomposed', async () => {
    expect(await decodeSyncFile(sealed, { passphrase })).toEqual({ file: expectedFile, isEncrypted: true });
    expect((await decodeSyncFile(sealed, { passphrase: passphrase.normalize('NFD') })).file).toEqual(expectedFile);
  }, 30_000);

  it('show nothing but the format and the key parameters', () => {
    const file = envelope();
    expect(Object.keys(file)).toEqual(['format', 'version', 'encryption', 'ciphertext']);
    expect(file.encryption).toMatchObject({ kdf: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS, cipher: 'AES-GCM-256' });
    expect(atob(file.encryption.salt)).toHaveLength(16);
    expect(atob(file.encryption.iv)).toHaveLength(12);
    // Long or with characters base64 lacks, so the ciphertext cannot contain them by chance.
    for (const secret of ['Chrome on desktop', A, 'x.com', 'isSaved', '长文本']) expect(sealed).not.toContain(secret);
  });

  it('use a fresh salt and nonce for every write', async () => {
    const again = JSON.parse(await encodeSyncFile(contents, { passphrase }));
    expect(again.encryption.salt).not.toBe(envelope().encryption.salt);
    expect(again.encryption.iv).not.toBe(envelope().encryption.iv);
  }, 30_000);

  it.each<[string, () => string, { passphrase?: string }, abstract new (...args: never[]) => Error]>([
    ['a wrong passphrase', () => sealed, { passphrase: 'correct horse cafe 电池' }, WrongPassphraseError],
    ['no passphrase', () => sealed, {}, PassphraseRequiredError],
    ['an empty passphrase', () => sealed, { passphrase: '' }, PassphraseRequiredError],
    [
      'a changed ciphertext byte',
      () => withEnvelope((f) => (f.ciphertext = (String(f.ciphertext).startsWith('A') ? 'B' : 'A') + String(f.ciphertext).slice(1))),
      { passphrase },
      SyncFileChecksumError,
    ],
    [
      'a cut ciphertext',
      () => withEnvelope((f) => (f.ciphertext = String(f.ciphertext).slice(0, -8))),
      { passphrase },
      SyncFileChecksumError,
    ],
    ['a changed nonce', () => withEnvelope((f) => (at(f, 'encryption').iv = btoa('abcdefghijkl'))), { passphrase }, SyncFileChecksumError],
    ['a truncated file', () => sealed.slice(0, sealed.length - 100), { passphrase }, SyncFileChecksumError],
    // A changed key parameter changes the key: it reads as a wrong passphrase, and nothing decrypts.
    ['raised iterations', () => withEnvelope((f) => (at(f, 'encryption').iterations = 700_000)), { passphrase }, WrongPassphraseError],
  ])(
    'refuse %s',
    async (_label, text, options, errorClass) => {
      expect(await refusal(text(), options)).toBeInstanceOf(errorClass);
    },
    30_000,
  );

  it.each<[string, (file: Json) => void]>([
    ['a trillion iterations (it would stall the device)', (f) => (at(f, 'encryption').iterations = 1e12)],
    ['1,000 iterations', (f) => (at(f, 'encryption').iterations = 1000)],
    ['an 8-byte salt', (f) => (at(f, 'encryption').salt = btoa('12345678'))],
    ['salt that is not base64', (f) => (at(f, 'encryption').salt = '!!!!!!!!!!!!!!!!!!!!!!!!')],
    ['another key derivation', (f) => (at(f, 'encryption').kdf = 'argon2id')],
    ['another cipher', (f) => (at(f, 'encryption').cipher = 'AES-CBC-256')],
    ['a clear-text state beside the ciphertext', (f) => (f.state = {})],
  ])('refuse, before deriving a key, %s', async (_label, edit) => {
    expect(await refusal(withEnvelope(edit), { passphrase })).toMatchObject({ name: 'SyncFileFormatError', reason: 'invalid' });
  });
});
