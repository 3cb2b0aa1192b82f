// A fake `chrome.storage.sync` that enforces Chrome's quotas and write rate and fails with Chrome's
// own messages, shared by two or three simulated installs through a fake sync server: each install
// has its local copy, and changes travel between them with seeded latency, in any order.
//
// What it copies from Chromium, and where (read for this fake; cite when changing it):
// - Bytes: the key's UTF-8 length plus the value as base::JSONWriter writes it, UTF-8
//   (extensions/browser/api/storage/settings_storage_quota_enforcer.cc, Allocate). JSONWriter escapes
//   `<` and U+2028/9 as \uXXXX (base/json/string_escape.cc), writes a lone surrogate as U+FFFD and an
//   integer past int32 (a double) with ".0" (base/json/json_writer.cc). Counted here by serializing
//   and measuring, apart from the layout's per-character arithmetic, so each checks the other.
// - A `set` checks each item (QUOTA_BYTES_PER_ITEM), then the total (QUOTA_BYTES), then the count
//   (MAX_ITEMS), and on any failure changes nothing: "<NAME> quota exceeded".
// - Rate: extensions/browser/quota_service.cc keeps, per function (`storage.set`, `storage.remove`,
//   `storage.clear` each their own), a per-minute then a per-hour bucket (storage_api.cc); a bucket
//   is refilled on the first call after its window ends, every call takes a token before it runs
//   (so a call refused for bytes still counts), and a call finding the bucket empty fails with
//   "This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota." and changes nothing.
// - Changes from the sync server are applied without quota checks (as Chrome applies synced
//   changes), so a local copy can be over quota until the next write frees room.
// - storage.onChanged fires, in the install where a value changed, with { key: { oldValue, newValue } }
//   for changed keys only (Chrome's value store drops unchanged ones; Firefox does not).
import { createSeededRandom } from './seeded-random';

export const CHROME_SYNC_QUOTAS = {
  QUOTA_BYTES: 102_400,
  QUOTA_BYTES_PER_ITEM: 8_192,
  MAX_ITEMS: 512,
  MAX_WRITE_OPERATIONS_PER_HOUR: 1_800,
  MAX_WRITE_OPERATIONS_PER_MINUTE: 120,
};
export type ChromeSyncQuotas = typeof CHROME_SYNC_QUOTAS;

export type StorageChange = { oldValue?: unknown; newValue?: unknown };
export type ChangeListener = (changes: Record<string, StorageChange>, areaName: 'sync') => void;
type Operation = 'get' | 'set' | 'remove' | 'clear' | 'getBytesInUse';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The value as Chrome keeps it: strings made well-formed, undefined members gone, array holes null. */
function asChromeValue(value: unknown): unknown {
  const wellFormed = (member: unknown): unknown => {
    if (typeof member === 'string') return member.toWellFormed();
    if (Array.isArray(member)) return member.map(wellFormed);
    if (typeof member === 'object' && member !== null) {
      return Object.fromEntries(Object.entries(member).map(([key, inner]) => [key.toWellFormed(), wellFormed(inner)]));
    }
    return member;
  };
  const text = JSON.stringify(wellFormed(value));
  if (text === undefined) throw new TypeError('storage.sync stores JSON values only');
  return JSON.parse(text);
}

/** Integers past int32: base::Value holds them as doubles, which JSONWriter writes with ".0". */
function countDoublesWithoutPoint(value: unknown): number {
  if (typeof value === 'number')
    return Number.isInteger(value) && (value < INT32_MIN || value > INT32_MAX) && !/e/i.test(String(value)) ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((sum: number, member) => sum + countDoublesWithoutPoint(member), 0);
  if (typeof value === 'object' && value !== null)
    return Object.values(value).reduce((sum: number, member) => sum + countDoublesWithoutPoint(member), 0);
  return 0;
}

/** One item's bytes as Chrome counts them: serialized the way JSONWriter would, then measured. */
export function chromeItemBytes(key: string, value: unknown): number {
  const stored = asChromeValue(value);
  const json = JSON.stringify(stored)
    .replace(/</g, '\\u003C')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return Buffer.byteLength(key, 'utf8') + Buffer.byteLength(json, 'utf8') + 2 * countDoublesWithoutPoint(stored);
}

