import { describe, expect, it } from 'vitest';
import { buildAssets } from '../../lib/assets/build-assets';
import { SEARCH_INDEX_SHARDS, SEARCH_INDEX_VERSION } from '../../lib/search/search-index';
import { readSeedFiles } from '../support/seed';

const one = (id: string, text = 'hello', date = '2024-03-01') => `### ${id}\n\n${date}\n\n宝玉\n@dotey\n${text}\n`;
const seed = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

describe('buildAssets', () => {
  it('builds assets whose meta, corpus and index agree', () => {
    const assets = buildAssets(readSeedFiles());
    expect(assets.meta).toEqual({ hash: assets.corpus.hash, entryCount: 119, searchIndexVersion: SEARCH_INDEX_VERSION });
    expect(assets.searchIndex.index.corpusHash).toBe(assets.corpus.hash);
    expect(assets.searchIndex.shards.map((shard) => [shard.shard, shard.corpusHash])).toEqual(
      Array.from({ length: SEARCH_INDEX_SHARDS }, (_, shard) => [shard, assets.corpus.hash]),
    );
    const partNames = new Set(assets.searchIndex.shards.flatMap((shard) => Object.keys(shard.parts)));
    expect([...partNames].sort()).toEqual(['author.1.map', 'body.1.map', 'title.1.map']);
    expect(Object.keys(assets.searchIndex.index.registry)).toEqual(['1.reg']);
  });

  it('ships the glossary in the index, and fails the build on a malformed glossary line with file and line', () => {
    const withGlossary = buildAssets([seed('a.txt', one('01'))], seed('seeds/glossary.tsv', '# terms\nterm\t提示词\tprompt\n'));
    expect(withGlossary.searchIndex.index.aliases.groups.some((group) => group.forms.some(([display]) => display === 'prompt'))).toBe(true);
    expect(() => buildAssets([seed('a.txt', one('01'))], seed('seeds/glossary.tsv', '# terms\nterm\tprompt\n'))).toThrow(
      /^seeds\/glossary\.tsv:2: /,
    );
    const badBytes = { name: 'seeds/glossary.tsv', bytes: Uint8Array.from([0x74, 0x65, 0x72, 0x6d, 0x09, 0xff, 0x0a]) };
    expect(() => buildAssets([seed('a.txt', one('01'))], badBytes)).toThrow(/seeds\/glossary\.tsv:1/);
  });
});
