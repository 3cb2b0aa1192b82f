import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock, MAX_AHEAD_MS, receive, tick, type HlcClock, type HlcStamp } from '../../lib/sync/hlc';
import { changesToApply, countUserItems, diffStates, mergeStates, needsConfirmation } from '../../lib/sync/merge';
import { emptySyncState, latestStamp, type RegisterKind, type SyncState } from '../../lib/sync/sync-state';
import { propertyRuns } from '../support/property-runs';
import { deepFreeze, DEVICES, entryFor, NOW, stampAt, stateOf, syncStateArb } from '../support/sync-states';

const [A, B, C] = DEVICES;
const merge = (a: SyncState, b: SyncState) => mergeStates(a, b, NOW);

/** Writes `changes` over `local`, as a transport does after a merge. */
function applyChanges(local: SyncState, changes: SyncState): SyncState {
  return {
    saved: { ...local.saved, ...changes.saved },
    notes: { ...local.notes, ...changes.notes },
    mutedSites: { ...local.mutedSites, ...changes.mutedSites },
    switches: { ...local.switches, ...changes.switches },
    anchors: { ...local.anchors, ...changes.anchors },
  };
}

describe('mergeStates: registers', () => {
  const early = stampAt(NOW - 1000, 0, A);
  const late = stampAt(NOW, 0, B);

  it.each<[string, SyncState, SyncState, Record<string, [boolean, HlcStamp]>]>([
    [
      'a newer save beats an older unsave',
      stateOf({ saved: { u1: [false, early] } }),
      stateOf({ saved: { u1: [true, late] } }),
      { u1: [true, late] },
    ],
    [
      'a newer unsave (tombstone) beats an older save',
      stateOf({ saved: { u1: [true, early] } }),
      stateOf({ saved: { u1: [false, late] } }),
      { u1: [false, late] },
    ],
    [
      'the counter breaks a wall-time tie',
      stateOf({ saved: { u1: [true, stampAt(NOW, 1, A)] } }),
      stateOf({ saved: { u1: [false, stampAt(NOW, 0, C)] } }),
      { u1: [true, stampAt(NOW, 1, A)] },
    ],
    [
      'the device id breaks a wall and counter tie',
      stateOf({ saved: { u1: [true, stampAt(NOW, 0, A)] } }),
      stateOf({ saved: { u1: [false, stampAt(NOW, 0, B)] } }),
      { u1: [false, stampAt(NOW, 0, B)] },
    ],
    [
      'one faulty stamp with two values: saved wins',
      stateOf({ saved: { u1: [false, late] } }),
      stateOf({ saved: { u1: [true, late] } }),
      { u1: [true, late] },
    ],
    [
      'disjoint keys are a union',
      stateOf({ saved: { u1: [true, early] } }),
      stateOf({ saved: { u2: [false, late] } }),
      { u1: [true, early], u2: [false, late] },
    ],
  ])('%s', (_label, a, b, expected) => {
    const want = stateOf({ saved: expected });
    expect(merge(a, b).state).toEqual(want);
    expect(merge(b, a).state).toEqual(want);
  });

  it.each([
    ['a cleared note (tombstone) beats an older note', ['text', stampAt(NOW - 5, 0, A)], ['', stampAt(NOW, 0, B)], ''],
    ['a newer note beats an older clear', ['', stampAt(NOW - 5, 0, A)], ['text', stampAt(NOW, 0, B)], 'text'],
    ['one faulty stamp with two texts: text wins over none', ['', stampAt(NOW, 0, A)], [' later', stampAt(NOW, 0, A)], ' later'],
  ] as const)('%s', (_label, a, b, text) => {
    const left = stateOf({ notes: { u1: [...a] } });
    const right = stateOf({ notes: { u1: [...b] } });
    expect(merge(left, right).state.notes.u1?.text).toBe(text);
    expect(merge(right, left).state.notes.u1?.text).toBe(text);
  });

  it('an unmute beats an older mute, the switch keeps its latest value', () => {
    const a: SyncState = {
      ...stateOf({ muted: { 'x.com': [true, stampAt(NOW - 9)] } }),
      switches: { cardsEnabled: { isOn: false, stamp: stampAt(NOW, 0, A) } },
    };
    const b: SyncState = {
      ...stateOf({ muted: { 'x.com': [false, stampAt(NOW)] } }),
      switches: { cardsEnabled: { isOn: true, stamp: stampAt(NOW - 1, 5, B) } },
    };
    const { state } = merge(a, b);
    expect(state.mutedSites['x.com']).toEqual({ isMuted: false, stamp: stampAt(NOW) });
    expect(state.switches.cardsEnabled).toEqual({ isOn: false, stamp: stampAt(NOW, 0, A) });
  });

  it('reads only its own keys: `constructor` and `toString` are ordinary uids and hosts', () => {
    const saved: [boolean, HlcStamp] = [true, stampAt(NOW)];
    const a = stateOf({ saved: { constructor: saved }, muted: { 'tostring.net': saved } });
    const { state } = merge(a, emptySyncState());
    expect(state.saved.constructor).toEqual({ isSaved: true, stamp: stampAt(NOW) });
    expect(merge(emptySyncState(), stateOf({ saved: { u1: [true, stampAt(NOW)] } })).state.saved).toEqual({
      u1: { isSaved: true, stamp: stampAt(NOW) },
    });
  });

  it('changes neither input', () => {
    const a = deepFreeze(stateOf({ saved: { u1: [true, stampAt(NOW - 1)] } }));
    const b = deepFreeze(stateOf({ saved: { u1: [false, stampAt(NOW)] }, notes: { u2: ['n', stampAt(NOW)] } }));
    expect(() => merge(a, b)).not.toThrow();
  });
});

