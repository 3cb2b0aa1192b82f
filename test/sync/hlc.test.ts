import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareStamps,
  createClock,
  createDeviceId,
  formatStamp,
  InvalidDeviceIdError,
  InvalidStampError,
  isDeviceId,
  isStamp,
  isTooFarAhead,
  MAX_AHEAD_MS,
  MAX_COUNTER,
  MAX_WALL,
  parseStamp,
  receive,
  StampTooFarAheadError,
  tick,
  type HlcClock,
  type HlcStamp,
} from '../../lib/sync/hlc';
import { propertyRuns } from '../support/property-runs';

const NOW = Date.UTC(2024, 2, 10, 12);
const DEVICES = ['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc'] as const;
const [A, B] = DEVICES;

describe('stamp format', () => {
  it.each([
    ['the digest month', NOW, 0, A, '0ltlgps00:0000:aaaaaaaaaa'],
    ['the epoch', 0, 0, A, '000000000:0000:aaaaaaaaaa'],
    ['a counter', NOW, 35, B, '0ltlgps00:000z:bbbbbbbbbb'],
    ['the largest', MAX_WALL, MAX_COUNTER, 'zzzzzzzzzz', 'zzzzzzzzz:zzzz:zzzzzzzzzz'],
  ])('%s', (_label, wall, counter, device, text) => {
    expect(formatStamp(wall, counter, device)).toBe(text);
    expect(parseStamp(text)).toEqual({ wall, counter, deviceId: device });
    expect(isStamp(text)).toBe(true);
  });

  it('reaches past the year 5000', () => {
    expect(new Date(MAX_WALL).getUTCFullYear()).toBeGreaterThan(5000);
  });

  it.each([
    ['upper case', '0LTLGPS00:0000:aaaaaaaaaa'],
    ['a short wall', 'ltlgps00:0000:aaaaaaaaaa'],
    ['a long counter', '0ltlgps00:00000:aaaaaaaaaa'],
    ['a short device', '0ltlgps00:0000:aaaaaaaaa'],
    ['a device with a dash', '0ltlgps00:0000:dev-k3j9x2'],
    ['other separators', '0ltlgps00-0000-aaaaaaaaaa'],
    ['padding', ' 0ltlgps00:0000:aaaaaaaaaa'],
    ['a trailing newline', '0ltlgps00:0000:aaaaaaaaaa\n'],
    ['empty', ''],
    ['milliseconds', String(NOW)],
  ])('refuses %s', (_label, text) => {
    expect(isStamp(text)).toBe(false);
    expect(() => parseStamp(text)).toThrow(InvalidStampError);
  });

  it.each([
    [-1, 0],
    [MAX_WALL + 1, 0],
    [1.5, 0],
    [0, MAX_COUNTER + 1],
    [0, -1],
  ])('will not write wall %s, counter %s', (wall, counter) => {
    expect(() => formatStamp(wall, counter, A)).toThrow(RangeError);
  });

  it('orders as plain strings exactly as (wall, counter, device) tuples', () => {
    const tupleArb = fc.tuple(fc.integer({ min: 0, max: MAX_WALL }), fc.integer({ min: 0, max: MAX_COUNTER }), fc.constantFrom(...DEVICES));
    fc.assert(
      fc.property(tupleArb, tupleArb, ([wa, ca, da], [wb, cb, db]) => {
        const byTuple = Math.sign(wa - wb || ca - cb || (da < db ? -1 : da > db ? 1 : 0));
        const a = formatStamp(wa, ca, da);
        const b = formatStamp(wb, cb, db);
        expect(compareStamps(a, b)).toBe(byTuple);
        expect(Math.sign(a < b ? -1 : a > b ? 1 : 0)).toBe(byTuple);
      }),
      propertyRuns(1000),
    );
  });

  it('compares only stamps', () => {
    expect(() => compareStamps('1', formatStamp(0, 0, A))).toThrow(InvalidStampError);
  });
});

describe('device ids', () => {
  it.each([
    ['zero bytes', new Uint8Array(8), '0000000000'],
    ['all ones', new Uint8Array(8).fill(255), 'e11264sgsf'],
    ['extra bytes ignored', Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), createDeviceId(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]))],
  ])('%s', (_label, bytes, id) => {
    expect(createDeviceId(bytes)).toBe(id);
    expect(isDeviceId(id)).toBe(true);
  });

  it('makes valid, distinct ids from random bytes', () => {
    const ids = Array.from({ length: 1000 }, () => createDeviceId(crypto.getRandomValues(new Uint8Array(8))));
    expect(ids.every(isDeviceId)).toBe(true);
    expect(new Set(ids).size).toBe(1000);
  });

  it('needs 8 bytes', () => {
    expect(() => createDeviceId(new Uint8Array(7))).toThrow(RangeError);
  });

  it.each(['', 'dev-k3j9x2', 'AAAAAAAAAA', 'aaaaaaaaaaa', 'aaaaaaaaa'])('refuses %j', (id) => {
    expect(isDeviceId(id)).toBe(false);
    expect(() => createClock(id, NOW)).toThrow(InvalidDeviceIdError);
  });
});

