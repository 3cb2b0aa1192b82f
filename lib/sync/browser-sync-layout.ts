// Lays the synced user data out as `storage.sync` items within Chrome's quotas, and reads items back
// into a SyncState. Pure: a state in, items out and back; browser-sync.ts does the storage calls.
// Never truncates a note: a note that does not fit is left out whole, and listed.

import { CARDS_SWITCH } from '../user-data/types';
import { formatStamp, isDeviceId, MAX_COUNTER, MAX_WALL, parseStamp, type DeviceId, type HlcStamp } from './hlc';
import { canonicalJson } from './canonical-json';
import { mergeStates } from './merge';
import { emptySyncState, ownValue, type SyncState } from './sync-state';
import { validateSyncState } from './validate-sync-state';

/**
 * The layout's version, first in every item it writes and in the `layout` item. A reader meeting a
 * greater one skips the whole area with a warning (never a part of it) and writes nothing there.
 */
export const BROWSER_SYNC_LAYOUT_VERSION = 1;

export type BrowserSyncLimits = { quotaBytes: number; quotaBytesPerItem: number; maxItems: number };

/**
 * chrome.storage.sync's quotas (Chromium extensions/common/api/storage.json; issue #8 measured the
 * same in Chromium 156). Firefox enforces these sizes too, counted no more strictly (see syncItemBytes).
 */
export const CHROME_SYNC_LIMITS: BrowserSyncLimits = { quotaBytes: 102_400, quotaBytesPerItem: 8_192, maxItems: 512 };

// ---------------------------------------------------------------------------------------------
// Bytes, as Chrome counts them

/**
 * What Chrome's JSON writer makes of one character (Chromium base/json/string_escape.cc): `"` and
 * `\` and the short control escapes take 2 bytes; `<`, U+2028, U+2029 and other control characters
 * become 6-byte `\uXXXX` escapes (JSON.stringify leaves `<` and U+2028/9 as they are); everything
 * else is its UTF-8. A lone surrogate is written as U+FFFD (3 bytes) — the text would not come back.
 */
function charBytes(codePoint: number): number {
  if (codePoint === 0x22 || codePoint === 0x5c) return 2;
  if (codePoint === 0x3c) return 6;
  if (codePoint < 0x20) return codePoint === 8 || codePoint === 9 || codePoint === 10 || codePoint === 12 || codePoint === 13 ? 2 : 6;
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint === 0x2028 || codePoint === 0x2029) return 6;
  return codePoint < 0x10000 ? 3 : 4;
}

const isLoneSurrogate = (codePoint: number) => codePoint >= 0xd800 && codePoint <= 0xdfff;

/** A string's bytes inside Chrome's JSON, quotes excluded. */
function stringContentBytes(text: string): number {
  let bytes = 0;
  for (const char of text) bytes += charBytes(char.codePointAt(0) ?? 0);
  return bytes;
}

/** Whether Chrome stores the text as it is: no lone surrogate (it would come back as U+FFFD). */
function isWellFormedText(text: string): boolean {
  for (const char of text) if (isLoneSurrogate(char.codePointAt(0) ?? 0)) return false;
  return true;
}

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

/** Bytes of a value as Chromium's base::JSONWriter writes it (base/json/json_writer.cc). */
export function chromeJsonBytes(value: unknown): number {
  if (value === null) return 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (typeof value === 'string') return 2 + stringContentBytes(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('storage.sync has no place for NaN or Infinity');
    const text = String(value);
    // An integer outside int32 reaches Chrome as a double, which JSONWriter writes with ".0".
    const isInt = Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
    return text.length + (isInt || /[.eE]/.test(text) ? 0 : 2);
  }
  if (Array.isArray(value)) {
    // An undefined array member reaches Chrome as null.
    const members = value.map((member: unknown) => (member === undefined ? 4 : chromeJsonBytes(member)));
    return 2 + members.reduce((sum, bytes) => sum + bytes, 0) + Math.max(0, members.length - 1);
  }
  if (typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => 2 + stringContentBytes(key) + 1 + chromeJsonBytes(member));
    return 2 + members.reduce((sum, bytes) => sum + bytes, 0) + Math.max(0, members.length - 1);
  }
  throw new TypeError(`storage.sync has no place for a ${typeof value}`);
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * What one item costs against the quotas, as Chrome counts it (Chromium
 * extensions/browser/api/storage/settings_storage_quota_enforcer.cc, `Allocate`): the key's UTF-8
 * length plus the length of the value's JSON serialization. Firefox counts the key plus
 * serde_json's serialization (application-services components/webext-storage/src/api.rs,
 * `get_quota_size_of`), which escapes less, so a layout within Chrome's count fits Firefox too.
 */