describe('mergeStates: refused stamps', () => {
  const ahead = stampAt(NOW + MAX_AHEAD_MS + 1, 0, B);
  const justInside = stampAt(NOW + MAX_AHEAD_MS, 0, B);

  it('refuses a register more than a day ahead, keeps the other side, and lists it', () => {
    const local = stateOf({ saved: { u1: [true, stampAt(NOW - 1)] } });
    const remote = stateOf({ saved: { u1: [false, ahead], u2: [true, ahead] }, notes: { u1: ['kept', justInside] } });
    const result = merge(local, remote);
    expect(result.state.saved).toEqual({ u1: { isSaved: true, stamp: stampAt(NOW - 1) } });
    expect(result.state.notes.u1?.text).toBe('kept');
    expect(result.refused).toEqual([
      { kind: 'saved', key: 'u1', stamp: ahead },
      { kind: 'saved', key: 'u2', stamp: ahead },
    ]);
  });

  it('refuses an anchor stamped more than a day ahead', () => {
    const remote: SyncState = { ...emptySyncState(), anchors: { u1: { entry: entryFor('u1', 1), anchoredAt: ahead } } };
    expect(merge(emptySyncState(), remote)).toEqual({ state: emptySyncState(), refused: [{ kind: 'anchors', key: 'u1', stamp: ahead }] });
  });

  it('accepts the same register once time has caught up', () => {
    const remote = stateOf({ saved: { u1: [true, ahead] } });
    expect(mergeStates(emptySyncState(), remote, NOW + 2).state.saved.u1?.isSaved).toBe(true);
  });
});

describe('mergeStates: anchors', () => {
  const anchorsOf = (anchors: SyncState['anchors']): SyncState => ({ ...emptySyncState(), anchors });

  it.each([
    ['a real entry beats the legacy placeholder, even a later one', [0, NOW - 100], [1, NOW], 1, NOW],
    ['between real entries, the earliest snapshot', [2, NOW - 100], [1, NOW], 2, NOW - 100],
    ['between placeholders, the earliest', [0, NOW], [0, NOW - 3], 0, NOW - 3],
  ])('%s', (_label, [variantA, atA], [variantB, atB], variant, at) => {
    const a = anchorsOf({ u1: { entry: entryFor('u1', variantA ?? 0), anchoredAt: stampAt(atA ?? 0) } });
    const b = anchorsOf({ u1: { entry: entryFor('u1', variantB ?? 0), anchoredAt: stampAt(atB ?? 0) } });
    const want = { u1: { entry: entryFor('u1', variant), anchoredAt: stampAt(at) } };
    expect(merge(a, b).state.anchors).toEqual(want);
    expect(merge(b, a).state.anchors).toEqual(want);
  });
});

