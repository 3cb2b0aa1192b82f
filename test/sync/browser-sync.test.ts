import { describe, expect, it } from 'vitest';
import { layoutBrowserSync, readBrowserSync } from '../../lib/sync/browser-sync-layout';
import {
  BrowserSyncQuotaError,
  BrowserSyncStorageError,
  classifyStorageError,
  createBrowserSync,
  type BrowserSync,
  type WriteBudget,
} from '../../lib/sync/browser-sync';
import { MAX_AHEAD_MS } from '../../lib/sync/hlc';
import { emptySyncState } from '../../lib/sync/sync-state';
import { FakeSyncServer, type ChromeSyncQuotas, type FakeChromeSyncArea } from '../support/fake-chrome-sync-storage';
import { MemoryReplica } from '../support/memory-browser-replica';
import { DEVICES, NOW, entryFor } from '../support/sync-states';

const [A, B] = DEVICES;

type Install = { area: FakeChromeSyncArea; replica: MemoryReplica; sync: BrowserSync; heard: string[] };

function world(options: { quotas?: Partial<ChromeSyncQuotas>; budget?: WriteBudget } = {}) {
  let time = NOW;
  const server = new FakeSyncServer({ now: () => time, seed: 3, quotas: options.quotas });
  const install = (name: string, deviceId: string, skew = 0): Install => {
    const area = server.connect(name);
    const replica = new MemoryReplica(deviceId, skew, () => time);
    const heard: string[] = [];
    area.onChanged.addListener((changes) => heard.push(...Object.keys(changes)));
    const sync = createBrowserSync({ area, replica, now: () => time, budget: options.budget });
    return { area, replica, sync, heard };
  };
  return { server, install, advance: (ms: number) => void (time += ms), now: () => time };
}

describe('createBrowserSync: push and pull between two installs', () => {
  it('carries saves, notes, mutes and the switch; the receiver then has nothing to push', async () => {
    const { server, install, advance } = world();
    const chromium = install('chromium', A);
    const laptop = install('laptop', B);
    chromium.replica.setSaved('1k3h53hcaog', true);
    chromium.replica.setNote('1k3h53hcaog', '值得再读。'.repeat(40));
    chromium.replica.setMuted('x.com', true);
    chromium.replica.setCardsEnabled(false);
    const pushed = await chromium.sync.pushLocal();
    expect(pushed).toMatchObject({ status: 'written', operations: 1, shrinks: 0, report: { leftOut: [], warnings: [] } });
    advance(5_000);
    server.settle();
    const pulled = await laptop.sync.pullRemote(laptop.heard);
    expect(pulled).toMatchObject({ status: 'applied', needsPush: false });
    expect(laptop.replica.state).toEqual(chromium.replica.state);
    expect(await laptop.sync.pushLocal()).toMatchObject({ status: 'unchanged' });
  });

  it('never overwrites a newer remote register: the push writes the join', async () => {
    const { server, install, advance } = world();
    const chromium = install('chromium', A);
    const laptop = install('laptop', B);
    chromium.replica.setSaved('u1', true);
    await chromium.sync.pushLocal();
    server.settle();
    await laptop.sync.pullRemote();
    advance(1_000);
    laptop.replica.setSaved('u1', false);
    laptop.replica.setNote('u2', 'from the laptop');
    await laptop.sync.pushLocal();
    server.settle();
    // Chromium has not pulled; it saves something else and pushes over the area.
    advance(1_000);
    chromium.replica.setSaved('u3', true);
    await chromium.sync.pushLocal();
    const area = readBrowserSync(await chromium.area.get(null)).state;
    expect(area.saved.u1?.isSaved).toBe(false);
    expect(area.notes.u2?.text).toBe('from the laptop');
    expect(area.saved.u3?.isSaved).toBe(true);
    // A push does not apply to this device; the pull does.
    expect(chromium.replica.state.saved.u1?.isSaved).toBe(true);
    await chromium.sync.pullRemote();
    expect(chromium.replica.state.saved.u1?.isSaved).toBe(false);
  });

  it('asks for a push when another install overwrote a chunk without this one’s register', async () => {
    const { server, install, advance } = world();
    const chromium = install('chromium', A);
    const laptop = install('laptop', B);
    chromium.replica.setSaved('u1', true);
    laptop.replica.setSaved('u2', true);
    await chromium.sync.pushLocal();
    advance(1);
    await laptop.sync.pushLocal();
    server.settle();
    // Both wrote s0 blind; the later upload won, so one save is missing from the area.
    const pulls = [await chromium.sync.pullRemote(chromium.heard), await laptop.sync.pullRemote(laptop.heard)];
    expect(pulls.filter((pull) => pull.status === 'applied' && pull.needsPush)).toHaveLength(1);
    for (const { sync } of [chromium, laptop]) await sync.pushLocal();
    server.settle();
    for (const { sync } of [chromium, laptop]) expect(await sync.pullRemote()).toMatchObject({ needsPush: false });
    expect(chromium.replica.state.saved).toEqual(laptop.replica.state.saved);
    expect(Object.keys(chromium.replica.state.saved).sort()).toEqual(['u1', 'u2']);
  });

  it('ignores onChanged for keys that are not ours', async () => {
    const { install } = world();
    const chromium = install('chromium', A);
    expect(await chromium.sync.pullRemote(['theme', 'other'])).toEqual({ status: 'ignored' });
    expect(chromium.replica.applied).toBe(0);
  });

  it('carries no anchors, and leaves the local ones alone', async () => {
    const { server, install } = world();
    const chromium = install('chromium', A);
    const laptop = install('laptop', B);
    chromium.replica.setSaved('u1', true);
    chromium.replica.state.anchors.u1 = { entry: entryFor('u1', 1), anchoredAt: chromium.replica.state.saved.u1?.stamp ?? '' };
    laptop.replica.state.anchors.u9 = { entry: entryFor('u9', 2), anchoredAt: chromium.replica.state.saved.u1?.stamp ?? '' };
    await chromium.sync.pushLocal();
    expect(JSON.stringify(await chromium.area.get(null))).not.toContain('text of u1');
    server.settle();
    await laptop.sync.pullRemote();
    expect(laptop.replica.state.saved.u1?.isSaved).toBe(true);
    expect(Object.keys(laptop.replica.state.anchors)).toEqual(['u9']);
  });

  it('keeps a register stamped over a day ahead in the area, though this install refuses it: no fight', async () => {
    const { server, install, advance } = world();
    const chromium = install('chromium', A);
    const broken = install('broken clock', B, 2 * MAX_AHEAD_MS);
    broken.replica.setSaved('u1', true);
    await broken.sync.pushLocal();
    server.settle();
    expect(await chromium.sync.pullRemote()).toMatchObject({ needsPush: false });
    expect(chromium.replica.state.saved.u1).toBeUndefined();
    advance(1_000);
    chromium.replica.setSaved('u2', true);
    await chromium.sync.pushLocal();
    server.settle();
    expect(readBrowserSync(await chromium.area.get(null)).state.saved.u1?.isSaved).toBe(true);
    expect(await broken.sync.pullRemote()).toMatchObject({ needsPush: false });
  });
});

