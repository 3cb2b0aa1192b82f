// The file one device writes of its whole synced state (to a WebDAV folder, as an export), plain
// with a SHA-256 checksum or encrypted end to end, and the strict reading of such a file from
// anywhere. Pure apart from Web Crypto, which comes in as a parameter (Node 20 and browsers have it).

import { canonicalJson } from './canonical-json';
import { isDeviceId, parseStamp, type DeviceId, type HlcStamp } from './hlc';
import {
  PassphraseRequiredError,
  SyncFileChecksumError,
  SyncFileFormatError,
  SyncFileVersionError,
  WrongPassphraseError,
} from './sync-file-errors';
import type { SyncState } from './sync-state';
import { isRecord, requireFields, requireStamp, validateSyncState } from './validate-sync-state';

export * from './sync-file-errors';

export const SYNC_FILE_FORMAT = 'sidenote-sync';
export const SYNC_FILE_VERSION = 1;

/**
 * Longest file read or written, in characters. 119 saved entries with notes and anchors take
 * 343 KiB plain, 457 KiB encrypted (test/bench/sync-crypto-bench.ts); this leaves room for years of
 * growth and stops a forged file from making every device parse gigabytes.
 */
export const MAX_SYNC_FILE_LENGTH = 64 * 1024 * 1024;
/** "Firefox on laptop": a label, not a document. */
export const MAX_DEVICE_NAME_LENGTH = 100;
const MAX_PASSPHRASE_LENGTH = 1024;

/** Issue #8: at least 600,000 (OWASP's figure for PBKDF2-HMAC-SHA-256); ~80–100 ms in a background. */
export const PBKDF2_ITERATIONS = 600_000;
/** Files may raise the count (it is recorded); above this a forged file could stall the device. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
/** AES-GCM's standard nonce size; random per file, so never reused with one key (the salt is new too). */
const IV_BYTES = 12;
const KEY_CHECK_BYTES = 32;
const KDF_NAME = 'PBKDF2-SHA-256';
const CIPHER_NAME = 'AES-GCM-256';

export type SyncDevice = { id: DeviceId; name: string };

/** What a file says: who wrote it, when (the writer's clock), and its full merged state. */
export type SyncFile = {
  format: typeof SYNC_FILE_FORMAT;
  version: typeof SYNC_FILE_VERSION;
  device: SyncDevice;
  writtenAt: HlcStamp;
  state: SyncState;
};

export type DecodedSyncFile = { file: SyncFile; isEncrypted: boolean };

/** The part of Web Crypto this module uses; `globalThis.crypto` by default. */
export type SyncCrypto = Pick<Crypto, 'subtle' | 'getRandomValues'>;

export type EncodeSyncFileOptions = {
  /** Encrypts the file when set (an empty string means none). */
  passphrase?: string;
  crypto?: SyncCrypto;
  /** PBKDF2 iterations, recorded in the file; at least PBKDF2_ITERATIONS. */
  iterations?: number;
  /** Indentation for a file people may open (an export); the sync folder gets none. */
  indent?: number;
};

export type DecodeSyncFileOptions = {
  /** When set, the file must be encrypted with it: a plain file here could be a forgery. */
  passphrase?: string;
  crypto?: SyncCrypto;
};

