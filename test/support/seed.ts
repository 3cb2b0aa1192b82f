// The real seed, parsed once per test file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAssets, GLOSSARY_FILE } from '../../lib/assets/build-assets';
import type { ShippedAssets } from '../../lib/assets/shipped-assets';
import { buildCorpus, type SeedFile } from '../../lib/corpus/build-corpus';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds', import.meta.url));

export function readSeedFiles(): SeedFile[] {
  return readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => ({ name: `seeds/${name}`, bytes: readFileSync(join(SEEDS_DIR, name)) }));
}

export const realCorpus = buildCorpus(readSeedFiles());

/** The curated glossary the build reads beside the seeds. */
export function readGlossaryFile(): SeedFile {
  return { name: `seeds/${GLOSSARY_FILE}`, bytes: readFileSync(join(SEEDS_DIR, GLOSSARY_FILE)) };
}

/** What the build ships: corpus, index (with the alias table) and meta. */
export function buildShippedAssets(): ShippedAssets {
  return buildAssets(readSeedFiles(), readGlossaryFile());
}