describe('createBrowserSync: notes that do not fit', () => {
  it('reports notes left out, whole, and the other install learns they exist elsewhere', async () => {
    const { server, install } = world();
    const chromium = install('chromium', A);
    const laptop = install('laptop', B);
    for (let i = 0; i < 8; i++) chromium.replica.setNote(`note${i}`, '长'.repeat(6_000));
    const pushed = await chromium.sync.pushLocal();
    expect(pushed.status).toBe('written');
    const report = pushed.status === 'written' ? pushed.report : undefined;
    expect(report?.leftOut).toEqual(['note2', 'note1', 'note0']);
    expect(report?.bytes.used).toBeLessThanOrEqual(102_400);
    expect(report?.bytes.used).toBe(await chromium.area.getBytesInUse(null));
    server.settle();
    const pulled = await laptop.sync.pullRemote();
    expect(pulled).toMatchObject({
      status: 'applied',
      needsPush: false,
      report: { notesElsewhere: ['note0', 'note1', 'note2'], leftOut: [] },
    });
    expect(Object.keys(laptop.replica.state.notes).sort()).toEqual(['note3', 'note4', 'note5', 'note6', 'note7']);
    for (const [uid, note] of Object.entries(laptop.replica.state.notes)) expect(note).toEqual(chromium.replica.state.notes[uid]);
  });

  it('does not apply a half-written note; applies it once every part of its version is there', async () => {
    const { install } = world();
    const chromium = install('chromium', A);
    const laptop = install('laptop', B);
    chromium.replica.setNote('u1', '长'.repeat(5_000));
    await chromium.sync.pushLocal();
    const { 'n:u1:1': secondPart, ...firstPart } = await chromium.area.get(null);
    expect(secondPart).toBeDefined();
    // Sync carries items one by one: the laptop has the index and the first part only.
    await laptop.area.set(firstPart);
    expect(await laptop.sync.pullRemote(Object.keys(firstPart))).toMatchObject({ report: { notesElsewhere: ['u1'] } });
    expect(laptop.replica.state.notes.u1).toBeUndefined();
    await laptop.area.set({ 'n:u1:1': secondPart });
    await laptop.sync.pullRemote(['n:u1:1']);
    expect(laptop.replica.state.notes.u1).toEqual(chromium.replica.state.notes.u1);
  });

  it('an install with an older text of a note left out elsewhere does not put it back', async () => {
    const { server, install, advance } = world();
    const chromium = install('chromium', A);
    const laptop = install('laptop', B);
    chromium.replica.setNote('u1', 'short');
    await chromium.sync.pushLocal();
    server.settle();
    await laptop.sync.pullRemote();
    advance(1_000);
    chromium.replica.setNote('u1', '长'.repeat(19_000).concat('<'.repeat(1_000)));
    for (let i = 0; i < 5; i++) chromium.replica.setNote(`big${i}`, '长'.repeat(5_000));
    const pushed = await chromium.sync.pushLocal();
    expect(pushed.status === 'written' && pushed.report.leftOut).toContain('u1');
    server.settle();
    const pulled = await laptop.sync.pullRemote();
    expect(pulled).toMatchObject({ needsPush: false, report: { notesElsewhere: ['u1'] } });
    expect(laptop.replica.state.notes.u1?.text).toBe('short');
    expect(await laptop.sync.pushLocal()).toMatchObject({ status: 'unchanged' });
  });
});

