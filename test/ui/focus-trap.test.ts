import { describe, expect, it } from 'vitest';
import { trappedFocusTarget } from '../../lib/ui/focus-trap';

describe('trappedFocusTarget', () => {
  const controls = ['first', 'middle', 'last'];
  it.each<[current: string | null, isBackward: boolean, expected: string | undefined]>([
    // The browser's own move stays inside.
    ['first', false, undefined],
    ['middle', false, undefined],
    ['middle', true, undefined],
    ['last', true, undefined],
    // The edges wrap.
    ['last', false, 'first'],
    ['first', true, 'last'],
    // Focus on the dialog itself, or lost to the page, comes in at an edge.
    ['dialog', false, 'first'],
    ['dialog', true, 'last'],
    [null, false, 'first'],
    [null, true, 'last'],
  ])('from %s, backwards %s → %s', (current, isBackward, expected) => {
    expect(trappedFocusTarget(controls, current, isBackward)).toBe(expected);
  });

  it('keeps a lone control focused both ways', () => {
    expect(trappedFocusTarget(['close'], 'close', false)).toBe('close');
    expect(trappedFocusTarget(['close'], 'close', true)).toBe('close');
  });

  it('has nowhere to send focus in a dialog without controls', () => {
    expect(trappedFocusTarget([], null, false)).toBeUndefined();
  });
});
