// An entry's public number (its id: the Dexie key, `#/entry/<id>`, messages) and the label the UI
// shows for it. Both derive from the volume (a seed file, in name order) and the heading number, so
// nothing else stores them. Pure.

/** Heading numbers a volume may use (1–999): volume n's ids are n × 1000 + heading number. */
export const VOLUME_SIZE = 1000;

/** The first volume keeps its heading numbers as ids, so links made before volumes still work. */
export function entryIdOf(volumeOrdinal: number, headingNumber: number): number {
  return volumeOrdinal * VOLUME_SIZE + headingNumber;
}

/** Where an id came from: the 0-based volume (seed file in name order) and the `### NN` number. */
export function entryPlaceOf(id: number): { volumeOrdinal: number; headingNumber: number } {
  return { volumeOrdinal: Math.floor(id / VOLUME_SIZE), headingNumber: id % VOLUME_SIZE };
}

/**
 * What the UI writes after `#`: the heading number in the first volume (`7`), volume and padded
 * number in later ones (`2-07`, the second file's `### 07`). A label never changes when a volume
 * is added, so the first volume reads the same in a one-volume and a ten-volume digest.
 */
export function entryLabel(id: number): string {
  const { volumeOrdinal, headingNumber } = entryPlaceOf(id);
  if (volumeOrdinal === 0) return String(headingNumber);
  return `${volumeOrdinal + 1}-${String(headingNumber).padStart(2, '0')}`;
}
