// Settings for fast-check properties: a fixed seed, so every run tries the same cases and a failure
// reproduces; SIDENOTE_FC_SEED=<n> explores others. fast-check prints the seed and path on failure.
import type { Parameters } from 'fast-check';

export const PROPERTY_SEED = process.env.SIDENOTE_FC_SEED === undefined ? 0x51de : Number(process.env.SIDENOTE_FC_SEED);

export function propertyRuns<T>(numRuns: number): Parameters<T> {
  return { seed: PROPERTY_SEED, numRuns };
}