describe('createBrowserSync: the write budget and Chrome’s rate', () => {
  it('defers past its budget with the time to try again, then writes', async () => {
    const { install, advance, now } = world({ budget: { perMinute: 4, perHour: 100 } });
    const chromium = install('chromium', A);
    const start = now();
    const results = [];
    // Each push sets one chunk: one call; the fifth within the minute would be one too many.
    for (let i = 0; i < 5; i++) {
      chromium.replica.setSaved(`u${i}`, true);
      results.push(await chromium.sync.pushLocal());
      advance(1_000);
    }
    expect(results.map((result) => result.status)).toEqual(['written', 'written', 'written', 'written', 'deferred']);
    const deferred = results[4];
    expect(deferred).toEqual({ status: 'deferred', reason: 'writeBudget', retryAt: start + 60_000 });
    advance(deferred?.status === 'deferred' ? deferred.retryAt - now() : 0);
    expect(await chromium.sync.pushLocal()).toMatchObject({ status: 'written' });
  });

  it('meets Chrome’s rate refusal by deferring a minute, losing nothing', async () => {
    const { install, advance, now } = world({ quotas: { MAX_WRITE_OPERATIONS_PER_MINUTE: 3 }, budget: { perMinute: 100, perHour: 1_000 } });
    const chromium = install('chromium', A);
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      chromium.replica.setSaved(`u${i}`, true);
      statuses.push((await chromium.sync.pushLocal()).status);
    }
    expect(statuses).toEqual(['written', 'written', 'written', 'deferred', 'deferred']);
    expect(chromium.area.stats.refused.get('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.')).toBe(1);
    const retryAt = now() + 60_000;
    advance(60_001);
    expect(await chromium.sync.pushLocal()).toMatchObject({ status: 'written' });
    expect(Object.keys(readBrowserSync(await chromium.area.get(null)).state.saved)).toHaveLength(5);
    expect(retryAt).toBeLessThan(now());
  });
});

describe('createBrowserSync: quota refusals', () => {
  it('shrinks the notes when another install’s items arrive between read and write, and keeps every register', async () => {
    const { server, install } = world();
    const chromium = install('chromium', A);
    const laptop = install('laptop', B);
    for (let i = 0; i < 6; i++) laptop.replica.setNote(`laptop${i}`, '长'.repeat(5_000));
    await laptop.sync.pushLocal();
    for (let i = 0; i < 200; i++) chromium.replica.setSaved(`s${i}`, true);
    for (let i = 0; i < 6; i++) chromium.replica.setNote(`chromium${i}`, '文'.repeat(5_000));
    chromium.area.beforeCall = (operation) => {
      if (operation === 'set') server.settle();
    };
    const pushed = await chromium.sync.pushLocal();
    expect(chromium.area.stats.refused.get('QUOTA_BYTES quota exceeded')).toBe(1);
    expect(pushed).toMatchObject({ status: 'written', shrinks: 1 });
    const area = readBrowserSync(await chromium.area.get(null)).state;
    expect(Object.keys(area.saved)).toHaveLength(200);
    expect(await chromium.area.getBytesInUse(null)).toBeLessThanOrEqual(102_400);
  });

  it('shrinks items when a browser counts an item larger than Chrome does', async () => {
    const { install } = world({ quotas: { QUOTA_BYTES_PER_ITEM: 7_000 } });
    const chromium = install('chromium', A);
    for (let i = 0; i < 1_000; i++) chromium.replica.setSaved(`s${i}`, true);
    chromium.replica.setNote('u1', 'x'.repeat(15_000));
    const pushed = await chromium.sync.pushLocal();
    expect(pushed).toMatchObject({ status: 'written', shrinks: 2 });
    expect(chromium.area.stats.refused.get('QUOTA_BYTES_PER_ITEM quota exceeded')).toBe(2);
    expect(readBrowserSync(await chromium.area.get(null)).state).toEqual({ ...chromium.replica.state, anchors: {} });
  });

  it('gives up with BrowserSyncQuotaError when foreign items leave no room even without notes', async () => {
    const { install } = world({ quotas: { QUOTA_BYTES: 20 } });
    const chromium = install('chromium', A);
    chromium.replica.setSaved('u1', true);
    await expect(chromium.sync.pushLocal()).rejects.toThrow(BrowserSyncQuotaError);
    expect(chromium.replica.state.saved.u1?.isSaved).toBe(true);
  });
});

