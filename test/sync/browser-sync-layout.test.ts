import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BROWSER_SYNC_LAYOUT_VERSION,
  CHROME_SYNC_LIMITS,
  chromeJsonBytes,
  isBrowserSyncKey,
  layoutBrowserSync,
  planBrowserSyncWrite,
  readBrowserSync,
  syncItemBytes,
  type BrowserSyncLimits,
  type BrowserSyncLayout,
} from '../../lib/sync/browser-sync-layout';
import { formatStamp, type HlcStamp } from '../../lib/sync/hlc';
import { emptySyncState, type SyncState } from '../../lib/sync/sync-state';
import { chromeItemBytes, FakeSyncServer } from '../support/fake-chrome-sync-storage';
import { createSeededRandom } from '../support/seeded-random';
import { propertyRuns } from '../support/property-runs';
import { realSyncState } from '../support/real-sync-state';
import { DEVICES, NOW, entryFor } from '../support/sync-states';

const [A, B, C] = DEVICES;
const at = (offset: number, counter = 0, device: string = A) => formatStamp(NOW + offset, counter, device);

/** The state minus its anchors and minus what a layout left out: what reading it back must give. */
function expectedAfter(state: SyncState, layout: BrowserSyncLayout): SyncState {
  const expected: SyncState = { ...emptySyncState(), switches: { ...state.switches } };
  expected.saved = { ...state.saved };
  expected.mutedSites = { ...state.mutedSites };
  expected.notes = { ...state.notes };
  for (const uid of layout.leftOut) delete expected.notes[uid];
  for (const { kind, key } of layout.leftOutRegisters) {
    if (kind === 'switches') delete expected.switches.cardsEnabled;
    else delete expected[kind][key];
  }
  return expected;
}

/** Every item within the limits as the fake (Chrome's way of counting) measures it. */
function expectWithinLimits(items: Record<string, unknown>, limits: BrowserSyncLimits = CHROME_SYNC_LIMITS): number {
  let total = 0;
  for (const [key, value] of Object.entries(items)) {
    const bytes = chromeItemBytes(key, value);
    expect(bytes, key).toBeLessThanOrEqual(limits.quotaBytesPerItem);
    total += bytes;
  }
  expect(total).toBeLessThanOrEqual(limits.quotaBytes);
  expect(Object.keys(items).length).toBeLessThanOrEqual(limits.maxItems);
  return total;
}

describe('bytes, as Chrome counts them', () => {
  it.each<[string, unknown, number]>([
    ['ASCII', 'abc', 5],
    ['a quote and a backslash (2 bytes each)', 'a"\\', 7],
    ['short control escapes', '\n\t\r\b\f', 12],
    ['other control characters (\\u0001)', '\u0001\u001f', 14],
    ['DEL is written as it is', '\u007f', 3],
    ['`<` becomes \\u003C (JSON.stringify keeps it)', '<a>', 10],
    ['U+2028 and U+2029 become escapes', '\u2028\u2029', 14],
    ['Latin-1 (2 bytes)', 'é', 4],
    ['CJK (3 bytes)', '长文本', 11],
    ['an emoji (4 bytes)', '😀', 6],
    ['a lone surrogate becomes U+FFFD (3 bytes)', '\ud800', 5],
    ['an int32', 2147483647, 10],
    ['an integer past int32 gets ".0" (a double)', 1711929600000, 15],
    ['a fraction', 0.5, 3],
    ['true, false, null', [true, false, null], 17],
    ['an object', { a: 1, b: [] }, 14],
    ['an undefined member is left out', { a: 1, b: undefined }, 7],
  ])('%s', (_label, value, bytes) => {
    expect(chromeJsonBytes(value)).toBe(bytes);
    expect(chromeItemBytes('', value)).toBe(bytes);
  });

  it('count the key in UTF-8, unescaped', () => {
    expect(syncItemBytes('n:长:0', 'x')).toBe(7 + 3);
    expect(chromeItemBytes('n:长:0', 'x')).toBe(7 + 3);
  });

  it('agree with the fake, which serializes and measures instead of adding up characters', () => {
    const text = fc.string({
      unit: fc.oneof(fc.constantFrom('<', '"', '\\', '\n', '\u0001', '\u2028', '\ud800'), fc.string({ unit: 'binary' })),
    });
    const value = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.boolean(),
        fc.constant(null),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.maxSafeInteger(),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(text, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(text, value, (key, member) => {
        expect(syncItemBytes(key, member)).toBe(chromeItemBytes(key, member));
      }),
      propertyRuns(2000),
    );
  });
});

