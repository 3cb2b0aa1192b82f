// The hybrid logical clock that orders every synced change (Kulkarni et al., "Logical Physical
// Clocks", 2014): stamps that follow wall time yet never go backwards and always pass what a device
// has seen, so devices with skewed clocks agree on which write came last. Pure: time comes in as `now`.

/**
 * A stamp: `wwwwwwwww:cccc:dddddddddd` — wall time in ms (9 base-36 digits), counter (4 base-36
 * digits), device id (10 base-36 digits), all lower case, 25 characters. Fixed widths and digits
 * that sort in ASCII order make plain string comparison the clock's order (wall, then counter,
 * then device id), so stamps can be compared, sorted and used as keys without parsing.
 * 9 digits reach 36^9 ms ≈ year 5188; 4 counter digits allow 1,679,616 events in one millisecond.
 */
export type HlcStamp = string;

/** A device's identity in stamps and file names: 10 base-36 digits, from ~52 random bits. */
export type DeviceId = string;

export const WALL_DIGITS = 9;
export const COUNTER_DIGITS = 4;
export const DEVICE_ID_LENGTH = 10;
export const MAX_WALL = 36 ** WALL_DIGITS - 1;
export const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;

/** Issue #8: a stamp more than a day ahead of local time is refused (a broken clock or a forgery). */
export const MAX_AHEAD_MS = 24 * 60 * 60 * 1000;

const STAMP = /^([0-9a-z]{9}):([0-9a-z]{4}):([0-9a-z]{10})$/;
const DEVICE_ID = /^[0-9a-z]{10}$/;

/** The clock's state: the last stamp it issued or passed, as numbers. Plain data, so it can be stored. */
export type HlcClock = { deviceId: DeviceId; wall: number; counter: number };

export type ParsedStamp = { wall: number; counter: number; deviceId: DeviceId };

/** Enough of a bad value to recognise it in an error, never a whole hostile payload. */
function preview(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

export class InvalidStampError extends Error {
  constructor(readonly stamp: unknown) {
    super(`not a clock stamp: ${preview(stamp)}`);
    this.name = 'InvalidStampError';
  }
}

export class InvalidDeviceIdError extends Error {
  constructor(readonly deviceId: unknown) {
    super(`not a device id: ${preview(deviceId)}`);
    this.name = 'InvalidDeviceIdError';
  }
}

/** A remote stamp the clock will not move to: following it would drag this device's clock days ahead. */
export class StampTooFarAheadError extends Error {
  constructor(
    readonly stamp: HlcStamp,
    readonly now: number,
  ) {
    super(`stamp ${stamp} is more than a day ahead of this device's time`);
    this.name = 'StampTooFarAheadError';
  }
}

export function isDeviceId(value: unknown): value is DeviceId {
  return typeof value === 'string' && DEVICE_ID.test(value);
}

/**
 * A device id from at least 8 random bytes (the caller's `crypto.getRandomValues`): 64 bits reduced
 * to 10 base-36 digits (~51.7 bits; the modulo bias is under 0.02 %, irrelevant for a handful of
 * devices per user).
 */
export function createDeviceId(randomBytes: Uint8Array): DeviceId {
  if (randomBytes.length < 8) throw new RangeError('a device id needs at least 8 random bytes');
  let value = 0n;
  for (const byte of randomBytes.subarray(0, 8)) value = (value << 8n) | BigInt(byte);
  return (value % 36n ** BigInt(DEVICE_ID_LENGTH)).toString(36).padStart(DEVICE_ID_LENGTH, '0');
}

export function isStamp(value: unknown): value is HlcStamp {
  return typeof value === 'string' && STAMP.test(value);
}

export function parseStamp(stamp: string): ParsedStamp {
  const match = STAMP.exec(stamp);
  if (match === null) throw new InvalidStampError(stamp);
  const [, wall = '', counter = '', deviceId = ''] = match;
  return { wall: parseInt(wall, 36), counter: parseInt(counter, 36), deviceId };
}

function requireWall(wall: number): number {
  if (!Number.isSafeInteger(wall) || wall < 0 || wall > MAX_WALL) throw new RangeError(`wall time out of range: ${wall}`);
  return wall;
}

/** Writes a stamp. Also how a record dated in plain milliseconds (before sync) gets its stamp: counter 0. */
export function formatStamp(wall: number, counter: number, deviceId: DeviceId): HlcStamp {
  requireWall(wall);
  if (!Number.isSafeInteger(counter) || counter < 0 || counter > MAX_COUNTER) throw new RangeError(`counter out of range: ${counter}`);
  if (!isDeviceId(deviceId)) throw new InvalidDeviceIdError(deviceId);
  return `${wall.toString(36).padStart(WALL_DIGITS, '0')}:${counter.toString(36).padStart(COUNTER_DIGITS, '0')}:${deviceId}`;
}

/** The clock's order, which is plain string order (see HlcStamp). Both must be stamps. */
export function compareStamps(a: HlcStamp, b: HlcStamp): -1 | 0 | 1 {
  if (!isStamp(a)) throw new InvalidStampError(a);
  if (!isStamp(b)) throw new InvalidStampError(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isTooFarAhead(stamp: HlcStamp, now: number): boolean {
  return parseStamp(stamp).wall > now + MAX_AHEAD_MS;
}

/** A fresh clock. It issues nothing below `now`; after a restart, `receive` the latest stored stamp. */
export function createClock(deviceId: DeviceId, now: number): HlcClock {
  if (!isDeviceId(deviceId)) throw new InvalidDeviceIdError(deviceId);
  return { deviceId, wall: requireWall(Math.floor(now)), counter: 0 };
}

function stamped(deviceId: DeviceId, wall: number, counter: number): { clock: HlcClock; stamp: HlcStamp } {
  // A full counter moves the stamp 1 ms ahead rather than failing: order is kept, and the lead
  // over wall time stays tiny (it would take 1.6 million events within one millisecond).
  const [nextWall, nextCounter] = counter > MAX_COUNTER ? [wall + 1, 0] : [wall, counter];
  const clock = { deviceId, wall: requireWall(nextWall), counter: nextCounter };
  return { clock, stamp: formatStamp(clock.wall, clock.counter, deviceId) };
}

/** A local event (a save, a note): its stamp, later than every stamp this clock issued or received. */
export function tick(clock: HlcClock, now: number): { clock: HlcClock; stamp: HlcStamp } {
  const wall = Math.max(clock.wall, requireWall(Math.floor(now)));
  return stamped(clock.deviceId, wall, wall === clock.wall ? clock.counter + 1 : 0);
}

/**
 * A remote stamp arrives (the HLC paper's receive rule): the clock moves past it, so every later
 * local write outranks it. Refuses (StampTooFarAheadError) a stamp more than a day ahead of `now`.
 */
export function receive(clock: HlcClock, remoteStamp: HlcStamp, now: number): { clock: HlcClock; stamp: HlcStamp } {
  const remote = parseStamp(remoteStamp);
  const physical = requireWall(Math.floor(now));
  if (remote.wall > physical + MAX_AHEAD_MS) throw new StampTooFarAheadError(remoteStamp, now);
  const wall = Math.max(clock.wall, remote.wall, physical);
  let counter: number;
  if (wall === clock.wall && wall === remote.wall) counter = Math.max(clock.counter, remote.counter) + 1;
  else if (wall === clock.wall) counter = clock.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  else counter = 0;
  return stamped(clock.deviceId, wall, counter);
}