type Bucket = { tokens: number; expiration: number };

class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly quotas: ChromeSyncQuotas) {}

  /** quota_service.cc: Assess, minute then hour; undefined if the call may run. */
  assess(operation: Operation, now: number): string | undefined {
    for (const [name, limit, window] of [
      ['MAX_WRITE_OPERATIONS_PER_MINUTE', this.quotas.MAX_WRITE_OPERATIONS_PER_MINUTE, 60_000],
      ['MAX_WRITE_OPERATIONS_PER_HOUR', this.quotas.MAX_WRITE_OPERATIONS_PER_HOUR, 3_600_000],
    ] as const) {
      const id = `${operation} ${name}`;
      let bucket = this.buckets.get(id);
      if (bucket === undefined || now > bucket.expiration) {
        bucket = { tokens: limit, expiration: now + window };
        this.buckets.set(id, bucket);
      }
      // DeductToken: `return num_tokens_-- > 0;`
      if (!(bucket.tokens-- > 0)) return `This request exceeds the ${name} quota.`;
    }
    return undefined;
  }
}

type Event =
  | { type: 'upload'; at: number; seq: number; from: FakeChromeSyncArea; writeId: number; key: string; value: unknown }
  | { type: 'download'; at: number; seq: number; to: FakeChromeSyncArea; version: number; key: string; value: unknown };

export type FakeSyncServerOptions = {
  /** The simulated time: rate windows and propagation are measured in it. */
  now: () => number;
  seed?: number;
  /** Delay of each upload and each download, uniform in [min, max] ms. */
  latencyMs?: [number, number];
  quotas?: Partial<ChromeSyncQuotas>;
};

/** The browser vendor's sync server: the latest upload of each key wins; every install gets it. */
export class FakeSyncServer {
  /** The server's items; a removed key keeps its version with value undefined. */
  readonly items = new Map<string, { version: number; value: unknown }>();
  private readonly areas: FakeChromeSyncArea[] = [];
  private events: Event[] = [];
  private seq = 0;
  private version = 0;
  private readonly random: () => number;
  readonly quotas: ChromeSyncQuotas;

  constructor(private readonly options: FakeSyncServerOptions) {
    this.random = createSeededRandom(options.seed ?? 1);
    this.quotas = { ...CHROME_SYNC_QUOTAS, ...options.quotas };
  }

  now(): number {
    return this.options.now();
  }

  /** A new install signed in to this account: it starts with what the server has. */
  connect(name: string): FakeChromeSyncArea {
    const area = new FakeChromeSyncArea(name, this);
    for (const [key, { version, value }] of this.items) area.receive(version, key, value);
    this.areas.push(area);
    return area;
  }

  private latency(): number {
    const [min, max] = this.options.latencyMs ?? [50, 2_000];
    return min + Math.floor(this.random() * (max - min + 1));
  }

  /** Called by an area after a local write: the change leaves for the server. */
  enqueueUpload(from: FakeChromeSyncArea, writeId: number, key: string, value: unknown): void {
    this.events.push({ type: 'upload', at: this.now() + this.latency(), seq: this.seq++, from, writeId, key, value });
  }

  /** Changes in flight (uploads and downloads not yet delivered). */
  get pending(): number {
    return this.events.length;
  }

  /** What the server holds, as a plain object. */
  snapshot(): Record<string, unknown> {
    const items: Record<string, unknown> = {};
    for (const [key, { value }] of this.items) if (value !== undefined) items[key] = structuredClone(value);
    return items;
  }

  private nextEvent(until: number): Event | undefined {
    let best: Event | undefined;
    for (const event of this.events) {
      if (event.at > until) continue;
      if (best === undefined || event.at < best.at || (event.at === best.at && event.seq < best.seq)) best = event;
    }
    if (best !== undefined) this.events = this.events.filter((event) => event !== best);
    return best;
  }