/** The start of every file Sidenote writes; text that starts so but does not parse was cut short. */
const OWN_FILE_START = /^\s*\{\s*"format"\s*:\s*"sidenote-sync"/;
const HTML_START = /^\s*</;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** No control characters: the name is shown in lists and status lines. */
const DEVICE_NAME = /^[^\p{Cc}]+$/u;

// Pure: bundles that import only this module's limits (the content script) drop it.
const utf8 = /* @__PURE__ */ new TextEncoder();

function bytesOf(text: string): Uint8Array<ArrayBuffer> {
  return utf8.encode(text);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with a whole file's bytes as arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string, path: string): Uint8Array<ArrayBuffer> {
  if (!BASE64.test(text)) throw new SyncFileFormatError('invalid', `${path}: must be base64`);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function passphraseOf(passphrase: string | undefined): string | undefined {
  if (passphrase === undefined || passphrase === '') return undefined;
  if (passphrase.length > MAX_PASSPHRASE_LENGTH) throw new RangeError(`passphrase longer than ${MAX_PASSPHRASE_LENGTH} characters`);
  // One passphrase typed on two systems may arrive composed or decomposed (é, 한, ...): NFC makes them the same key.
  return passphrase.normalize('NFC');
}

/** A name the user may give a device: what files accept, so the options page can check with the same rule. */
export function isDeviceName(name: unknown): name is string {
  return typeof name === 'string' && name.trim() !== '' && name.length <= MAX_DEVICE_NAME_LENGTH && DEVICE_NAME.test(name);
}

/** The fields every file carries, checked: the device, its clock's stamp (its own), the state. */
function validateContents(device: unknown, writtenAt: unknown, state: unknown): Omit<SyncFile, 'format' | 'version'> {
  const fields = requireFields(device, 'device', ['id', 'name']);
  if (!isDeviceId(fields.id)) throw new SyncFileFormatError('invalid', 'device.id: must be a device id');
  const name = fields.name;
  if (!isDeviceName(name)) {
    throw new SyncFileFormatError('invalid', `device.name: must be 1 to ${MAX_DEVICE_NAME_LENGTH} characters, no control characters`);
  }
  const stamp = requireStamp(writtenAt, 'writtenAt');
  if (parseStamp(stamp).deviceId !== fields.id)
    throw new SyncFileFormatError('invalid', 'writtenAt: must be a stamp of the writing device');
  return { device: { id: fields.id, name }, writtenAt: stamp, state: validateSyncState(state) };
}

type DerivedKeys = { aesKey: CryptoKey; keyCheck: Uint8Array };

/**
 * PBKDF2 stretches the passphrase once (the expensive step); HKDF splits the result into the
 * AES-GCM key and a key check. The check tells a wrong passphrase from a damaged file, which
 * AES-GCM alone cannot; it lets an attacker test guesses no faster than the tag already does.
 */
async function deriveKeys(crypto: SyncCrypto, passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<DerivedKeys> {
  const { subtle } = crypto;
  const material = await subtle.importKey('raw', bytesOf(passphrase), 'PBKDF2', false, ['deriveBits']);
  const master = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
  const hkdf = await subtle.importKey('raw', master, 'HKDF', false, ['deriveKey', 'deriveBits']);
  const hkdfParams = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(0),
    info: bytesOf(`${SYNC_FILE_FORMAT}/1 ${info}`),
  });
  const aesKey = await subtle.deriveKey(hkdfParams('aes-gcm-256'), hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const keyCheck = new Uint8Array(await subtle.deriveBits(hkdfParams('key check'), hkdf, KEY_CHECK_BYTES * 8));
  return { aesKey, keyCheck };
}

type Encryption = { kdf: typeof KDF_NAME; iterations: number; salt: string; cipher: typeof CIPHER_NAME; iv: string; keyCheck: string };

/** The envelope's clear part, bound to the ciphertext as AES-GCM's additional data: changing it fails the tag. */
function headerOf(encryption: Encryption): Uint8Array<ArrayBuffer> {
  return bytesOf(canonicalJson({ format: SYNC_FILE_FORMAT, version: SYNC_FILE_VERSION, encryption }));
}

/**
 * The file for `contents`, checked as strictly as decodeSyncFile checks (a device must never write
 * what the others refuse). Plain: the fields plus `sha256` of their canonical JSON. Encrypted: an
 * envelope whose ciphertext holds that canonical JSON.
 */
export async function encodeSyncFile(
  contents: { device: SyncDevice; writtenAt: HlcStamp; state: SyncState },
  options: EncodeSyncFileOptions = {},
): Promise<string> {
  const crypto = options.crypto ?? globalThis.crypto;
  const checked = validateContents(contents.device, contents.writtenAt, contents.state);
  const body: SyncFile = { format: SYNC_FILE_FORMAT, version: SYNC_FILE_VERSION, ...checked };
  const plaintext = bytesOf(canonicalJson(body));
  const passphrase = passphraseOf(options.passphrase);
  let text: string;
  if (passphrase === undefined) {
    const sha256 = toHex(await crypto.subtle.digest('SHA-256', plaintext));
    // Format and version first: a reader recognises the file, and its age, from its first bytes.
    text = JSON.stringify(
      { format: body.format, version: body.version, device: body.device, writtenAt: body.writtenAt, sha256, state: body.state },
      null,
      options.indent,
    );
  } else {
    const iterations = options.iterations ?? PBKDF2_ITERATIONS;
    if (!Number.isInteger(iterations) || iterations < PBKDF2_ITERATIONS || iterations > MAX_PBKDF2_ITERATIONS) {
      throw new RangeError(`PBKDF2 iterations must be from ${PBKDF2_ITERATIONS} to ${MAX_PBKDF2_ITERATIONS}`);
    }
    const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const keys = await deriveKeys(crypto, passphrase, salt, iterations);
    const encryption: Encryption = {
      kdf: KDF_NAME,
      iterations,
      salt: toBase64(salt),
      cipher: CIPHER_NAME,
      iv: toBase64(iv),
      keyCheck: toBase64(keys.keyCheck),
    };
    const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: headerOf(encryption) }, keys.aesKey, plaintext);
    text = JSON.stringify(
      { format: SYNC_FILE_FORMAT, version: SYNC_FILE_VERSION, encryption, ciphertext: toBase64(new Uint8Array(ciphertext)) },
      null,
      options.indent,
    );
  }
  if (text.length > MAX_SYNC_FILE_LENGTH)
    throw new SyncFileFormatError('too-large', `${text.length} characters, more than ${MAX_SYNC_FILE_LENGTH}`);
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Which of three it is decides the user's words: damaged (ours, cut short), a web page, or something else.
    if (OWN_FILE_START.test(text)) throw new SyncFileChecksumError('cut short or damaged: not valid JSON');
    if (HTML_START.test(text)) throw new SyncFileFormatError('html', 'an HTML page, not a sync file (a login or error page?)');
    throw new SyncFileFormatError('not-json', 'not JSON');
  }
}

