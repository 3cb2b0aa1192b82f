import { describe, expect, it } from 'vitest';
import { MAX_AHEAD_MS } from '../../lib/sync/hlc';
import { countRecords, planRemoteApply } from '../../lib/sync/local-replica';
import { emptySyncState } from '../../lib/sync/sync-state';
import { overlayChanges } from '../support/memory-replica';
import { DEVICES, entryFor, NOW, stampAt, stateOf } from '../support/sync-states';

const [A, B] = DEVICES;

describe('planRemoteApply', () => {
  it('writes only what the remote state makes newer, and names the stamp to receive', () => {
    const local = stateOf({ saved: { u1: [true, stampAt(NOW, 0, A)] }, notes: { u2: ['local, later', stampAt(NOW + 5, 0, A)] } });
    const remote = stateOf({
      saved: { u1: [false, stampAt(NOW + 1, 0, B)], u3: [true, stampAt(NOW - 9, 0, B)] },
      notes: { u2: ['remote, earlier', stampAt(NOW + 4, 0, B)] },
    });
    const plan = planRemoteApply(local, remote, NOW);
    expect(plan.changes).toEqual(stateOf({ saved: { u1: [false, stampAt(NOW + 1, 0, B)], u3: [true, stampAt(NOW - 9, 0, B)] } }));
    expect(plan.applied).toBe(2);
    expect(plan.refused).toEqual([]);
    expect(plan.latestAccepted).toBe(stampAt(NOW + 5, 0, A));
  });

  it('is idempotent: the same remote state again writes nothing', () => {
    const remote = {
      ...stateOf({ saved: { u1: [true, stampAt(NOW, 0, B)] } }),
      anchors: { u1: { entry: entryFor('u1', 1), anchoredAt: stampAt(NOW, 0, B) } },
    };
    const once = planRemoteApply(emptySyncState(), remote, NOW);
    expect(once.applied).toBe(2);
    const after = overlayChanges(emptySyncState(), once.changes);
    expect(planRemoteApply(after, remote, NOW)).toMatchObject({ applied: 0, changes: emptySyncState() });
  });

  it('refuses what is stamped more than a day ahead: not written, not received', () => {
    const ahead = stampAt(NOW + MAX_AHEAD_MS + 1, 0, B);
    const plan = planRemoteApply(emptySyncState(), stateOf({ saved: { u1: [true, ahead] } }), NOW);
    expect(plan).toEqual({
      changes: emptySyncState(),
      applied: 0,
      refused: [{ kind: 'saved', key: 'u1', stamp: ahead }],
      latestAccepted: undefined,
    });
  });

  it('counts registers and anchors', () => {
    expect(countRecords(emptySyncState())).toBe(0);
    expect(countRecords(stateOf({ saved: { u1: [true, stampAt(NOW)] }, muted: { 'a.com': [true, stampAt(NOW)] } }))).toBe(2);
  });
});