  private process(event: Event): void {
    if (event.type === 'upload') {
      const version = ++this.version;
      this.items.set(event.key, { version, value: event.value });
      event.from.acknowledge(event.writeId, event.key, version, event.value);
      for (const to of this.areas) {
        if (to === event.from) continue;
        this.events.push({
          type: 'download',
          at: event.at + this.latency(),
          seq: this.seq++,
          to,
          version,
          key: event.key,
          value: event.value,
        });
      }
    } else {
      event.to.receive(event.version, event.key, event.value);
    }
  }

  /** Delivers everything due by now (what reached the server by now goes out with its own delay). */
  deliverDue(): number {
    let count = 0;
    for (let event = this.nextEvent(this.now()); event !== undefined; event = this.nextEvent(this.now())) {
      this.process(event);
      count++;
    }
    return count;
  }

  /** Delivers every change in flight, in time order, as if enough time passed. */
  settle(): number {
    let count = 0;
    for (let event = this.nextEvent(Number.POSITIVE_INFINITY); event !== undefined; event = this.nextEvent(Number.POSITIVE_INFINITY)) {
      this.process(event);
      count++;
    }
    return count;
  }
}

/** One install's storage.sync: its local copy, its own rate buckets, and onChanged. */
export class FakeChromeSyncArea {
  /** The last version of each key confirmed by the server. */
  private readonly confirmed = new Map<string, { version: number; value: unknown }>();
  /** Local writes not yet acknowledged by the server, newest per key; they show over `confirmed`. */
  private readonly unsent = new Map<string, { writeId: number; value: unknown }>();
  private writeId = 0;
  private readonly listeners = new Set<ChangeListener>();
  private readonly rate: RateLimiter;
  /** Calls that ran, and refusals by message: what the tests count. */
  readonly stats = { calls: { set: 0, remove: 0, clear: 0 }, refused: new Map<string, number>() };
  /** Runs at the start of every call, before it reads or writes: tests deliver remote changes here. */
  beforeCall?: (operation: Operation) => void;
  readonly onChanged = {
    addListener: (listener: ChangeListener) => void this.listeners.add(listener),
    removeListener: (listener: ChangeListener) => void this.listeners.delete(listener),
    hasListener: (listener: ChangeListener) => this.listeners.has(listener),
  };

  constructor(
    readonly name: string,
    private readonly server: FakeSyncServer,
  ) {
    this.rate = new RateLimiter(server.quotas);
  }

  private view(): Map<string, unknown> {
    const items = new Map<string, unknown>();
    for (const [key, { value }] of this.confirmed) if (value !== undefined) items.set(key, value);
    for (const [key, { value }] of this.unsent) {
      if (value === undefined) items.delete(key);
      else items.set(key, value);
    }
    return items;
  }

  /** The local copy as a plain object (a deep copy). */
  snapshot(): Record<string, unknown> {
    return structuredClone(Object.fromEntries(this.view()));
  }

  private notify(before: Map<string, unknown>, keys: Iterable<string>): void {
    const after = this.view();
    const changes: Record<string, StorageChange> = {};
    for (const key of keys) {
      const [oldValue, newValue] = [before.get(key), after.get(key)];
      if (JSON.stringify(oldValue) === JSON.stringify(newValue)) continue;
      changes[key] = {
        ...(oldValue === undefined ? {} : { oldValue: structuredClone(oldValue) }),
        ...(newValue === undefined ? {} : { newValue: structuredClone(newValue) }),
      };
    }
    if (Object.keys(changes).length === 0) return;
    for (const listener of this.listeners) listener(changes, 'sync');
  }

  private refuse(message: string): Promise<never> {
    this.stats.refused.set(message, (this.stats.refused.get(message) ?? 0) + 1);
    return Promise.reject(new Error(message));
  }

  private write(changes: Map<string, unknown>): void {
    const before = this.view();
    for (const [key, value] of changes) {
      const writeId = ++this.writeId;
      this.unsent.set(key, { writeId, value });
      this.server.enqueueUpload(this, writeId, key, value);
    }
    this.notify(before, changes.keys());
  }