/** Format and version, checked before anything else so a newer file is reported as newer, not as invalid. */
function requireOwnFormat(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value) || value.format !== SYNC_FILE_FORMAT)
    throw new SyncFileFormatError('foreign', `${what} is not a Sidenote sync file`);
  const version = value.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > SYNC_FILE_VERSION) throw new SyncFileVersionError(version);
  if (version !== SYNC_FILE_VERSION) throw new SyncFileFormatError('invalid', `${what}: version must be ${SYNC_FILE_VERSION}`);
  return value;
}

function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  try {
    return bytesOf(canonicalJson(value));
  } catch (error) {
    // Only nesting deep enough to exhaust the stack gets here (JSON.parse output has no other trap).
    throw new SyncFileFormatError('invalid', `cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function decodePlain(file: Record<string, unknown>, crypto: SyncCrypto): Promise<DecodedSyncFile> {
  const fields = requireFields(file, 'file', ['format', 'version', 'device', 'writtenAt', 'sha256', 'state']);
  const { sha256, ...body } = fields;
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) throw new SyncFileFormatError('invalid', 'sha256: must be 64 hex digits');
  // The checksum is tested before the fields, so any damage reads as damage, not as a bad field.
  if (toHex(await crypto.subtle.digest('SHA-256', canonicalBytes(body))) !== sha256) {
    throw new SyncFileChecksumError('the content does not match its checksum');
  }
  return {
    file: { format: SYNC_FILE_FORMAT, version: SYNC_FILE_VERSION, ...validateContents(body.device, body.writtenAt, body.state) },
    isEncrypted: false,
  };
}

function validateEncryption(value: unknown): Encryption {
  const fields = requireFields(value, 'encryption', ['kdf', 'iterations', 'salt', 'cipher', 'iv', 'keyCheck']);
  if (fields.kdf !== KDF_NAME) throw new SyncFileFormatError('invalid', `encryption.kdf: must be ${KDF_NAME}`);
  if (fields.cipher !== CIPHER_NAME) throw new SyncFileFormatError('invalid', `encryption.cipher: must be ${CIPHER_NAME}`);
  const iterations = fields.iterations;
  if (
    typeof iterations !== 'number' ||
    !Number.isInteger(iterations) ||
    iterations < PBKDF2_ITERATIONS ||
    iterations > MAX_PBKDF2_ITERATIONS
  ) {
    throw new SyncFileFormatError('invalid', `encryption.iterations: must be from ${PBKDF2_ITERATIONS} to ${MAX_PBKDF2_ITERATIONS}`);
  }
  const sized = (name: 'salt' | 'iv' | 'keyCheck', bytes: number): string => {
    const text = fields[name];
    if (typeof text !== 'string' || fromBase64(text, `encryption.${name}`).length !== bytes) {
      throw new SyncFileFormatError('invalid', `encryption.${name}: must be ${bytes} bytes in base64`);
    }
    return text;
  };
  return {
    kdf: KDF_NAME,
    iterations,
    salt: sized('salt', SALT_BYTES),
    cipher: CIPHER_NAME,
    iv: sized('iv', IV_BYTES),
    keyCheck: sized('keyCheck', KEY_CHECK_BYTES),
  };
}

async function decodeEncrypted(
  file: Record<string, unknown>,
  passphrase: string | undefined,
  crypto: SyncCrypto,
): Promise<DecodedSyncFile> {
  const fields = requireFields(file, 'file', ['format', 'version', 'encryption', 'ciphertext']);
  const encryption = validateEncryption(fields.encryption);
  if (typeof fields.ciphertext !== 'string') throw new SyncFileFormatError('invalid', 'ciphertext: must be base64');
  const ciphertext = fromBase64(fields.ciphertext, 'ciphertext');
  if (passphrase === undefined) throw new PassphraseRequiredError();
  const keys = await deriveKeys(crypto, passphrase, fromBase64(encryption.salt, 'salt'), encryption.iterations);
  // A changed salt or iteration count also lands here: the server altered the header, the key differs.
  if (toBase64(keys.keyCheck) !== encryption.keyCheck) throw new WrongPassphraseError();
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(encryption.iv, 'iv'), additionalData: headerOf(encryption) },
      keys.aesKey,
      ciphertext,
    );
  } catch {
    // The key is right (it passed the check), so a failed tag means changed or cut bytes.
    throw new SyncFileChecksumError('the encrypted content fails its authentication');
  }
  let inner: unknown;
  try {
    inner = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    throw new SyncFileFormatError('invalid', 'the encrypted content is not JSON');
  }
  const body = requireFields(requireOwnFormat(inner, 'the encrypted content'), 'content', [
    'format',
    'version',
    'device',
    'writtenAt',
    'state',
  ]);
  return {
    file: { format: SYNC_FILE_FORMAT, version: SYNC_FILE_VERSION, ...validateContents(body.device, body.writtenAt, body.state) },
    isEncrypted: true,
  };
}

/**
 * Reads a file from anywhere, all or nothing: the file, checked field by field, or a named error
 * (SyncFileFormatError, SyncFileVersionError, SyncFileChecksumError, WrongPassphraseError,
 * PassphraseRequiredError — all SyncFileError) and nothing to apply.
 */
export async function decodeSyncFile(text: string, options: DecodeSyncFileOptions = {}): Promise<DecodedSyncFile> {
  const crypto = options.crypto ?? globalThis.crypto;
  if (text.length > MAX_SYNC_FILE_LENGTH) throw new SyncFileFormatError('too-large', `more than ${MAX_SYNC_FILE_LENGTH} characters`);
  // A byte order mark appears when someone opens an export in an editor and saves it.
  const file = requireOwnFormat(parseJson(text.replace(/^\uFEFF/, '')), 'the file');
  const passphrase = passphraseOf(options.passphrase);
  if (Object.hasOwn(file, 'encryption') || Object.hasOwn(file, 'ciphertext')) return decodeEncrypted(file, passphrase, crypto);
  if (passphrase !== undefined) throw new SyncFileFormatError('unencrypted', 'this device expects encrypted files');
  return decodePlain(file, crypto);
}
