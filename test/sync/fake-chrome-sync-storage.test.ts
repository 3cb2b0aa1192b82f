// The fake storage.sync the browser-sync tests stand on: it must refuse what Chrome refuses, with
// Chrome's messages, change nothing when it does, and carry changes between installs as sync does.
import { describe, expect, it } from 'vitest';
import { FakeSyncServer, type StorageChange } from '../support/fake-chrome-sync-storage';

const PER_MINUTE = 'This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.';
const PER_HOUR = 'This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.';

function setup() {
  let time = 1_000_000;
  const server = new FakeSyncServer({ now: () => time, seed: 7 });
  const advance = (ms: number) => void (time += ms);
  return { server, advance, area: server.connect('chromium') };
}

/** A string value whose item (key `k`) takes exactly `bytes`: 1 for the key, 2 for the quotes. */
const sized = (bytes: number) => 'x'.repeat(bytes - 3);

describe('fake storage.sync: quotas', () => {
  it('takes an item of exactly 8,192 bytes and refuses 8,193, changing nothing else in the call', async () => {
    const { area } = setup();
    await area.set({ k: sized(8_192) });
    await expect(area.set({ a: 1, k: sized(8_193) })).rejects.toThrow(/^QUOTA_BYTES_PER_ITEM quota exceeded$/);
    expect(await area.get(null)).toEqual({ k: sized(8_192) });
  });

  it('counts bytes as Chrome does: `<` is 6, CJK 3, an integer past int32 gets ".0"', async () => {
    const { area } = setup();
    await area.set({ lt: '<', cjk: '长', big: 1711929600000 });
    expect(await area.getBytesInUse('lt')).toBe(2 + 8);
    expect(await area.getBytesInUse('cjk')).toBe(3 + 5);
    expect(await area.getBytesInUse('big')).toBe(3 + 15);
    expect(await area.getBytesInUse(null)).toBe(36);
  });

  it('takes 102,400 bytes in all and refuses one more, whole', async () => {
    const { area } = setup();
    const items = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${String(i).padStart(2, '0')}`, 'x'.repeat(8_192 - 6)]));
    await area.set(items);
    const used = await area.getBytesInUse(null);
    await area.set({ last: 'x'.repeat(102_400 - used - 4 - 2) });
    expect(await area.getBytesInUse(null)).toBe(102_400);
    await expect(area.set({ z: '' })).rejects.toThrow(/^QUOTA_BYTES quota exceeded$/);
    // Overwriting with the same size still fits: usage is per key.
    await area.set({ last: 'y'.repeat(102_400 - used - 4 - 2) });
  });

  it('checks each item before the total, as Chromium does', async () => {
    const { area } = setup();
    const big = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`k${i}`, sized(8_000)]));
    await expect(area.set({ ...big, huge: sized(9_000) })).rejects.toThrow(/^QUOTA_BYTES_PER_ITEM/);
    await expect(area.set(big)).rejects.toThrow(/^QUOTA_BYTES quota/);
  });

  it('takes 512 items and refuses the 513th', async () => {
    const { area, advance } = setup();
    for (let batch = 0; batch < 4; batch++) {
      await area.set(Object.fromEntries(Array.from({ length: 128 }, (_, i) => [`k${batch * 128 + i}`, 1])));
      advance(1_000);
    }
    await expect(area.set({ one: 1 })).rejects.toThrow(/^MAX_ITEMS quota exceeded$/);
    await area.remove('k0');
    await area.set({ one: 1 });
  });
});

describe('fake storage.sync: write rate', () => {
  it('allows 120 sets a minute, refuses the 121st, and allows again when the window has passed', async () => {
    const { area, advance } = setup();
    for (let i = 0; i < 120; i++) await area.set({ k: i });
    await expect(area.set({ k: 'late' })).rejects.toThrow(PER_MINUTE);
    expect(await area.get('k')).toEqual({ k: 119 });
    // removes are counted apart from sets (quota_service.cc keeps one bucket per function).
    await area.remove('k');
    advance(60_001);
    await area.set({ k: 'again' });
    expect(area.stats.refused.get(PER_MINUTE)).toBe(1);
  });

  it('counts a call refused for its bytes, as Chrome takes the token before running it', async () => {
    const { area } = setup();
    for (let i = 0; i < 60; i++) await expect(area.set({ k: sized(9_000) })).rejects.toThrow(/PER_ITEM/);
    for (let i = 0; i < 60; i++) await area.set({ k: i });
    await expect(area.set({ k: 'one more' })).rejects.toThrow(PER_MINUTE);
  });

  it('allows 1,800 sets an hour', async () => {
    const { area, advance } = setup();
    for (let minute = 0; minute < 15; minute++) {
      for (let i = 0; i < 120; i++) await area.set({ k: minute * 1000 + i });
      advance(60_001);
    }
    await expect(area.set({ k: 'late' })).rejects.toThrow(PER_HOUR);
    advance(3_600_000);
    await area.set({ k: 'next hour' });
  });
});

describe('fake storage.sync: several installs', () => {
  it('tells each install what changed, with old and new values, and only what changed', async () => {
    const { server, area: chromium } = setup();
    const laptop = server.connect('laptop');
    const heard: Record<string, Record<string, StorageChange>[]> = { chromium: [], laptop: [] };
    chromium.onChanged.addListener((changes) => heard.chromium?.push(changes));
    laptop.onChanged.addListener((changes) => heard.laptop?.push(changes));
    await chromium.set({ a: 1, b: 2 });
    await chromium.set({ a: 1 });
    expect(heard.chromium).toEqual([{ a: { newValue: 1 }, b: { newValue: 2 } }]);
    expect(heard.laptop).toEqual([]);
    server.settle();
    expect(await laptop.get(null)).toEqual({ a: 1, b: 2 });
    // Each key travels on its own, in an order the latencies decide.
    expect(heard.laptop).toHaveLength(2);
    expect(Object.assign({}, ...(heard.laptop ?? []))).toEqual({ a: { newValue: 1 }, b: { newValue: 2 } });
    await laptop.remove(['a']);
    server.settle();
    expect(heard.chromium?.at(-1)).toEqual({ a: { oldValue: 1 } });
  });

  it('converges on the last upload when two installs write one key at once', async () => {
    const { server, area: chromium } = setup();
    const laptop = server.connect('laptop');
    const phone = server.connect('phone');
    for (let round = 0; round < 20; round++) {
      await chromium.set({ k: `c${round}` });
      await laptop.set({ k: `l${round}` });
      await phone.remove('k');
      server.settle();
      const values = await Promise.all([chromium, laptop, phone].map((area) => area.get(null)));
      expect(values[1]).toEqual(values[0]);
      expect(values[2]).toEqual(values[0]);
      expect(values[0]).toEqual(server.snapshot());
    }
  });

  it('applies synced changes without quota checks, so a local copy can be over quota until it frees room', async () => {
    const { server, area: chromium } = setup();
    const laptop = server.connect('laptop');
    const half = (prefix: string) => Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`${prefix}${i}`, sized(8_000)]));
    await chromium.set(half('c'));
    await laptop.set(half('l'));
    server.settle();
    expect(await chromium.getBytesInUse(null)).toBeGreaterThan(102_400);
    await expect(chromium.set({ one: 1 })).rejects.toThrow(/^QUOTA_BYTES quota exceeded$/);
    await chromium.remove(Object.keys(half('l')));
    await chromium.set({ one: 1 });
  });

  it('starts a newly connected install with what the server holds', async () => {
    const { server, area } = setup();
    await area.set({ a: [1, 'x'] });
    server.settle();
    expect(await server.connect('new laptop').get(null)).toEqual({ a: [1, 'x'] });
  });
});