describe('mergeStates: the three laws', () => {
  const withoutAhead = (state: SyncState) => mergeStates(state, emptySyncState(), NOW).state;

  it('is commutative (state and refused list)', () => {
    fc.assert(
      fc.property(syncStateArb, syncStateArb, (a, b) => {
        expect(merge(a, b)).toEqual(merge(b, a));
      }),
      propertyRuns(1000),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(syncStateArb, syncStateArb, syncStateArb, (a, b, c) => {
        expect(merge(merge(a, b).state, c).state).toEqual(merge(a, merge(b, c).state).state);
      }),
      propertyRuns(1000),
    );
  });

  it('is idempotent: a state merged with itself, or again with a side it has met, is unchanged', () => {
    fc.assert(
      fc.property(syncStateArb, syncStateArb, (a, b) => {
        expect(merge(a, a).state).toEqual(withoutAhead(a));
        const ab = merge(a, b).state;
        expect(merge(ab, b).state).toEqual(ab);
        expect(merge(ab, ab).state).toEqual(ab);
      }),
      propertyRuns(1000),
    );
  });

  it('keeps every register it does not refuse: each key ends with the greatest stamp of either side', () => {
    fc.assert(
      fc.property(syncStateArb, syncStateArb, (a, b) => {
        const { state, refused } = merge(a, b);
        for (const kind of ['saved', 'notes', 'mutedSites', 'switches'] as RegisterKind[]) {
          const keys = new Set([...Object.keys(a[kind]), ...Object.keys(b[kind])]);
          for (const key of keys) {
            const stamps = [a, b]
              .map((side) => (Object.hasOwn(side[kind], key) ? (side[kind] as Record<string, { stamp: string }>)[key]?.stamp : undefined))
              .filter(
                (stamp): stamp is string =>
                  stamp !== undefined && !refused.some((r) => r.kind === kind && r.key === key && r.stamp === stamp),
              );
            const merged = Object.hasOwn(state[kind], key) ? (state[kind] as Record<string, { stamp: string }>)[key] : undefined;
            expect(merged?.stamp).toBe(stamps.length === 0 ? undefined : stamps.sort().at(-1));
          }
        }
      }),
      propertyRuns(500),
    );
  });

  it('a tombstone beats any older save, and a newer save beats any older tombstone', () => {
    const pairArb = fc
      .tuple(
        fc.record({ wall: fc.integer({ min: -86_400_000, max: 0 }), counter: fc.nat(5), device: fc.constantFrom(...DEVICES) }),
        fc.record({ wall: fc.integer({ min: -86_400_000, max: 0 }), counter: fc.nat(5), device: fc.constantFrom(...DEVICES) }),
      )
      .map(([x, y]) => [stampAt(NOW + x.wall, x.counter, x.device), stampAt(NOW + y.wall, y.counter, y.device)].sort())
      .filter(([older, newer]) => older !== newer);
    fc.assert(
      fc.property(pairArb, fc.boolean(), ([older = '', newer = ''], isTombstoneNewer) => {
        const save = stateOf({
          saved: { u1: [true, isTombstoneNewer ? older : newer] },
          notes: { u1: ['a note', isTombstoneNewer ? older : newer] },
        });
        const tombstone = stateOf({
          saved: { u1: [false, isTombstoneNewer ? newer : older] },
          notes: { u1: ['', isTombstoneNewer ? newer : older] },
        });
        for (const { state } of [merge(save, tombstone), merge(tombstone, save)]) {
          expect(state.saved.u1?.isSaved).toBe(!isTombstoneNewer);
          expect(state.notes.u1?.text).toBe(isTombstoneNewer ? '' : 'a note');
        }
      }),
      propertyRuns(500),
    );
  });
});