export function syncItemBytes(key: string, value: unknown): number {
  return utf8Bytes(key) + chromeJsonBytes(value);
}

// ---------------------------------------------------------------------------------------------
// Keys

/**
 * The `layout` item: `{ version, chunks: { w, h, s, i } }`, the layout's version and how many chunk
 * items of each family its writer made current (`s0`…`s<n-1>`). The counts are for people and the
 * options page, not a filter: with several installs writing, the `layout` item and a chunk can come
 * from different writers, and skipping a chunk past an older count would hide newer registers (the
 * seeded simulation found exactly that). Every chunk decodes alone and the merge keeps the later
 * register, so a leftover chunk, still on its way out, only repeats older ones.
 */
export const LAYOUT_KEY = 'layout';

/**
 * Register chunks, one family per kind, each packed into `<family><n>` items of compact records:
 * `w` switches, `h` muted hosts, `s` saved entries, `i` the note index (every note's uid and stamp,
 * and whether it has text or was cleared). In this order they are kept when space runs out.
 */
type Family = 'w' | 'h' | 's' | 'i';
const FAMILIES: readonly Family[] = ['w', 'h', 's', 'i'];
const CHUNK_KEY = /^([whsi])(0|[1-9][0-9]{0,3})$/;

/** A note's text, in parts: `n:<uid>:<part>`. */
const NOTE_PART_KEY = /^n:([^:]+):(0|[1-9][0-9]{0,2})$/;
const notePartKey = (uid: string, part: number) => `n:${uid}:${part}`;
/** At most 999 parts, three digits: a note of 20,000 characters of `<` (6 bytes each) needs 15. */
const MAX_NOTE_PARTS = 999;

/** Whether a key is one this layout writes (foreign keys are left alone and their bytes respected). */
export function isBrowserSyncKey(key: string): boolean {
  return key === LAYOUT_KEY || CHUNK_KEY.test(key) || NOTE_PART_KEY.test(key);
}

// ---------------------------------------------------------------------------------------------
// Compact records

/**
 * Numbers in records are base 62: one byte carries ~6 bits, and none of these characters needs a
 * JSON escape. (Base 36 would cost ~1 byte more per record: 5,000 bytes at 5,000 saved entries.)
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGIT_VALUE = new Map([...DIGITS].map((digit, value) => [digit, value]));

function toBase62(value: number): string {
  let rest = value;
  let text = '';
  do {
    text = (DIGITS[rest % 62] ?? '') + text;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return text;
}

function fromBase62(text: string): number | undefined {
  let value = 0;
  for (const digit of text) {
    const digitValue = DIGIT_VALUE.get(digit);
    if (digitValue === undefined) return undefined;
    value = value * 62 + digitValue;
  }
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * Keys a record can carry: uids, canonical hosts, switch names. None holds a record's punctuation
 * (`' + ! , @ .` where it matters) or a character JSON escapes, so a record's bytes are its length.
 */
const RECORD_KEY = /^[0-9A-Za-z~._-]{1,253}$/;

/**
 * Uids (families `s` and `i`) are a 53-bit hash in base 36 (lib/corpus/entry-identity.ts): written
 * as the same number in base 62, 9 characters instead of 11 — the largest saving, since the uid is
 * most of a record. Any other uid (`~2` repeats, `unknown-entry-<n>`, one that would not come back
 * the same) is written as it is after an apostrophe.
 */
function packUid(uid: string): string {
  const value = parseInt(uid, 36);
  return Number.isSafeInteger(value) && value.toString(36) === uid ? toBase62(value) : `'${uid}`;
}

function unpackUid(packed: string): string | undefined {
  if (packed.startsWith("'")) return packed.slice(1);
  return fromBase62(packed)?.toString(36);
}

const hasUidKeys = (family: Family) => family === 's' || family === 'i';

/**
 * One register as a chunk stores it: `<key><flag><wall>[.<counter>][@<device>]`. The flag is `+`
 * (saved, muted, on; for the note index: has text) or `!` (its tombstone, off; a cleared note).
 * Records are sorted by device, then stamp: `<wall>` is the difference from the record before, or
 * whole where the device changes (`@<device>`, an index into the chunk's device list; the first
 * record is device 0 and its wall whole). The counter is left out when 0. So a record costs its
 * key plus a few bytes: ~14 for a save among 5,000 an hour apart.
 */
