// Seed files → the corpus: each file a volume, decoded, parsed and bounded here, then merged (ids,
// reposts, uids). Pure (files come in as bytes). The assets made from it are lib/assets/'s.

import { decodeSeed } from './decode-seed';
import { entryIdOf, VOLUME_SIZE } from './entry-id';
import { assignEntryUids } from './entry-identity';
import { hashText } from './hash-text';
import { linkRevisions } from './link-revisions';
import { CorpusFormatError, parseSeed } from './parse-digest';
import type { Corpus } from './types';

/** A seed file as read from disk: its bytes are checked here (UTF-8, controls, lengths), not by the reader. */
export type SeedFile = { name: string; bytes: Uint8Array };

/** Code-unit order, not `localeCompare`: the volume order (and so every id) must not depend on the build machine's locale. */
function byName(a: SeedFile, b: SeedFile): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Each seed file is a volume, numbered by its place in name order (`000_…` first); its entries get
 * ids `entryIdOf(volume, heading number)`. Reposts and uids are worked out on the merged list, so
 * an entry repeating one from an earlier volume links to it and both keep distinct uids.
 */
export function buildCorpus(seeds: SeedFile[]): Corpus {
  const entries = [...seeds]
    .sort(byName)
    .flatMap((seed, volumeOrdinal) => {
      const { entries: parsed, headingLineOf } = parseSeed(decodeSeed(seed.bytes, seed.name), seed.name);
      return parsed.map((entry) => {
        if (entry.id >= VOLUME_SIZE) {
          throw new CorpusFormatError(
            seed.name,
            headingLineOf.get(entry.id) ?? 1,
            `entry number ${entry.id} does not fit a volume (at most ${VOLUME_SIZE - 1}: ids are volume × ${VOLUME_SIZE} + number; see lib/corpus/entry-id.ts)`,
          );
        }
        return { ...entry, id: entryIdOf(volumeOrdinal, entry.id) };
      });
    })
    .sort((a, b) => a.id - b.id);
  linkRevisions(entries);
  const withUids = assignEntryUids(entries);
  return { hash: hashText(JSON.stringify(withUids)), entries: withUids };
}