describe('no write is lost', () => {
  type Replica = { clock: HlcClock; state: SyncState; skew: number };
  type Write = { kind: 'saved' | 'notes' | 'mutedSites'; key: string; value: boolean | string; stamp: HlcStamp };

  const editArb = fc.record({
    type: fc.constant('edit' as const),
    replica: fc.nat(2),
    kind: fc.constantFrom('saved' as const, 'notes' as const, 'mutedSites' as const),
    key: fc.constantFrom('k1', 'k2', 'k3'),
    isOn: fc.boolean(),
    text: fc.constantFrom('', 'draft', 'final', '长文本'),
    advance: fc.oneof(fc.constant(0), fc.nat(3_000)),
  });
  const syncArb = fc.record({
    type: fc.constant('sync' as const),
    from: fc.nat(2),
    to: fc.nat(2),
    advance: fc.oneof(fc.constant(0), fc.nat(3_000)),
  });
  /** Up to six hours of skew each way: devices disagree, but by less than the day-ahead limit. */
  const skewArb = fc.integer({ min: -6 * 3_600_000, max: 6 * 3_600_000 });

  function syncInto(target: Replica, source: Replica, now: number): void {
    const { state: merged, refused } = mergeStates(target.state, source.state, now);
    expect(refused).toEqual([]);
    target.state = applyChanges(target.state, changesToApply(target.state, merged));
    const latest = latestStamp(source.state);
    if (latest !== undefined) target.clock = receive(target.clock, latest, now).clock;
  }

  it.each([2, 3])(
    '%i replicas with skewed clocks, random edits and syncs in random order end equal, each key holding its latest write',
    (count) => {
      fc.assert(
        fc.property(
          fc.array(skewArb, { minLength: count, maxLength: count }),
          fc.array(fc.oneof(editArb, syncArb), { maxLength: 80 }),
          (skews, steps) => {
            let realTime = NOW - 7 * 86_400_000;
            const replicas: Replica[] = skews.map((skew, i) => ({
              clock: createClock(DEVICES[i] ?? A, realTime + skew),
              state: emptySyncState(),
              skew,
            }));
            const writes: Write[] = [];
            for (const step of steps) {
              realTime += step.advance;
              if (step.type === 'edit') {
                const replica = replicas[step.replica % count];
                if (replica === undefined) continue;
                const seen = latestStamp(replica.state);
                const { clock, stamp } = tick(replica.clock, realTime + replica.skew);
                // Causality: a write outranks everything its device has seen, whatever its wall clock says.
                if (seen !== undefined) expect(stamp > seen).toBe(true);
                replica.clock = clock;
                const value = step.kind === 'notes' ? step.text : step.isOn;
                if (step.kind === 'saved') replica.state.saved[step.key] = { isSaved: step.isOn, stamp };
                else if (step.kind === 'notes') replica.state.notes[step.key] = { text: step.text, stamp };
                else replica.state.mutedSites[step.key] = { isMuted: step.isOn, stamp };
                writes.push({ kind: step.kind, key: step.key, value, stamp });
              } else {
                const [from, to] = [replicas[step.from % count], replicas[step.to % count]];
                if (from !== undefined && to !== undefined && from !== to) syncInto(to, from, realTime + to.skew);
              }
            }
            // Everyone meets everyone: two rounds, so what reached the last replica gets back to the first.
            for (let round = 0; round < 2; round++) {
              for (const to of replicas) for (const from of replicas) if (from !== to) syncInto(to, from, realTime + to.skew);
            }
            for (const replica of replicas) expect(replica.state).toEqual(replicas[0]?.state);
            const final = replicas[0]?.state ?? emptySyncState();
            const latest = new Map<string, Write>();
            for (const write of writes) {
              const id = `${write.kind}:${write.key}`;
              const known = latest.get(id);
              if (known === undefined || write.stamp > known.stamp) latest.set(id, write);
            }
            const expected = emptySyncState();
            for (const write of latest.values()) {
              if (write.kind === 'saved') expected.saved[write.key] = { isSaved: write.value === true, stamp: write.stamp };
              else if (write.kind === 'notes') expected.notes[write.key] = { text: String(write.value), stamp: write.stamp };
              else expected.mutedSites[write.key] = { isMuted: write.value === true, stamp: write.stamp };
            }
            expect(final).toEqual(expected);
          },
        ),
        propertyRuns(300),
      );
    },
  );
});

describe('changesToApply', () => {
  it('lists only what the merge made newer or better; a refused or older remote register is not written', () => {
    const local = stateOf({ saved: { u1: [true, stampAt(NOW)], u2: [true, stampAt(NOW - 5)] }, notes: { u3: ['mine', stampAt(NOW)] } });
    local.anchors.u1 = { entry: entryFor('u1', 0), anchoredAt: stampAt(NOW) };
    const remote = stateOf({
      saved: { u1: [false, stampAt(NOW - 1, 0, B)], u2: [false, stampAt(NOW, 0, B)], u4: [true, stampAt(NOW + MAX_AHEAD_MS + 1, 0, B)] },
      notes: { u3: ['theirs', stampAt(NOW - 1, 0, B)] },
    });
    remote.anchors.u1 = { entry: entryFor('u1', 1), anchoredAt: stampAt(NOW + 1, 0, B) };
    const { state } = merge(local, remote);
    expect(changesToApply(local, state)).toEqual({
      saved: { u2: { isSaved: false, stamp: stampAt(NOW, 0, B) } },
      notes: {},
      mutedSites: {},
      switches: {},
      anchors: { u1: { entry: entryFor('u1', 1), anchoredAt: stampAt(NOW + 1, 0, B) } },
    });
  });

  it('applied over the local state gives the merged state whenever nothing was refused', () => {
    fc.assert(
      fc.property(syncStateArb, syncStateArb, (a, b) => {
        const { state, refused } = merge(a, b);
        fc.pre(refused.length === 0);
        expect(applyChanges(a, changesToApply(a, state))).toEqual(state);
      }),
      propertyRuns(500),
    );
  });
});