describe('tick', () => {
  const start = createClock(A, NOW);

  it.each([
    ['wall time moved on', start, NOW + 5, [NOW + 5, 0]],
    ['the same millisecond', start, NOW, [NOW, 1]],
    ['the wall clock stepped back', { ...start, counter: 3 }, NOW - 60_000, [NOW, 4]],
    ['a fraction of a millisecond', start, NOW + 0.7, [NOW, 1]],
    ['a full counter moves 1 ms on', { ...start, counter: MAX_COUNTER }, NOW, [NOW + 1, 0]],
  ])('%s', (_label, clock: HlcClock, now, [wall, counter]) => {
    const next = tick(clock, now);
    expect(next.clock).toEqual({ deviceId: A, wall, counter });
    expect(next.stamp).toBe(formatStamp(wall ?? 0, counter ?? 0, A));
  });
});

describe('receive', () => {
  const clock: HlcClock = { deviceId: A, wall: NOW, counter: 5 };

  it.each([
    ['the wall clock is ahead of both', formatStamp(NOW - 10, 9, B), NOW + 100, [NOW + 100, 0]],
    ['the remote is ahead', formatStamp(NOW + 50, 7, B), NOW, [NOW + 50, 8]],
    ['the local clock is ahead', formatStamp(NOW - 50, 7, B), NOW - 100, [NOW, 6]],
    ['all three agree', formatStamp(NOW, 9, B), NOW, [NOW, 10]],
    ['all agree, local counter higher', formatStamp(NOW, 2, B), NOW, [NOW, 6]],
    ['a full remote counter', formatStamp(NOW, MAX_COUNTER, B), NOW, [NOW + 1, 0]],
    ['just under a day ahead', formatStamp(NOW + MAX_AHEAD_MS, 0, B), NOW, [NOW + MAX_AHEAD_MS, 1]],
  ])('%s', (_label, remote, now, [wall, counter]) => {
    const next = receive(clock, remote, now);
    expect(next.clock).toEqual({ deviceId: A, wall, counter });
    expect(next.stamp > remote).toBe(true);
  });

  it('refuses a stamp more than a day ahead and stays where it was', () => {
    const remote = formatStamp(NOW + MAX_AHEAD_MS + 1, 0, B);
    expect(isTooFarAhead(remote, NOW)).toBe(true);
    expect(isTooFarAhead(formatStamp(NOW + MAX_AHEAD_MS, 0, B), NOW)).toBe(false);
    expect(() => receive(clock, remote, NOW)).toThrow(StampTooFarAheadError);
  });

  it('refuses what is not a stamp', () => {
    expect(() => receive(clock, 'yesterday', NOW)).toThrow(InvalidStampError);
  });
});

describe('clock properties', () => {
  /** A local event or a received stamp, at a wall clock that jitters back and forth around real time. */
  const stepArb = fc.record({
    advance: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000 })),
    jitter: fc.integer({ min: -5_000, max: 5_000 }),
    remote: fc.option(
      fc.record({
        offset: fc.integer({ min: -3_600_000, max: MAX_AHEAD_MS }),
        counter: fc.oneof(fc.nat(3), fc.constant(MAX_COUNTER)),
        device: fc.constantFrom(...DEVICES),
      }),
    ),
  });

  it('never goes backwards, stays at or past wall time, and passes every stamp it receives', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), fc.constantFrom(...DEVICES), (steps, deviceId) => {
        let realTime = NOW;
        let clock = createClock(deviceId, realTime);
        let last: HlcStamp = formatStamp(0, 0, deviceId);
        for (const step of steps) {
          realTime += step.advance;
          const now = realTime + step.jitter;
          const remote = step.remote === null ? undefined : formatStamp(now + step.remote.offset, step.remote.counter, step.remote.device);
          const next = remote === undefined ? tick(clock, now) : receive(clock, remote, now);
          expect(isStamp(next.stamp)).toBe(true);
          expect(next.stamp > last).toBe(true);
          if (remote !== undefined) expect(next.stamp > remote).toBe(true);
          expect(parseStamp(next.stamp).wall).toBeGreaterThanOrEqual(Math.floor(now));
          expect(parseStamp(next.stamp).deviceId).toBe(deviceId);
          clock = next.clock;
          last = next.stamp;
        }
      }),
      propertyRuns(300),
    );
  });

  it('follows the latest wall time it saw, and goes no further', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 200 }), (jitters) => {
        let clock = createClock(A, NOW);
        let seen = NOW;
        for (const jitter of jitters) {
          seen = Math.max(seen, NOW + jitter);
          clock = tick(clock, NOW + jitter).clock;
        }
        expect(clock.wall).toBe(seen);
      }),
      propertyRuns(200),
    );
  });
});