describe('layoutBrowserSync: the items', () => {
  it('packs registers into compact chunks: packed uid, flag, base-62 wall (a difference within a device), counter, device', () => {
    const state = emptySyncState();
    state.saved['1k3h53hcaog'] = { isSaved: true, stamp: at(0) };
    state.saved.mxue8p351j = { isSaved: false, stamp: at(60_000, 1, B) };
    state.saved['unknown-entry-3'] = { isSaved: true, stamp: at(120_000) };
    state.mutedSites['x.com'] = { isMuted: true, stamp: at(5) };
    state.switches.cardsEnabled = { isOn: false, stamp: at(7, 0, B) };
    state.notes.mxue8p351j = { text: '', stamp: at(9) };
    state.notes['1k3h53hcaog'] = { text: '值得再读 <a>', stamp: at(10, 0, B) };
    const layout = layoutBrowserSync(state);
    // NOW (1,710,072,000,000 ms) in base 62 is U6cRpzc; 60,000 is Fbk, 120,000 is VDU. The uid
    // 1k3h53hcaog is Q5lllQb44 in base 62, mxue8p351j AfZONdRUV; unknown-entry-3 goes as it is.
    expect(layout.items).toEqual({
      w0: [1, 'bbbbbbbbbb', 'cardsEnabled!U6cRpzj'],
      h0: [1, 'aaaaaaaaaa', 'x.com+U6cRpzh'],
      s0: [1, 'aaaaaaaaaa,bbbbbbbbbb', "Q5lllQb44+U6cRpzc,'unknown-entry-3+VDU,AfZONdRUV!U6cS5bM.1@1"],
      i0: [1, 'aaaaaaaaaa,bbbbbbbbbb', 'AfZONdRUV!U6cRpzl,Q5lllQb44+U6cRpzm@1'],
      'n:1k3h53hcaog:0': [1, at(10, 0, B), 1, '值得再读 <a>'],
      layout: { version: 1, chunks: { w: 1, h: 1, s: 1, i: 1 } },
    });
    expect(layout.leftOut).toEqual([]);
    expect(layout.bytes.used).toBe(Object.entries(layout.items).reduce((sum, [key, value]) => sum + chromeItemBytes(key, value), 0));
    expect(readBrowserSync(layout.items)).toEqual({
      state: expectedAfter(state, layout),
      notesElsewhere: {},
      warnings: [],
      isNewerLayout: false,
    });
  });

  it('leaves anchors out and writes only the layout item for an empty state', () => {
    const state = emptySyncState();
    state.anchors.u1 = { entry: entryFor('u1', 1), anchoredAt: at(0) };
    expect(layoutBrowserSync(state).items).toEqual({ layout: { version: 1, chunks: { w: 0, h: 0, s: 0, i: 0 } } });
  });

  it('carries the real digest (119 saved entries with ~300-character notes) whole, within the quotas', () => {
    const state = realSyncState();
    const layout = layoutBrowserSync(state);
    expect(layout.leftOut).toEqual([]);
    expect(readBrowserSync(layout.items).state).toEqual({ ...state, anchors: {} });
    expect(expectWithinLimits(layout.items)).toBe(layout.bytes.used);
  });

  it('splits a long note into parts of one version, each within 8 KB, at character boundaries', () => {
    const state = emptySyncState();
    const text = '长'.repeat(6_000) + '😀'.repeat(1_000) + '<'.repeat(500);
    state.notes.u1 = { text, stamp: at(0) };
    const { items } = layoutBrowserSync(state);
    const parts = Object.keys(items).filter((key) => key.startsWith('n:'));
    expect(parts).toEqual(['n:u1:0', 'n:u1:1', 'n:u1:2', 'n:u1:3']);
    for (const key of parts) {
      const [, stamp, count, slice] = items[key] as [number, string, number, string];
      expect([stamp, count]).toEqual([at(0), 4]);
      expect(slice.isWellFormed()).toBe(true);
    }
    expectWithinLimits(items);
    expect(readBrowserSync(items).state.notes.u1?.text).toBe(text);
  });

  it('fills items to the byte: a part of 8,192 bytes is accepted by the fake, one more is not', () => {
    const state = emptySyncState();
    state.notes.u1 = { text: 'x'.repeat(20_000), stamp: at(0) };
    const { items } = layoutBrowserSync(state);
    const first = items['n:u1:0'];
    expect(chromeItemBytes('n:u1:0', first)).toBe(8_192);
  });

  it('leaves out a note with a lone surrogate whole (Chrome would store U+FFFD) and lists it', () => {
    const state = emptySyncState();
    state.notes.u1 = { text: 'broken \ud83d', stamp: at(0) };
    state.notes.u2 = { text: 'fine', stamp: at(1) };
    const layout = layoutBrowserSync(state);
    expect(layout.leftOut).toEqual(['u1']);
    expect(readBrowserSync(layout.items)).toMatchObject({ state: { notes: { u2: { text: 'fine' } } }, notesElsewhere: { u1: at(0) } });
  });

  it('keeps notes whole: the newest that fit, then older smaller ones; the rest are listed, indexed', () => {
    const limits: BrowserSyncLimits = { quotaBytes: 2_000, quotaBytesPerItem: 600, maxItems: 40 };
    const state = emptySyncState();
    state.notes.old = { text: 'short', stamp: at(0) };
    state.notes.big = { text: '长'.repeat(600), stamp: at(1) };
    state.notes.mid = { text: 'm'.repeat(900), stamp: at(2) };
    state.notes.new = { text: 'n'.repeat(400), stamp: at(3) };
    const layout = layoutBrowserSync(state, limits);
    expect(layout.leftOut).toEqual(['big']);
    const read = readBrowserSync(layout.items);
    expect(Object.keys(read.state.notes).sort()).toEqual(['mid', 'new', 'old']);
    for (const uid of ['mid', 'new', 'old']) expect(read.state.notes[uid]).toEqual(state.notes[uid]);
    expect(read.notesElsewhere).toEqual({ big: at(1) });
    expectWithinLimits(layout.items, limits);
  });

  it('keeps every register before any note text, and lists registers only when they alone overflow', () => {
    const limits: BrowserSyncLimits = { quotaBytes: 1_500, quotaBytesPerItem: 400, maxItems: 10 };
    const state = emptySyncState();
    for (let i = 0; i < 200; i++) state.saved[`uid${i}`] = { isSaved: i % 3 > 0, stamp: at(i * 1000) };
    state.mutedSites['a.com'] = { isMuted: true, stamp: at(0) };
    state.switches.cardsEnabled = { isOn: true, stamp: at(0) };
    state.notes.uid1 = { text: 'a note', stamp: at(5) };
    const layout = layoutBrowserSync(state, limits);
    expectWithinLimits(layout.items, limits);
    // Switch and muted site first, then the newest saves; the oldest saves and the note go.
    const kept = readBrowserSync(layout.items).state;
    expect(kept.switches.cardsEnabled).toEqual(state.switches.cardsEnabled);
    expect(kept.mutedSites['a.com']).toEqual(state.mutedSites['a.com']);
    expect(kept.saved.uid199).toEqual(state.saved.uid199);
    expect(kept.saved.uid0).toBeUndefined();
    expect(layout.leftOutRegisters.length).toBeGreaterThan(0);
    expect(layout.leftOutRegisters.at(-1)).toEqual({ kind: 'notes', key: 'uid1' });
    expect(layout.leftOut).toEqual(['uid1']);
    expect(kept).toEqual(expectedAfter(state, layout));
  });

  it('indexes a newer note another install could not fit, so no older text is put back', () => {
    const state = emptySyncState();
    state.notes.u1 = { text: 'my older text', stamp: at(0, 0, B) };
    const layout = layoutBrowserSync(state, CHROME_SYNC_LIMITS, { notesElsewhere: { u1: at(5, 0, C) } });
    expect(Object.keys(layout.items).some((key) => key.startsWith('n:'))).toBe(false);
    expect(readBrowserSync(layout.items)).toMatchObject({ state: { notes: {} }, notesElsewhere: { u1: at(5, 0, C) } });
    // An older "elsewhere" than the note held changes nothing.
    const newer = layoutBrowserSync(state, CHROME_SYNC_LIMITS, { notesElsewhere: { u1: at(-5, 0, C) } });
    expect(readBrowserSync(newer.items).state.notes.u1).toEqual(state.notes.u1);
  });

  it('respects bytes and items reserved for foreign keys', () => {
    const state = realSyncState();
    const layout = layoutBrowserSync({ ...state, anchors: {} }, CHROME_SYNC_LIMITS, { reserved: { bytes: 60_000, items: 500 } });
    expect(layout.bytes.used).toBeLessThanOrEqual(102_400 - 60_000);
    expect(layout.bytes.items).toBeLessThanOrEqual(12);
    expect(layout.leftOut.length).toBeGreaterThan(100);
  });

  it('is deterministic: equal states give equal items, whatever order their maps were built in', () => {
    const state = realSyncState();
    const reversed: SyncState = {
      ...state,
      saved: Object.fromEntries(Object.entries(state.saved).reverse()),
      notes: Object.fromEntries(Object.entries(state.notes).reverse()),
    };
    expect(layoutBrowserSync(reversed).items).toEqual(layoutBrowserSync(state).items);
  });
});