  get(keys: null | string | string[] = null): Promise<Record<string, unknown>> {
    this.beforeCall?.('get');
    const all = this.snapshot();
    if (keys === null) return Promise.resolve(all);
    const wanted = typeof keys === 'string' ? [keys] : keys;
    return Promise.resolve(Object.fromEntries(wanted.filter((key) => Object.hasOwn(all, key)).map((key) => [key, all[key]])));
  }

  getBytesInUse(keys: null | string | string[] = null): Promise<number> {
    this.beforeCall?.('getBytesInUse');
    const items = this.view();
    const wanted = keys === null ? [...items.keys()] : typeof keys === 'string' ? [keys] : keys;
    return Promise.resolve(wanted.reduce((sum, key) => (items.has(key) ? sum + chromeItemBytes(key, items.get(key)) : sum), 0));
  }

  set(items: Record<string, unknown>): Promise<void> {
    this.beforeCall?.('set');
    const rateError = this.rate.assess('set', this.server.now());
    if (rateError !== undefined) return this.refuse(rateError);
    const quotas = this.server.quotas;
    const usage = new Map([...this.view()].map(([key, value]) => [key, chromeItemBytes(key, value)]));
    const stored = new Map<string, unknown>();
    // base::Value::Dict iterates in key order.
    for (const key of Object.keys(items).sort()) {
      if (items[key] === undefined) continue;
      const value = asChromeValue(items[key]);
      stored.set(key, value);
      usage.set(key, chromeItemBytes(key, value));
      if ((usage.get(key) ?? 0) > quotas.QUOTA_BYTES_PER_ITEM) return this.refuse('QUOTA_BYTES_PER_ITEM quota exceeded');
    }
    const total = [...usage.values()].reduce((sum, bytes) => sum + bytes, 0);
    if (total > quotas.QUOTA_BYTES) return this.refuse('QUOTA_BYTES quota exceeded');
    if (usage.size > quotas.MAX_ITEMS) return this.refuse('MAX_ITEMS quota exceeded');
    this.stats.calls.set++;
    const view = this.view();
    // Chrome's value store writes (and syncs) only values that changed.
    const changed = new Map([...stored].filter(([key, value]) => JSON.stringify(view.get(key)) !== JSON.stringify(value)));
    this.write(changed);
    return Promise.resolve();
  }

  remove(keys: string | string[]): Promise<void> {
    this.beforeCall?.('remove');
    const rateError = this.rate.assess('remove', this.server.now());
    if (rateError !== undefined) return this.refuse(rateError);
    this.stats.calls.remove++;
    const view = this.view();
    const present = (typeof keys === 'string' ? [keys] : keys).filter((key) => view.has(key));
    this.write(new Map(present.map((key) => [key, undefined])));
    return Promise.resolve();
  }

  clear(): Promise<void> {
    this.beforeCall?.('clear');
    const rateError = this.rate.assess('clear', this.server.now());
    if (rateError !== undefined) return this.refuse(rateError);
    this.stats.calls.clear++;
    this.write(new Map([...this.view().keys()].map((key) => [key, undefined])));
    return Promise.resolve();
  }

  /**
   * The server took a write as `version`: confirmed here at once (the commit's answer), so the
   * writer needs no echo. A later write of the key, still unsent, keeps showing over it.
   */
  acknowledge(writeId: number, key: string, version: number, value: unknown): void {
    if (this.unsent.get(key)?.writeId === writeId) this.unsent.delete(key);
    const known = this.confirmed.get(key);
    if (known === undefined || known.version < version) this.confirmed.set(key, { version, value });
  }

  /** A change another install made, from the server; an older version arriving late is ignored. */
  receive(version: number, key: string, value: unknown): void {
    const known = this.confirmed.get(key);
    if (known !== undefined && known.version >= version) return;
    const before = this.view();
    // A removal stays as `undefined` with its version, so an older value arriving later stays out.
    this.confirmed.set(key, { version, value });
    this.notify(before, [key]);
  }
}
