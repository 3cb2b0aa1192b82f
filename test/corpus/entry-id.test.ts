import { describe, expect, it } from 'vitest';
import { entryIdOf, entryLabel, entryPlaceOf } from '../../lib/corpus/entry-id';

describe('entry ids and labels', () => {
  it.each([
    // volume ordinal, heading number, id, label
    [0, 1, 1, '1'],
    [0, 7, 7, '7'],
    [0, 119, 119, '119'],
    [0, 999, 999, '999'],
    [1, 1, 1001, '2-01'],
    [1, 7, 1007, '2-07'],
    [2, 7, 2007, '3-07'],
    [2, 119, 2119, '3-119'],
    [11, 42, 11042, '12-42'],
  ])('volume %i, heading %i → id %i, label %s', (volumeOrdinal, headingNumber, id, label) => {
    expect(entryIdOf(volumeOrdinal, headingNumber)).toBe(id);
    expect(entryPlaceOf(id)).toEqual({ volumeOrdinal, headingNumber });
    expect(entryLabel(id)).toBe(label);
  });
});