describe('diffStates and the failsafe', () => {
  const at = (offset: number) => stampAt(NOW + offset);
  /** `count` saved entries, each with a note, all from before the merge. */
  function savedWithNotes(count: number): SyncState {
    const state = emptySyncState();
    for (let i = 0; i < count; i++) {
      state.saved[`s${i}`] = { isSaved: true, stamp: at(-100) };
      state.notes[`s${i}`] = { text: `note ${i}`, stamp: at(-100) };
    }
    return state;
  }

  it('names each change as the user would see it', () => {
    const before = stateOf({
      saved: { u1: [true, at(-9)], u2: [false, at(-9)] },
      notes: { u1: ['old', at(-9)], u2: ['gone soon', at(-9)] },
      muted: { 'a.com': [true, at(-9)] },
    });
    const after = stateOf({
      saved: { u1: [false, at(0)], u2: [true, at(0)], u3: [true, at(0)], u4: [false, at(0)] },
      notes: { u1: ['new', at(0)], u2: [' ', at(0)], u3: ['fresh', at(0)] },
      muted: { 'a.com': [false, at(0)], 'b.com': [true, at(0)] },
    });
    after.switches.cardsEnabled = { isOn: false, stamp: at(0) };
    expect(diffStates(before, after)).toEqual({
      saved: ['u2', 'u3'],
      unsaved: ['u1'],
      notesAdded: ['u3'],
      notesChanged: ['u1'],
      notesCleared: ['u2'],
      muted: ['b.com'],
      unmuted: ['a.com'],
      cardsEnabled: false,
    });
  });

  it('counts a key the merge left out (refused) as unchanged', () => {
    const before = stateOf({ saved: { u1: [true, at(-9)] } });
    expect(diffStates(before, emptySyncState())).toEqual(diffStates(before, before));
  });

  it('counts saved entries and non-empty notes as items', () => {
    expect(
      countUserItems(stateOf({ saved: { u1: [true, at(0)], u2: [false, at(0)] }, notes: { u1: ['n', at(0)], u3: [' \n', at(0)] } })),
    ).toBe(2);
  });

  /** Unsaves `unsaves` and clears `clears` of the items of `before`. */
  function losing(before: SyncState, unsaves: number, clears: number): SyncState {
    const after = structuredClone(before);
    for (let i = 0; i < unsaves; i++) after.saved[`s${i}`] = { isSaved: false, stamp: at(0) };
    for (let i = 0; i < clears; i++) after.notes[`s${i}`] = { text: '', stamp: at(0) };
    return after;
  }

  it.each([
    // [entries saved with notes (items = 2×), unsaves, clears, asks?]
    ['6 of 10 items: over 20 % and over 5', 5, 3, 3, true],
    ['5 of 10 items: over 20 %, but not over 5', 5, 3, 2, false],
    ['6 of 30 items: over 5, but exactly 20 %', 15, 6, 0, false],
    ['7 of 30 items: over 5 and over 20 %', 15, 4, 3, true],
    ['20 of 200 items: 10 %', 100, 10, 10, false],
    ['everything of 3 items', 3, 3, 0, false],
  ])('%s', (_label, entries, unsaves, clears, asks) => {
    const before = savedWithNotes(entries);
    expect(needsConfirmation(before, losing(before, unsaves, clears))).toBe(asks);
  });

  it('never asks when the merge only adds: a new, empty device meeting a folder gets the union', () => {
    const folder = savedWithNotes(50);
    const { state } = merge(emptySyncState(), folder);
    expect(state).toEqual(folder);
    expect(needsConfirmation(emptySyncState(), state)).toBe(false);
  });

  it('asks when a folder of tombstones meets a full device', () => {
    const local = savedWithNotes(20);
    const remote = losing(local, 20, 20);
    expect(needsConfirmation(local, merge(local, remote).state)).toBe(true);
  });

  it('does not count changed notes or settings as losses', () => {
    const before = savedWithNotes(10);
    const after = structuredClone(before);
    for (let i = 0; i < 10; i++) after.notes[`s${i}`] = { text: 'rewritten', stamp: at(0) };
    expect(needsConfirmation(before, after)).toBe(false);
  });
});

describe('latestStamp', () => {
  it('is the greatest stamp of any register or anchor, none for an empty state', () => {
    const state = stateOf({ saved: { u1: [true, stampAt(NOW, 1, A)] }, notes: { u1: ['x', stampAt(NOW, 0, C)] } });
    expect(latestStamp(state)).toBe(stampAt(NOW, 1, A));
    state.anchors.u1 = { entry: entryFor('u1', 1), anchoredAt: stampAt(NOW + 1) };
    expect(latestStamp(state)).toBe(stampAt(NOW + 1));
    expect(latestStamp(emptySyncState())).toBeUndefined();
  });
});
