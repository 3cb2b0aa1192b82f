import { describe, expect, it } from 'vitest';
import { buildCorpus, buildCorpusAssets } from '../../lib/corpus/build-corpus';
import { hashText } from '../../lib/corpus/hash-text';
import { CorpusFormatError } from '../../lib/corpus/parse-digest';
import { SEARCH_INDEX_VERSION } from '../../lib/search/search-index';
import { readSeedFiles } from '../support/seed';

const one = (id: string, text = 'hello') => `### ${id}\n\n2024-03-01\n\n宝玉\n@dotey\n${text}\n`;
const seed = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

describe('buildCorpus', () => {
  it('hashes content: same seeds give the same hash, any edit a new one', () => {
    const a = buildCorpus([seed('a.txt', one('01'))]);
    expect(buildCorpus([seed('a.txt', one('01'))]).hash).toBe(a.hash);
    expect(buildCorpus([seed('a.txt', one('01', 'hello!'))]).hash).not.toBe(a.hash);
    expect(hashText('a')).not.toBe(hashText('b'));
  });

  it('merges several seed files in entry order', () => {
    const corpus = buildCorpus([seed('b.txt', one('02')), seed('a.txt', one('01'))]);
    expect(corpus.entries.map((e) => e.id)).toEqual([1, 2]);
  });

  it('fails on an entry number defined in two files, at the second heading, naming the first', () => {
    // Files are read in name order, so b.txt's heading (line 9) is the duplicate of a.txt's (line 17).
    const attempt = () =>
      buildCorpus([seed('b.txt', `${one('02')}\n${one('01')}`), seed('a.txt', `${one('03')}\n${one('04')}\n${one('01')}`)]);
    expect(attempt).toThrow(CorpusFormatError);
    expect(attempt).toThrow(/^b\.txt:9: entry 1 is also defined in a\.txt:17$/);
  });

  it('decodes seed bytes strictly, naming the file and line', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode(one('01')), 0xff, 0x0a]);
    expect(() => buildCorpus([{ name: 'a.txt', bytes }])).toThrow(/^a\.txt:8: invalid UTF-8/);
  });

  it('builds assets whose meta, corpus and index agree', () => {
    const assets = buildCorpusAssets(readSeedFiles());
    expect(assets.meta).toEqual({ hash: assets.corpus.hash, entryCount: 119, searchIndexVersion: SEARCH_INDEX_VERSION });
    expect(assets.searchIndex.corpusHash).toBe(assets.corpus.hash);
    expect(Object.keys(assets.searchIndex.parts).sort()).toEqual(['1.reg', 'author.1.map', 'body.1.map', 'title.1.map']);
  });

  it('ships the glossary in the index, and fails the build on a malformed glossary line with file and line', () => {
    const withGlossary = buildCorpusAssets([seed('a.txt', one('01'))], seed('seeds/glossary.tsv', '# terms\nterm\t提示词\tprompt\n'));
    expect(withGlossary.searchIndex.aliases.groups.some((group) => group.forms.some(([display]) => display === 'prompt'))).toBe(true);
    expect(() => buildCorpusAssets([seed('a.txt', one('01'))], seed('seeds/glossary.tsv', '# terms\nterm\tprompt\n'))).toThrow(
      /^seeds\/glossary\.tsv:2: /,
    );
    const badBytes = { name: 'seeds/glossary.tsv', bytes: Uint8Array.from([0x74, 0x65, 0x72, 0x6d, 0x09, 0xff, 0x0a]) };
    expect(() => buildCorpusAssets([seed('a.txt', one('01'))], badBytes)).toThrow(/seeds\/glossary\.tsv:1/);
  });
});