describe('layoutBrowserSync: a large state (5,000 saved entries, 300 notes up to 20,000 characters)', () => {
  it('keeps every register, fits what notes it can whole, and lists the rest', () => {
    const random = createSeededRandom(0x5ace);
    const state = emptySyncState();
    const uid = (i: number) => Math.floor(random() * 2 ** 53).toString(36) + (i % 97 === 0 ? '~2' : '');
    const uids = Array.from({ length: 5_000 }, (_, i) => uid(i));
    uids.forEach((id, i) => {
      state.saved[id] = {
        isSaved: i % 11 !== 0,
        stamp: formatStamp(NOW - 2 * 365 * 86_400_000 + i * 3_600_000 + Math.floor(random() * 1e6), 0, DEVICES[i % 3] ?? A),
      };
    });
    const cjk = '人工智能模型发布训练推理开源数据安全评测论文中文长文本';
    const noteText = (length: number) =>
      Array.from({ length }, (_, i) => (i % 5 === 4 ? ' ' : cjk[Math.floor(random() * cjk.length)])).join('');
    for (let i = 0; i < 300; i++) {
      const length = i % 10 === 0 ? 20_000 : 40 + Math.floor(random() * 400);
      state.notes[uids[i * 7] ?? ''] = { text: noteText(length), stamp: formatStamp(NOW - i * 60_000, 0, DEVICES[i % 3] ?? A) };
    }
    state.notes[uids[1] ?? ''] = { text: '', stamp: at(-1) };
    for (let i = 0; i < 30; i++) state.mutedSites[`site${i}.example.com`] = { isMuted: i % 4 !== 0, stamp: at(-i) };
    state.switches.cardsEnabled = { isOn: true, stamp: at(-9) };

    const started = performance.now();
    const layout = layoutBrowserSync(state);
    const ms = performance.now() - started;
    const total = expectWithinLimits(layout.items);
    expect(layout.leftOutRegisters).toEqual([]);
    const read = readBrowserSync(layout.items);
    expect(read.warnings).toEqual([]);
    expect(read.state).toEqual(expectedAfter(state, layout));
    // Nothing truncated: every note read back is the whole text; every note not read back is listed.
    for (const [id, note] of Object.entries(read.state.notes)) expect(note).toEqual(state.notes[id]);
    expect(Object.keys(read.notesElsewhere).sort()).toEqual([...layout.leftOut].sort());
    expect(layout.leftOut.length + Object.keys(read.state.notes).length).toBe(301);
    const chunkBytes = Object.entries(layout.items)
      .filter(([key]) => /^[whsi]\d+$/.test(key))
      .reduce((sum, [key, value]) => sum + chromeItemBytes(key, value), 0);
    console.log(
      `storage.sync layout, 5,000 saved + 300 notes (30 of 20,000 characters): ${total} / 102,400 bytes, ` +
        `${Object.keys(layout.items).length} items; registers ${chunkBytes} bytes ` +
        `(${(chunkBytes / 5_331).toFixed(1)} per register); notes carried ${Object.keys(read.state.notes).length - 1}, ` +
        `left out ${layout.leftOut.length}; laid out in ${ms.toFixed(0)} ms`,
    );
  });
});