describe('createBrowserSync: what it skips', () => {
  it('writes nothing and applies nothing where a newer layout wrote', async () => {
    const { install } = world();
    const chromium = install('chromium', A);
    await chromium.area.set({ layout: { version: 2, chunks: {} }, s0: [2, 'x'] });
    chromium.replica.setSaved('u1', true);
    const calls = { ...chromium.area.stats.calls };
    expect(await chromium.sync.pushLocal()).toMatchObject({ status: 'skipped', reason: 'newerLayout' });
    expect(await chromium.sync.pullRemote()).toMatchObject({ status: 'skipped', reason: 'newerLayout' });
    expect(chromium.area.stats.calls).toEqual(calls);
    expect(chromium.replica.applied).toBe(0);
  });

  it('skips a damaged item with a warning, applies the rest, and the next push replaces it', async () => {
    const { install } = world();
    const chromium = install('chromium', A);
    const state = emptySyncState();
    state.saved.u1 = { isSaved: true, stamp: `${'0'.repeat(8)}1:0000:${B}` };
    state.mutedSites['x.com'] = { isMuted: true, stamp: `${'0'.repeat(8)}1:0000:${B}` };
    await chromium.area.set({ ...layoutBrowserSync(state).items, h0: [1, B, 'X.COM+!!'], theme: 'dark' });
    const pulled = await chromium.sync.pullRemote();
    expect(pulled).toMatchObject({ status: 'applied', needsPush: true });
    expect(pulled.status === 'applied' && pulled.report.warnings.map((warning) => warning.reason)).toEqual(['invalidItem', 'foreignKey']);
    expect(chromium.replica.state.saved.u1?.isSaved).toBe(true);
    expect(await chromium.sync.pushLocal()).toMatchObject({ status: 'written' });
    expect(await chromium.sync.pullRemote()).toMatchObject({ report: { warnings: [{ reason: 'foreignKey' }] }, needsPush: false });
    expect((await chromium.area.get(null)).theme).toBe('dark');
  });

  it('throws BrowserSyncStorageError for a failure that is not a quota (sync off, a browser error)', async () => {
    const { install } = world();
    const chromium = install('chromium', A);
    chromium.area.beforeCall = (operation) => {
      if (operation === 'set') throw new Error('An unexpected error occurred');
    };
    chromium.replica.setSaved('u1', true);
    await expect(chromium.sync.pushLocal()).rejects.toThrow(BrowserSyncStorageError);
    // The queue survives a failure: the next call runs.
    chromium.area.beforeCall = undefined;
    expect(await chromium.sync.pushLocal()).toMatchObject({ status: 'written' });
  });

  it('reads its usage from getBytesInUse', async () => {
    const { install } = world();
    const chromium = install('chromium', A);
    chromium.replica.setSaved('u1', true);
    await chromium.sync.pushLocal();
    expect(await chromium.sync.readUsage()).toEqual({ bytesInUse: await chromium.area.getBytesInUse(null), quota: 102_400 });
  });
});

describe('classifyStorageError', () => {
  it.each([
    ['QUOTA_BYTES quota exceeded', 'quotaBytes'],
    ['QUOTA_BYTES_PER_ITEM quota exceeded', 'quotaBytesPerItem'],
    ['MAX_ITEMS quota exceeded', 'maxItems'],
    ['This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.', 'ratePerMinute'],
    ['This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.', 'ratePerHour'],
    ['QuotaExceededError: storage.sync API call exceeded its quota limitations.', 'quota'],
    ['An unexpected error occurred', undefined],
  ])('%s → %s', (message, refusal) => {
    expect(classifyStorageError(new Error(message))).toBe(refusal);
  });
});