type CompactRecord = { key: string; flag: boolean; stamp: HlcStamp };
const RECORD = /^('?[0-9A-Za-z~._-]{1,253})([+!])([0-9A-Za-z]{1,9})(?:\.([0-9A-Za-z]{1,4}))?(?:@([0-9A-Za-z]{1,2}))?$/;

/** A chunk item's value: `[version, "<device>,<device>…", "<record>,<record>…"]`. */
type ChunkValue = [number, string, string];

/** Packs records (in chunk order) into one chunk while it stays within an item's bytes. */
class ChunkBuilder {
  private devices: DeviceId[] = [];
  private records: string[] = [];
  private previousWall = 0;
  private previousDevice = 0;
  private bytes: number;

  constructor(
    private readonly family: Family,
    key: string,
    private readonly budget: number,
  ) {
    // `[1,"",""]` plus the key.
    this.bytes = utf8Bytes(key) + chromeJsonBytes([BROWSER_SYNC_LAYOUT_VERSION, '', '']);
  }

  get isEmpty(): boolean {
    return this.records.length === 0;
  }

  /** Adds the record if the chunk stays within budget; says whether it did. */
  tryAdd(record: CompactRecord): boolean {
    const { wall, counter, deviceId } = parseStamp(record.stamp);
    const known = this.devices.indexOf(deviceId);
    const device = known === -1 ? this.devices.length : known;
    const deviceBytes = known === -1 ? deviceId.length + (this.devices.length > 0 ? 1 : 0) : 0;
    const isSwitch = device !== this.previousDevice;
    const text =
      (hasUidKeys(this.family) ? packUid(record.key) : record.key) +
      (record.flag ? '+' : '!') +
      toBase62(isSwitch ? wall : wall - this.previousWall) +
      (counter === 0 ? '' : `.${toBase62(counter)}`) +
      (isSwitch ? `@${toBase62(device)}` : '');
    const added = deviceBytes + text.length + (this.records.length > 0 ? 1 : 0);
    if (this.bytes + added > this.budget) return false;
    if (known === -1) this.devices.push(deviceId);
    this.records.push(text);
    this.bytes += added;
    this.previousWall = wall;
    this.previousDevice = device;
    return true;
  }

  finish(): { value: ChunkValue; bytes: number } {
    return { value: [BROWSER_SYNC_LAYOUT_VERSION, this.devices.join(','), this.records.join(',')], bytes: this.bytes };
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byStampThenKey = (a: CompactRecord, b: CompactRecord) => compareText(a.stamp, b.stamp) || compareText(a.key, b.key);
/** Chunk order: by device (the stamp's last field), then stamp, so walls only grow between switches. */
const deviceOf = (stamp: HlcStamp) => stamp.slice(-10);
const byDeviceThenStamp = (a: CompactRecord, b: CompactRecord) => compareText(deviceOf(a.stamp), deviceOf(b.stamp)) || byStampThenKey(a, b);

type PackedChunk = { family: Family; key: string; value: ChunkValue; bytes: number };

/** One family's records (any order) as chunk items `<family>0`, `<family>1`, …. */
function packFamily(family: Family, records: CompactRecord[], perItem: number): PackedChunk[] {
  const chunks: PackedChunk[] = [];
  let builder = new ChunkBuilder(family, `${family}0`, perItem);
  for (const record of [...records].sort(byDeviceThenStamp)) {
    if (builder.tryAdd(record)) continue;
    if (builder.isEmpty) throw new RangeError(`a ${family} record does not fit in ${perItem} bytes`);
    chunks.push({ family, key: `${family}${chunks.length}`, ...builder.finish() });
    builder = new ChunkBuilder(family, `${family}${chunks.length}`, perItem);
    if (!builder.tryAdd(record)) throw new RangeError(`a ${family} record does not fit in ${perItem} bytes`);
  }
  if (!builder.isEmpty) chunks.push({ family, key: `${family}${chunks.length}`, ...builder.finish() });
  return chunks;
}

/** Reads one chunk's records, or says what is off (then none of it is read). */
function decodeChunk(family: Family, value: unknown): { records: CompactRecord[] } | { problem: string } {
  if (!Array.isArray(value) || value.length !== 3) return { problem: 'not a [version, devices, records] chunk' };
  const [, deviceList, recordList] = value as unknown[];
  if (typeof deviceList !== 'string' || typeof recordList !== 'string') return { problem: 'devices and records must be strings' };
  const devices = deviceList === '' ? [] : deviceList.split(',');
  if (!devices.every(isDeviceId)) return { problem: 'a device id is malformed' };
  const records: CompactRecord[] = [];
  let wall = 0;
  let device = 0;
  for (const text of recordList === '' ? [] : recordList.split(',')) {
    const match = RECORD.exec(text);
    const problem = { problem: `record ${JSON.stringify(text.slice(0, 40))} is malformed or out of range` };
    if (match === null) return problem;
    const [, packedKey = '', flag, wallText = '', counterText, deviceText] = match;
    const key = hasUidKeys(family) ? unpackUid(packedKey) : packedKey;
    const wallValue = fromBase62(wallText);
    const counter = counterText === undefined ? 0 : fromBase62(counterText);
    if (deviceText !== undefined) device = fromBase62(deviceText) ?? -1;
    const deviceId = devices[device];
    if (key === undefined || wallValue === undefined || counter === undefined || counter > MAX_COUNTER || deviceId === undefined)
      return problem;
    wall = deviceText === undefined ? wall + wallValue : wallValue;
    if (wall > MAX_WALL) return problem;
    records.push({ key, flag: flag === '+', stamp: formatStamp(wall, counter, deviceId) });
  }
  return { records };
}

// ---------------------------------------------------------------------------------------------
// Note text

/** A note part's value: `[version, stamp, partCount, text]`. */
type NotePartValue = [number, HlcStamp, number, string];

/**
 * A note's text cut into parts that each fit one item, at character (code point) boundaries, never
 * inside a surrogate pair. Every part carries the note's stamp and part count, so a reader puts a
 * note together only from parts of one version.
 */
function splitNote(uid: string, stamp: HlcStamp, text: string, perItem: number): { key: string; value: NotePartValue; bytes: number }[] {
  for (let digits = 1; digits <= 3; digits++) {
    // The fixed cost of a part with the widest index and count of this many digits.
    const widest = 10 ** digits - 1;
    const overhead = syncItemBytes(notePartKey(uid, widest), [BROWSER_SYNC_LAYOUT_VERSION, stamp, widest, '']);
    const room = perItem - overhead;
    if (room < 6) throw new RangeError(`no room for a note part in ${perItem} bytes`);
    const slices: { text: string; bytes: number }[] = [];
    let start = 0;
    let bytes = 0;
    let index = 0;
    for (const char of text) {
      const cost = charBytes(char.codePointAt(0) ?? 0);
      if (bytes + cost > room) {
        slices.push({ text: text.slice(start, index), bytes });
        start = index;
        bytes = 0;
      }
      bytes += cost;
      index += char.length;
    }
    slices.push({ text: text.slice(start), bytes });
    if (String(slices.length).length > digits) continue;
    return slices.map((slice, part) => {
      const key = notePartKey(uid, part);
      const value: NotePartValue = [BROWSER_SYNC_LAYOUT_VERSION, stamp, slices.length, slice.text];
      return { key, value, bytes: syncItemBytes(key, value) };
    });
  }
  throw new RangeError(`note ${uid} needs more than ${MAX_NOTE_PARTS} parts`);
}

// ---------------------------------------------------------------------------------------------
// Layout

/** A register the layout could not keep: its key cannot be stored, or the registers alone overflow. */
export type LeftOutRegister = { kind: 'switches' | 'mutedSites' | 'saved' | 'notes'; key: string };

export type BrowserSyncLayoutOptions = {
  /** Bytes and items in the area that are not this layout's (foreign keys): not ours to use. */
  reserved?: { bytes: number; items: number };
  /**
   * Notes whose newer version another install wrote (readBrowserSync's `notesElsewhere`) without
   * its text fitting: the index keeps that stamp, so no install puts an older text back.
   */
  notesElsewhere?: Record<string, HlcStamp>;
  /** At most this many bytes of note text (the transport lowers it after a quota error). */
  noteBytesLimit?: number;
};

export type BrowserSyncLayout = {
  items: Record<string, unknown>;
  /**
   * Notes whose text is not carried (uids, newest first): it did not fit (its stamp is still in the
   * index), or its index record did not. The WebDAV folder or a file carries them.
   */
  leftOut: string[];
  /** Registers that could not be kept at all; empty unless ~5,000 registers overflow 100 KB. */
  leftOutRegisters: LeftOutRegister[];
  bytes: { used: number; quota: number; items: number; maxItems: number };
};

const KIND_OF: Record<Family, LeftOutRegister['kind']> = { w: 'switches', h: 'mutedSites', s: 'saved', i: 'notes' };

/** The manifest; its size is reserved at the widest counts, so fitting never depends on it. */
function manifestOf(counts: Record<Family, number>): { version: number; chunks: Record<Family, number> } {
  return { version: BROWSER_SYNC_LAYOUT_VERSION, chunks: counts };
}
const MANIFEST_MAX_BYTES = syncItemBytes(LAYOUT_KEY, manifestOf({ w: 9999, h: 9999, s: 9999, i: 9999 }));

type FamilyRecords = Record<Family, CompactRecord[]>;

/**
 * The state's registers as compact records, with what cannot be a record (a key with characters a
 * record cannot hold; none of today's uids, hosts or switch names) and the notes whose text may go.
 */
function recordsOf(state: SyncState, notesElsewhere: Record<string, HlcStamp>) {
  const records: FamilyRecords = { w: [], h: [], s: [], i: [] };
  const unstorable: LeftOutRegister[] = [];
  const texts = new Map<string, { stamp: HlcStamp; text: string }>();
  const add = (family: Family, key: string, flag: boolean, stamp: HlcStamp) => {
    if (RECORD_KEY.test(key)) records[family].push({ key, flag, stamp });
    else unstorable.push({ kind: KIND_OF[family], key });
  };
  for (const [name, register] of Object.entries(state.switches)) if (register !== undefined) add('w', name, register.isOn, register.stamp);
  for (const [host, register] of Object.entries(state.mutedSites)) add('h', host, register.isMuted, register.stamp);
  for (const [uid, register] of Object.entries(state.saved)) add('s', uid, register.isSaved, register.stamp);
  const noteUids = new Set([...Object.keys(state.notes), ...Object.keys(notesElsewhere)]);
  for (const uid of noteUids) {
    const note = ownValue(state.notes, uid);
    const elsewhere = ownValue(notesElsewhere, uid);
    if (elsewhere !== undefined && (note === undefined || elsewhere > note.stamp)) add('i', uid, true, elsewhere);
    else if (note !== undefined) {
      add('i', uid, note.text !== '', note.stamp);
      if (note.text !== '') texts.set(uid, note);
    }
  }
  return { records, unstorable, texts };
}

type PackedRegisters = { chunks: PackedChunk[]; bytes: number; kept: FamilyRecords };

function packRegisters(records: FamilyRecords, perItem: number): PackedRegisters {
  const chunks = FAMILIES.flatMap((family) => packFamily(family, records[family], perItem));
  return { chunks, bytes: chunks.reduce((sum, chunk) => sum + chunk.bytes, 0), kept: records };
}

/** Most important first: switches, muted sites, saves, the note index; newest first within each. */
function byPriority(records: FamilyRecords): { family: Family; record: CompactRecord }[] {
  return FAMILIES.flatMap((family) => [...records[family]].sort((a, b) => byStampThenKey(b, a)).map((record) => ({ family, record })));
}

function keepFirst(ranked: { family: Family; record: CompactRecord }[], count: number): FamilyRecords {
  const kept: FamilyRecords = { w: [], h: [], s: [], i: [] };
  for (const { family, record } of ranked.slice(0, count)) kept[family].push(record);
  return kept;
}

/**
 * Lays a state out as storage.sync items within `limits`. Anchors are left out: an anchor is a
 * whole entry (~1–9 KB), so 119 of them alone would fill the area, and they need not travel here —
 * installs of one browser run one extension version with one digest, where every uid resolves to
 * its entry; the WebDAV folder and files carry anchors for everything else.
 * First all registers, as compact chunks (if even they overflow, the newest of each kind are kept
 * and the rest listed); then note texts, newest stamp first, each whole or not at all: a note that
 * does not fit is listed in `leftOut` and later, smaller ones may still fit. Deterministic: equal
 * states give equal items, so installs that agree write nothing.
 */
export function layoutBrowserSync(
  state: SyncState,
  limits: BrowserSyncLimits = CHROME_SYNC_LIMITS,
  options: BrowserSyncLayoutOptions = {},
): BrowserSyncLayout {
  const reserved = options.reserved ?? { bytes: 0, items: 0 };
  const bytesForUs = limits.quotaBytes - reserved.bytes - MANIFEST_MAX_BYTES;
  const itemsForUs = limits.maxItems - reserved.items - 1;
  const { records, unstorable, texts } = recordsOf(state, options.notesElsewhere ?? {});
  const fits = (packed: PackedRegisters) => packed.bytes <= bytesForUs && packed.chunks.length <= itemsForUs;

  let packed = packRegisters(records, limits.quotaBytesPerItem);
  const leftOutRegisters = [...unstorable];
  if (!fits(packed)) {
    // The most registers that fit, found by bisection over the ranked list (each try repacks).
    const ranked = byPriority(records);
    let [low, high] = [0, ranked.length];
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fits(packRegisters(keepFirst(ranked, middle), limits.quotaBytesPerItem))) low = middle;
      else high = middle - 1;
    }
    packed = packRegisters(keepFirst(ranked, low), limits.quotaBytesPerItem);
    for (const { family, record } of ranked.slice(low)) leftOutRegisters.push({ kind: KIND_OF[family], key: record.key });
  }

  const items: Record<string, unknown> = {};
  for (const chunk of packed.chunks) items[chunk.key] = chunk.value;
  let bytesLeft = bytesForUs - packed.bytes;
  let itemsLeft = itemsForUs - packed.chunks.length;
  let noteBytesLeft = options.noteBytesLimit ?? Number.POSITIVE_INFINITY;
  const leftOut: string[] = [];
  const indexed = new Set(packed.kept.i.filter((record) => record.flag).map((record) => record.key));
  const candidates = [...texts.entries()].sort(([uidA, a], [uidB, b]) => compareText(b.stamp, a.stamp) || compareText(uidA, uidB));
  for (const [uid, note] of candidates) {
    // A note's bytes are at least its length in UTF-16 units, so a note longer than the room left
    // is out without cutting it up. A note whose index record did not fit has no text here either.
    const room = Math.min(bytesLeft, noteBytesLeft);
    const parts =
      indexed.has(uid) && note.text.length <= room && isWellFormedText(note.text)
        ? splitNote(uid, note.stamp, note.text, limits.quotaBytesPerItem)
        : undefined;
    const cost = parts?.reduce((sum, part) => sum + part.bytes, 0) ?? Number.POSITIVE_INFINITY;
    if (parts === undefined || cost > room || parts.length > itemsLeft) {
      leftOut.push(uid);
      continue;
    }
    for (const part of parts) items[part.key] = part.value;
    bytesLeft -= cost;
    noteBytesLeft -= cost;
    itemsLeft -= parts.length;
  }

  const counts: Record<Family, number> = { w: 0, h: 0, s: 0, i: 0 };
  for (const chunk of packed.chunks) counts[chunk.family]++;
  items[LAYOUT_KEY] = manifestOf(counts);
  const used = Object.entries(items).reduce((sum, [key, value]) => sum + syncItemBytes(key, value), 0);
  return {
    items,
    leftOut,
    leftOutRegisters,
    bytes: { used, quota: limits.quotaBytes, items: Object.keys(items).length, maxItems: limits.maxItems },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

export type BrowserSyncWarning = {
  key: string;
  /**
   * `newerLayout`: a newer Sidenote wrote the area (all of it skipped); `invalidItem`: an item of
   * ours that does not decode or validate (that item skipped); `foreignKey`: a key this layout never
   * writes (left alone).
   */
  reason: 'newerLayout' | 'invalidItem' | 'foreignKey';
  detail: string;
};

export type BrowserSyncRead = {
  /** The registers the area holds (no anchors), each checked as a sync file's would be. */
  state: SyncState;
  /**
   * Notes whose index names a version with text that is not (all) here: left out by the install
   * that wrote it, or parts still on their way. Never shown half; the stamp says what is newest.
   */
  notesElsewhere: Record<string, HlcStamp>;
  warnings: BrowserSyncWarning[];
  /** A newer layout wrote the area: `state` is empty, and nothing may be written over it. */
  isNewerLayout: boolean;
};

/** Folds partial states, keeping each register's later version; nothing is refused while reading. */
const NEVER_REFUSE = Number.POSITIVE_INFINITY;
const joinStates = (a: SyncState, b: SyncState) => mergeStates(a, b, NEVER_REFUSE).state;

function versionOf(value: unknown): number | undefined {
  if (Array.isArray(value)) return typeof value[0] === 'number' ? value[0] : undefined;
  if (typeof value === 'object' && value !== null && 'version' in value) {
    const { version } = value as { version: unknown };
    return typeof version === 'number' ? version : undefined;
  }
  return undefined;
}

function isManifest(value: unknown): boolean {
  if (versionOf(value) !== BROWSER_SYNC_LAYOUT_VERSION || typeof value !== 'object' || value === null || !('chunks' in value)) return false;
  const { chunks } = value as { chunks: unknown };
  if (typeof chunks !== 'object' || chunks === null) return false;
  return FAMILIES.every((family) => {
    const count = (chunks as Record<string, unknown>)[family];
    return typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= 9999;
  });
}

/** A partial state of one chunk's records, validated as a sync file's state is. */
function stateOfChunk(family: Family, records: CompactRecord[]): { state: SyncState; textStamps: Map<string, HlcStamp> } {
  const state = emptySyncState();
  const textStamps = new Map<string, HlcStamp>();
  // Within one chunk a key appears once; if not (a faulty writer), the later record wins.
  // Keys come from another install: `constructor` is an ordinary uid, never Object.prototype's.
  const later = (map: Partial<Record<string, { stamp: HlcStamp }>>, key: string, stamp: HlcStamp) =>
    (ownValue(map, key)?.stamp ?? '') < stamp;
  for (const { key, flag, stamp } of records) {
    if (family === 'w') {
      if (key !== CARDS_SWITCH) throw new RangeError(`unknown switch ${JSON.stringify(key)}`);
      if (later(state.switches, key, stamp)) state.switches[key] = { isOn: flag, stamp };
    } else if (family === 'h') {
      if (later(state.mutedSites, key, stamp)) state.mutedSites[key] = { isMuted: flag, stamp };
    } else if (family === 's') {
      if (later(state.saved, key, stamp)) state.saved[key] = { isSaved: flag, stamp };
    } else if (flag) {
      if ((textStamps.get(key) ?? '') < stamp) textStamps.set(key, stamp);
    } else if (later(state.notes, key, stamp)) state.notes[key] = { text: '', stamp };
  }
  // The index's uids and stamps meet the same rules: checked as cleared notes.
  const indexCheck = emptySyncState();
  for (const [uid, stamp] of textStamps) indexCheck.notes[uid] = { text: '', stamp };
  validateSyncState(indexCheck, 'index');
  return { state: validateSyncState(state, `chunk ${family}`), textStamps };
}

/** A whole note from its parts, if every part of one version is here. */
function assembleNote(parts: Map<number, unknown>): { text: string; stamp: HlcStamp } | { problem: string } | undefined {
  const first = parts.get(0);
  if (first === undefined) return undefined;
  const isPart = (value: unknown): value is NotePartValue =>
    Array.isArray(value) &&
    value.length === 4 &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'number' &&
    Number.isInteger(value[2]) &&
    value[2] >= 1 &&
    value[2] <= MAX_NOTE_PARTS &&
    typeof value[3] === 'string';
  if (!isPart(first)) return { problem: 'not a [version, stamp, parts, text] note part' };
  const [, stamp, count] = first;
  const texts: string[] = [];
  for (let part = 0; part < count; part++) {
    const value = parts.get(part);
    // A missing part, or one of another version: this version is still being written or replaced.
    if (value === undefined || !isPart(value) || value[1] !== stamp || value[2] !== count) return undefined;
    texts.push(value[3]);
  }
  return { text: texts.join(''), stamp };
}

/**
 * Reads the area's items back into a state. Every item decodes on its own: a chunk that is stale,
 * missing or still on its way only hides registers (the merge never deletes), never invents one.
 * An item of ours that is damaged is skipped with a warning; a note shows only when all parts of
 * one version are here. A newer layout anywhere: everything is skipped, with one warning.
 */
export function readBrowserSync(items: Record<string, unknown>): BrowserSyncRead {
  const warnings: BrowserSyncWarning[] = [];
  for (const [key, value] of Object.entries(items)) {
    if (!isBrowserSyncKey(key)) continue;
    const version = versionOf(value);
    if (version !== undefined && version > BROWSER_SYNC_LAYOUT_VERSION) {
      const detail = `layout ${version} is newer than this Sidenote reads (${BROWSER_SYNC_LAYOUT_VERSION}); update Sidenote`;
      return { state: emptySyncState(), notesElsewhere: {}, warnings: [{ key, reason: 'newerLayout', detail }], isNewerLayout: true };
    }
  }

  if (Object.hasOwn(items, LAYOUT_KEY) && !isManifest(items[LAYOUT_KEY])) {
    warnings.push({ key: LAYOUT_KEY, reason: 'invalidItem', detail: 'the layout item is malformed' });
  }
  let state = emptySyncState();
  const textStamps = new Map<string, HlcStamp>();
  const noteParts = new Map<string, Map<number, unknown>>();
  for (const key of Object.keys(items).sort(compareText)) {
    const value = items[key];
    const chunk = CHUNK_KEY.exec(key);
    const notePart = NOTE_PART_KEY.exec(key);
    if (chunk !== null) {
      const family = chunk[1] as Family;
      const decoded = versionOf(value) === BROWSER_SYNC_LAYOUT_VERSION ? decodeChunk(family, value) : { problem: 'no layout version' };
      if ('problem' in decoded) {
        warnings.push({ key, reason: 'invalidItem', detail: decoded.problem });
        continue;
      }
      try {
        const part = stateOfChunk(family, decoded.records);
        state = joinStates(state, part.state);
        for (const [uid, stamp] of part.textStamps) if ((textStamps.get(uid) ?? '') < stamp) textStamps.set(uid, stamp);
      } catch (error) {
        warnings.push({ key, reason: 'invalidItem', detail: error instanceof Error ? error.message : String(error) });
      }
    } else if (notePart !== null) {
      const [, uid = '', part = ''] = notePart;
      if (versionOf(value) !== BROWSER_SYNC_LAYOUT_VERSION) {
        warnings.push({ key, reason: 'invalidItem', detail: 'no layout version' });
        continue;
      }
      const parts = noteParts.get(uid) ?? new Map<number, unknown>();
      parts.set(Number(part), value);
      noteParts.set(uid, parts);
    } else if (key !== LAYOUT_KEY) {
      warnings.push({ key, reason: 'foreignKey', detail: 'not written by Sidenote; left alone' });
    }
  }

  const notes = emptySyncState();
  for (const [uid, parts] of [...noteParts].sort(([a], [b]) => compareText(a, b))) {
    const note = assembleNote(parts);
    if (note === undefined) continue;
    if ('problem' in note) {
      warnings.push({ key: notePartKey(uid, 0), reason: 'invalidItem', detail: note.problem });
      continue;
    }
    try {
      const checked = validateSyncState({ ...emptySyncState(), notes: { [uid]: note } }, `note ${uid}`);
      notes.notes = { ...notes.notes, ...checked.notes };
    } catch (error) {
      warnings.push({ key: notePartKey(uid, 0), reason: 'invalidItem', detail: error instanceof Error ? error.message : String(error) });
    }
  }
  state = joinStates(state, notes);

  const notesElsewhere: Record<string, HlcStamp> = {};
  for (const [uid, stamp] of [...textStamps].sort(([a], [b]) => compareText(a, b))) {
    const held = ownValue(state.notes, uid);
    if (held === undefined || held.stamp < stamp) notesElsewhere[uid] = stamp;
  }
  return { state, notesElsewhere, warnings, isNewerLayout: false };
}

// ---------------------------------------------------------------------------------------------
// Writing

export type BrowserSyncWritePlan = { set: Record<string, unknown>; remove: string[] };

/**
 * The fewest writes from `current` (the area as read) to `next` (a layout's items): the items whose
 * value differs, and our keys that `next` no longer has. Foreign keys are never removed. One `set`
 * and one `remove` call: at most two write operations, however many items change.
 */
export function planBrowserSyncWrite(current: Record<string, unknown>, next: Record<string, unknown>): BrowserSyncWritePlan {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (!Object.hasOwn(current, key) || canonicalJson(current[key]) !== canonicalJson(value)) set[key] = value;
  }
  const remove = Object.keys(current)
    .filter((key) => isBrowserSyncKey(key) && !Object.hasOwn(next, key))
    .sort(compareText);
  return { set, remove };
}

/** What the area's foreign items (not ours) take from the quotas. */
export function foreignUsage(items: Record<string, unknown>): { bytes: number; items: number } {
  let bytes = 0;
  let count = 0;
  for (const [key, value] of Object.entries(items)) {
    if (isBrowserSyncKey(key)) continue;
    count++;
    bytes += syncItemBytes(key, value);
  }
  return { bytes, items: count };
}
