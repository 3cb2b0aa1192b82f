import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../lib/corpus/build-corpus';
import { entryLabel } from '../../lib/corpus/entry-id';
import { hashText } from '../../lib/corpus/hash-text';
import { CorpusFormatError } from '../../lib/corpus/parse-digest';
import { realCorpus } from '../support/seed';

const one = (id: string, text = 'hello', date = '2024-03-01') => `### ${id}\n\n${date}\n\n宝玉\n@dotey\n${text}\n`;
const seed = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

describe('buildCorpus', () => {
  it('hashes content: same seeds give the same hash, any edit a new one', () => {
    const a = buildCorpus([seed('a.txt', one('01'))]);
    expect(buildCorpus([seed('a.txt', one('01'))]).hash).toBe(a.hash);
    expect(buildCorpus([seed('a.txt', one('01', 'hello!'))]).hash).not.toBe(a.hash);
    expect(hashText('a')).not.toBe(hashText('b'));
  });

  it('numbers each seed file as a volume in name order: id = volume × 1000 + heading number', () => {
    const corpus = buildCorpus([
      seed('seeds/002_c.txt', `${one('07')}${one('01')}`),
      seed('seeds/000_a.txt', `${one('01')}${one('07')}`),
      seed('seeds/001_b.txt', `${one('01')}${one('07')}`),
    ]);
    expect(corpus.entries.map((e) => e.id)).toEqual([1, 7, 1001, 1007, 2001, 2007]);
    expect(corpus.entries.map((e) => entryLabel(e.id))).toEqual(['1', '7', '2-01', '2-07', '3-01', '3-07']);
  });

  it("keeps the first volume's ids when a second one is added", () => {
    const alone = buildCorpus([seed('seeds/000_a.txt', one('07', 'first'))]);
    const withNext = buildCorpus([seed('seeds/000_a.txt', one('07', 'first')), seed('seeds/001_b.txt', one('07', 'next'))]);
    expect(alone.entries.map((e) => [e.id, e.uid])).toEqual([[7, alone.entries[0]?.uid]]);
    expect(withNext.entries.map((e) => [e.id, e.uid])).toEqual([
      [7, alone.entries[0]?.uid],
      [1007, expect.any(String)],
    ]);
  });

  it.each([
    [
      'the first volume',
      [seed('seeds/000_a.txt', `${one('01')}${one('1000')}`)],
      /^seeds\/000_a\.txt:8: entry number 1000 does not fit a volume/,
    ],
    [
      'a later volume',
      [seed('seeds/000_a.txt', one('01')), seed('seeds/001_b.txt', `${one('999')}${one('01')}${one('1234')}`)],
      /^seeds\/001_b\.txt:15: entry number 1234 does not fit a volume \(at most 999/,
    ],
  ])('fails on a heading number of 1000 or more in %s, with file and line', (_label, seeds, message) => {
    expect(() => buildCorpus(seeds)).toThrow(CorpusFormatError);
    expect(() => buildCorpus(seeds)).toThrow(message);
  });

  it('links a repost in a later volume to its first appearance in an earlier one', () => {
    const corpus = buildCorpus([
      seed('seeds/000_a.txt', `${one('04', 'other')}${one('05', 'Claude 3 发布')}`),
      seed('seeds/001_b.txt', `${one('03', 'Claude 3 发布\n1『补充：已开放 API（2024-04-02）』', '2024-04-02')}`),
      seed('seeds/002_c.txt', `${one('09', 'Claude 3 发布', '2024-05-01')}`),
    ]);
    const byId = new Map(corpus.entries.map((e) => [e.id, e]));
    expect(byId.get(5)?.revisedBy).toEqual([1003, 2009]);
    expect(byId.get(1003)?.revisionOf).toBe(5);
    expect(byId.get(2009)?.revisionOf).toBe(5);
    expect(byId.get(4)).not.toHaveProperty('revisionOf');
    expect(new Set(corpus.entries.map((e) => e.uid)).size).toBe(corpus.entries.length);
  });

  it('keeps an entry repeated word for word in another volume distinct: its own id and a `~2` uid', () => {
    const corpus = buildCorpus([seed('seeds/000_a.txt', one('05', 'same words')), seed('seeds/001_b.txt', one('05', 'same words'))]);
    const [first, repeat] = corpus.entries;
    expect([first?.id, repeat?.id]).toEqual([5, 1005]);
    expect(repeat?.uid).toBe(`${first?.uid}~2`);
    expect(repeat?.revisionOf).toBe(5);
  });

  it("links the real digest's repost: 50 repeats 49 with an added note", () => {
    expect(realCorpus.entries.filter((e) => e.revisionOf !== undefined).map((e) => [e.id, e.revisionOf])).toEqual([[50, 49]]);
    expect(realCorpus.entries.find((e) => e.id === 49)?.revisedBy).toEqual([50]);
  });

  it('decodes seed bytes strictly, naming the file and line', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode(one('01')), 0xff, 0x0a]);
    expect(() => buildCorpus([{ name: 'a.txt', bytes }])).toThrow(/^a\.txt:8: invalid UTF-8/);
  });
});