describe('readBrowserSync: what it will not show', () => {
  const state = emptySyncState();
  state.saved.u1 = { isSaved: true, stamp: at(0) };
  state.notes.u1 = { text: '长'.repeat(5_000), stamp: at(1) };
  state.notes.u2 = { text: 'short', stamp: at(2) };
  const { items } = layoutBrowserSync(state);

  it('does not show a half-written note: a part missing, or parts of two versions', () => {
    const { 'n:u1:1': _missing, ...withoutPart } = items;
    expect(readBrowserSync(withoutPart)).toMatchObject({ notesElsewhere: { u1: at(1) }, warnings: [] });
    expect(readBrowserSync(withoutPart).state.notes.u1).toBeUndefined();
    const newer = layoutBrowserSync({ ...state, notes: { ...state.notes, u1: { text: '新'.repeat(5_000), stamp: at(9) } } }).items;
    const mixed = { ...items, 'n:u1:0': newer['n:u1:0'] };
    expect(readBrowserSync(mixed).state.notes.u1).toBeUndefined();
    const finished = { ...mixed, 'n:u1:1': newer['n:u1:1'] };
    expect(readBrowserSync(finished).state.notes.u1?.text).toBe('新'.repeat(5_000));
  });

  it('ignores a stale part past a note’s count', () => {
    const stale = { ...items, 'n:u2:1': [1, at(0), 2, 'old tail'] };
    expect(readBrowserSync(stale).state).toEqual(readBrowserSync(items).state);
  });

  it('reads every chunk present, whatever the layout item counts: a newer writer’s chunk is never hidden', () => {
    // A leftover past the count repeats an older register: the merge keeps the later one.
    const leftover = {
      ...items,
      s1: layoutBrowserSync({ ...emptySyncState(), saved: { u1: { isSaved: false, stamp: at(-5) } } }).items.s0,
    };
    expect(readBrowserSync(leftover).state).toEqual(readBrowserSync(items).state);
    // Another install's s1 arrived before its layout item: its save is read all the same.
    const other = layoutBrowserSync({ ...emptySyncState(), saved: { u7: { isSaved: true, stamp: at(3, 0, B) } } }).items.s0;
    expect(readBrowserSync({ ...items, s1: other }).state.saved.u7).toEqual({ isSaved: true, stamp: at(3, 0, B) });
  });

  it('skips a damaged item with a warning and reads the rest', () => {
    const damaged = { ...items, s0: [1, A, 'u1+!!'], 'n:u2:0': [1, 'not a stamp', 1, 'x'] };
    const read = readBrowserSync(damaged);
    expect(read.state.saved).toEqual({});
    expect(read.state.notes.u1?.text).toBe(state.notes.u1?.text);
    expect(read.warnings.map((warning) => [warning.key, warning.reason])).toEqual([
      ['s0', 'invalidItem'],
      ['n:u2:0', 'invalidItem'],
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown switch', { w0: [1, A, 'darkMode+U6cRpzc'] }],
    ['a host in capitals', { h0: [1, A, 'X.COM+U6cRpzc'] }],
    ['a device index past the list', { s0: [1, A, 'u1+U6cRpzc@1'] }],
    ['no device list', { s0: [1, '', 'u1+U6cRpzc'] }],
    ['a wall past the year 5188', { s0: [1, A, 'u1+zzzzzzzzz'] }],
    ['a counter past 4 base-36 digits', { s0: [1, A, 'u1+U6cRpzc.zzzz'] }],
    ['a chunk without its version', { s0: [A, 'u1+U6cRpzc'] }],
    ['a note longer than 20,000 characters', { 'n:u1:0': [1, at(0), 1, 'x'.repeat(20_001)] }],
    ['a note part that is an object', { 'n:u1:0': { version: 1, text: 'x' } }],
  ])('refuses %s', (_label, bad) => {
    const read = readBrowserSync(bad);
    expect(read.state).toEqual(emptySyncState());
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings[0]?.reason).toBe('invalidItem');
  });

  it('skips the whole area, with one warning, when a newer layout wrote any of it', () => {
    for (const newer of [
      { ...items, layout: { version: 2, chunks: {} } },
      { ...items, s7: [2, 'whatever the next layout holds'] },
    ]) {
      expect(readBrowserSync(newer)).toEqual({
        state: emptySyncState(),
        notesElsewhere: {},
        warnings: [expect.objectContaining({ reason: 'newerLayout' })],
        isNewerLayout: true,
      });
    }
  });

  it('names foreign keys and leaves them alone', () => {
    const read = readBrowserSync({ ...items, theme: 'dark' });
    expect(read.warnings).toEqual([{ key: 'theme', reason: 'foreignKey', detail: expect.any(String) }]);
    expect(isBrowserSyncKey('theme')).toBe(false);
    expect(planBrowserSyncWrite({ ...items, theme: 'dark' }, {}).remove).not.toContain('theme');
  });
});

describe('planBrowserSyncWrite', () => {
  it('sets only items that changed and removes only our keys that are gone', () => {
    const before = emptySyncState();
    before.saved.u1 = { isSaved: true, stamp: at(0) };
    before.notes.u2 = { text: 'x'.repeat(10_000), stamp: at(1) };
    const current = { ...layoutBrowserSync(before).items, foreign: 1 };
    const after = { ...before, notes: { u2: { text: '', stamp: at(2) } } };
    const next = layoutBrowserSync(after).items;
    expect(planBrowserSyncWrite(current, next)).toEqual({ set: { i0: next.i0 }, remove: ['n:u2:0', 'n:u2:1'] });
    expect(planBrowserSyncWrite(next, next)).toEqual({ set: {}, remove: [] });
  });
});

describe('round trips (fast-check)', () => {
  const uidArb = fc.oneof(
    fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }).map((n) => n.toString(36)),
    fc.constantFrom('1k3h53hcaog', 'mxue8p351j~2', 'unknown-entry-12', 'constructor'),
  );
  const hostArb = fc.constantFrom('x.com', 'news.ycombinator.com', 'a-b.example.org', 'tostring.net');
  const stampArb: fc.Arbitrary<HlcStamp> = fc
    .record({
      wall: fc.integer({ min: -3e10, max: 3e10 }),
      counter: fc.oneof(fc.constant(0), fc.nat(40), fc.constant(1_679_615)),
      device: fc.constantFrom(...DEVICES),
    })
    .map(({ wall, counter, device }) => formatStamp(NOW + wall, counter, device));
  const textArb = fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: fc.constantFrom('长', '文', '本', ' ', '<', '"', '\\', '\n', '😀', 'é', '\u2028'), maxLength: 3_000 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
  );
  const stateArb: fc.Arbitrary<SyncState> = fc.record({
    saved: fc.dictionary(uidArb, fc.record({ isSaved: fc.boolean(), stamp: stampArb }), { maxKeys: 300 }),
    notes: fc.dictionary(uidArb, fc.record({ text: textArb, stamp: stampArb }), { maxKeys: 30 }),
    mutedSites: fc.dictionary(hostArb, fc.record({ isMuted: fc.boolean(), stamp: stampArb }), { maxKeys: 4 }),
    switches: fc
      .option(fc.record({ isOn: fc.boolean(), stamp: stampArb }), { nil: undefined })
      .map((register) => (register === undefined ? {} : { cardsEnabled: register })),
    anchors: fc.constant({}),
  });
  const limitsArb: fc.Arbitrary<BrowserSyncLimits> = fc.oneof(
    fc.constant(CHROME_SYNC_LIMITS),
    fc.record({
      quotaBytes: fc.integer({ min: 1_000, max: 30_000 }),
      quotaBytesPerItem: fc.integer({ min: 300, max: 8_192 }),
      maxItems: fc.integer({ min: 6, max: 60 }),
    }),
  );

  it('read(layout(s)) is s less its anchors and what was left out (listed); items stay within every limit', () => {
    let leftOutNotes = 0;
    let leftOutRegisters = 0;
    fc.assert(
      fc.property(stateArb, limitsArb, (state, limits) => {
        const layout = layoutBrowserSync(state, limits);
        expect(expectWithinLimits(layout.items, limits)).toBe(layout.bytes.used);
        const read = readBrowserSync(layout.items);
        expect(read.warnings).toEqual([]);
        expect(read.state).toEqual(expectedAfter(state, layout));
        const indexedLeftOut = layout.leftOut.filter((uid) => !layout.leftOutRegisters.some((r) => r.kind === 'notes' && r.key === uid));
        expect(Object.keys(read.notesElsewhere).sort()).toEqual(indexedLeftOut.sort());
        // A note left out had text; a cleared note is never "left out" while its register is kept.
        for (const uid of layout.leftOut) expect(state.notes[uid]?.text).not.toBe('');
        if (limits === CHROME_SYNC_LIMITS) expect(layout.leftOutRegisters).toEqual([]);
        leftOutNotes += layout.leftOut.length;
        leftOutRegisters += layout.leftOutRegisters.length;
      }),
      propertyRuns(300),
    );
    console.log(`layout round trips: 300 cases, ${leftOutNotes} notes and ${leftOutRegisters} registers left out (listed)`);
  });

  it('a Chrome-sized layout is accepted whole by the fake storage.sync, and reads back the same', async () => {
    await fc.assert(
      fc.asyncProperty(stateArb, async (state) => {
        const server = new FakeSyncServer({ now: () => NOW });
        const area = server.connect('chromium');
        const layout = layoutBrowserSync(state);
        await area.set(layout.items);
        expect(await area.getBytesInUse(null)).toBe(layout.bytes.used);
        expect(readBrowserSync(await area.get(null)).state).toEqual(readBrowserSync(layout.items).state);
      }),
      propertyRuns(100),
    );
  });

  it('planBrowserSyncWrite turns any area into the layout, and then has nothing left to do', () => {
    fc.assert(
      fc.property(stateArb, stateArb, (before, after) => {
        const current = { ...layoutBrowserSync(before).items, other: 'x' };
        const next = layoutBrowserSync(after).items;
        const { set, remove } = planBrowserSyncWrite(current, next);
        const written: Record<string, unknown> = { ...current, ...set };
        for (const key of remove) delete written[key];
        expect(written).toEqual({ ...next, other: 'x' });
        expect(planBrowserSyncWrite(written, next)).toEqual({ set: {}, remove: [] });
      }),
      propertyRuns(200),
    );
  });
});

it('writes the layout version into every item', () => {
  const { items } = layoutBrowserSync(realSyncState());
  for (const [key, value] of Object.entries(items)) {
    if (key === 'layout') expect(value).toMatchObject({ version: BROWSER_SYNC_LAYOUT_VERSION });
    else expect((value as unknown[])[0]).toBe(BROWSER_SYNC_LAYOUT_VERSION);
  }
});
