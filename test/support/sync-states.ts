// Random and hand-made sync states for the merge's properties and tables: a small key space, so
// random states collide on keys, and stamps from a few devices close together, so they collide on
// wall times, counters and (rarely, as only a faulty device would) whole stamps.
import fc from 'fast-check';
import type { Entry } from '../../lib/corpus/types';
import { formatStamp, MAX_AHEAD_MS, type HlcStamp } from '../../lib/sync/hlc';
import { emptySyncState, type SyncAnchor, type SyncState } from '../../lib/sync/sync-state';

/** The merge's `now` in these tests: 2024-03-10, inside the digest's month. */
export const NOW = Date.UTC(2024, 2, 10, 12);
export const DEVICES = ['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc'] as const;

/** Few keys, one that would read Object.prototype's member if the merge looked it up carelessly. */
const UIDS = ['u1', 'u2', 'u3', 'constructor'];
const HOSTS = ['a.com', 'b.org', 'tostring.net'];

export const stampAt = (wall: number, counter = 0, device: string = DEVICES[0]): HlcStamp => formatStamp(wall, counter, device);

/** Stamps around NOW (a few ms apart, so walls and counters tie), one in ten over a day ahead. */
export const stampArb: fc.Arbitrary<HlcStamp> = fc
  .record({
    isAhead: fc.nat(9).map((n) => n === 0),
    wall: fc.integer({ min: -3, max: 3 }),
    counter: fc.nat(2),
    device: fc.constantFrom(...DEVICES),
  })
  .map(({ isAhead, wall, counter, device }) => stampAt(NOW + wall + (isAhead ? MAX_AHEAD_MS + 1 : 0), counter, device));

export function entryFor(uid: string, variant: number): Entry {
  // Variant 0 is the legacy placeholder shape; 1 and 2 two real snapshots of one uid (renumbered).
  if (variant === 0) return { uid, id: 7, date: '', posts: [], urls: [] };
  return {
    uid,
    id: variant === 1 ? 7 : 8,
    date: '2024-03-02',
    posts: [{ author: 'Someone', handle: 'someone', text: `text of ${uid}`, notes: [] }],
    urls: [],
  };
}

const anchorArb = (uid: string): fc.Arbitrary<SyncAnchor> =>
  fc.record({ variant: fc.nat(2), anchoredAt: stampArb }).map(({ variant, anchoredAt }) => ({ entry: entryFor(uid, variant), anchoredAt }));

function mapArb<V>(keys: string[], value: (key: string) => fc.Arbitrary<V>): fc.Arbitrary<Record<string, V>> {
  return fc
    .tuple(...keys.map((key) => fc.option(value(key), { nil: undefined, freq: 2 })))
    .map((values) => Object.fromEntries(keys.flatMap((key, i) => (values[i] === undefined ? [] : [[key, values[i]]]))));
}

export const syncStateArb: fc.Arbitrary<SyncState> = fc.record({
  saved: mapArb(UIDS, () => fc.record({ isSaved: fc.boolean(), stamp: stampArb })),
  notes: mapArb(UIDS, () => fc.record({ text: fc.constantFrom('', 'x', 'y', ' y', '长文本'), stamp: stampArb })),
  mutedSites: mapArb(HOSTS, () => fc.record({ isMuted: fc.boolean(), stamp: stampArb })),
  switches: mapArb(['cardsEnabled'], () => fc.record({ isOn: fc.boolean(), stamp: stampArb })),
  anchors: mapArb(UIDS, anchorArb),
});

/** A state with only saves and notes, written by hand in tables: `{ u1: true }`, `{ u1: 'text' }`. */
export function stateOf(
  parts: {
    saved?: Record<string, [boolean, HlcStamp]>;
    notes?: Record<string, [string, HlcStamp]>;
    muted?: Record<string, [boolean, HlcStamp]>;
  } = {},
): SyncState {
  const state = emptySyncState();
  for (const [uid, [isSaved, stamp]] of Object.entries(parts.saved ?? {})) state.saved[uid] = { isSaved, stamp };
  for (const [uid, [text, stamp]] of Object.entries(parts.notes ?? {})) state.notes[uid] = { text, stamp };
  for (const [host, [isMuted, stamp]] of Object.entries(parts.muted ?? {})) state.mutedSites[host] = { isMuted, stamp };
  return state;
}

/** Freezes a state all the way down, so a test fails if anything writes to its input. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
