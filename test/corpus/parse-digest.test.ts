import { describe, expect, it } from 'vitest';
import { decodeSeed } from '../../lib/corpus/decode-seed';
import { CorpusFormatError, entryFieldLines, parseDigest } from '../../lib/corpus/parse-digest';
import { MAX_ENTRY_LENGTH, MAX_ENTRY_LINES, MAX_ENTRY_URLS } from '../../lib/corpus/seed-limits';
import type { ParsedEntry } from '../../lib/corpus/types';
import { readSeedFiles } from '../support/seed';

const seeds = readSeedFiles();
const [seedFile] = seeds;
if (seedFile === undefined) throw new Error('no seed file in seeds/');
const seed = { name: seedFile.name, text: decodeSeed(seedFile.bytes, seedFile.name) };
const entries = parseDigest(seed.text, seed.name);
const byId = new Map(entries.map((entry) => [entry.id, entry]));
const entry = (id: number): ParsedEntry => {
  const found = byId.get(id);
  if (found === undefined) throw new Error(`no entry ${id}`);
  return found;
};

function countLines(lines: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

describe('parseDigest on the real seed', () => {
  it('finds 119 entries numbered 1..119 by their headings', () => {
    expect(entries).toHaveLength(119);
    expect(entries.map((e) => e.id)).toEqual(Array.from({ length: 119 }, (_, i) => i + 1));
  });

  it('puts every non-blank seed line in exactly one field', () => {
    const fieldLines = entries.flatMap((e) => [`### ${String(e.id).padStart(2, '0')}`, e.date, ...entryFieldLines(e)]);
    const seedLines = seed.text.split(/\r?\n/).filter((line) => line.trim() !== '');
    const fromFields = countLines(fieldLines.map((line) => line.trim()));
    const fromSeed = countLines(seedLines.map((line) => line.trim()));
    const differences = [...new Set([...fromFields.keys(), ...fromSeed.keys()])]
      .filter((line) => fromFields.get(line) !== fromSeed.get(line))
      .map((line) => ({ line, seed: fromSeed.get(line) ?? 0, fields: fromFields.get(line) ?? 0 }));
    expect(differences).toEqual([]);
    expect(fieldLines).toHaveLength(seedLines.length);
  });

  it('dates every entry', () => {
    for (const e of entries) expect(e.date).toMatch(/^2024-03-\d{2}$/);
    expect(entry(1).date).toBe('2024-03-01');
    expect(entry(119).date).toBe('2024-03-30');
  });

  it('reads entry 58 as a post by @dotey quoting @op7418', () => {
    const [post] = entry(58).posts;
    expect(post?.handle).toBe('dotey');
    expect(post?.text).toMatch(/^我一直觉得：大语言模型的推理能力才是根本/);
    expect(post?.quote).toMatchObject({ author: '歸藏(guizang.ai)', handle: 'op7418', dateLabel: '3月18日' });
    expect(post?.quote?.text).toMatch(/^月之暗面开放了 KimiChat 200 万字上下文的内测申请/);
  });

  it('reads editor notes with their dates (entries 50 and 98)', () => {
    expect(entry(50).posts[0]?.notes).toEqual([{ seq: 1, text: '试了下，目前感觉不好用。', date: '2024-03-17' }]);
    expect(entry(98).posts[0]?.notes).toEqual([
      { seq: 2, text: '无意中发现，这个视频的主播  Dwarkesh Patel 就是我今天看的采访小扎的主播  Dwarkesh Patel。', date: '2024-03-20' },
    ]);
    expect(entry(50).posts[0]?.text).not.toContain('『');
  });

  it('keeps the source status URL written before the author (entries 30, 31)', () => {
    expect(entry(30).posts[0]).toMatchObject({
      author: 'Yann LeCun',
      handle: 'ylecun',
      sourceUrl: 'https://x.com/ylecun/status/1766498677751787723?s=20',
    });
    expect(entry(31).posts[0]?.sourceUrl).toBe('https://x.com/op7418/status/1767068140100571454?s=20');
  });

  it('leaves reposts to the build, which links them across all volumes', () => {
    expect(entries.filter((e) => e.revisionOf !== undefined || e.revisedBy !== undefined)).toEqual([]);
  });

  it('splits threads into posts and keeps inline @mentions in the text', () => {
    expect(entry(5).posts.map((p) => p.handle)).toEqual(['dotey', 'dotey']);
    expect(entry(33).posts.map((p) => p.handle)).toEqual(['op7418', 'TrainedOnTest']);
    expect(entry(70).posts.map((p) => p.handle)).toEqual(['jerryjliu0']);
    expect(entry(70).posts[0]?.text).toContain('@weaviate_io');
    expect(entry(78).posts[0]?.text).toContain('Voyage AI (\n@Voyage_AI_\n)');
  });

  it('treats the handle as identity across display names', () => {
    const names = new Set(entries.flatMap((e) => e.posts.filter((p) => p.handle === 'op7418').map((p) => p.author)));
    expect(names).toEqual(new Set(['歸藏', '歸藏(guizang.ai)', '歸藏 (guizang.ai)']));
    expect(entry(34).posts[0]?.author).toBe('Leeoxiang #Tencent');
  });

  it('extracts the 95 distinct URLs cleanly', () => {
    const urls = new Set(entries.flatMap((e) => e.urls));
    expect(urls.size).toBe(95);
    for (const url of urls) {
      expect(url).toMatch(/^https?:\/\/[\x21-\x7e]+$/);
      expect(url).not.toMatch(/[\]),.;:!?'"）。，]$/);
    }
    expect(urls).toContain('http://claude.ai');
    expect(urls).toContain('https://deeplearning.ai/the-batch/issue-241/');
    expect(urls).toContain('https://mp.weixin.qq.com/s/4111julSNH4XPXsUc8XEXA');
    expect(urls).toContain('https://www.youtube.com/watch?v=jvqFAi7vkBc&t=3s');
  });

  it('keeps markup-like text as text (entry 108)', () => {
    const text = entry(108).posts[0]?.text ?? '';
    expect(text).toContain('\\<prompt_explanation>');
    expect(text).toContain('$test_case_table');
  });
});

const GOOD_ENTRY = '### 01\n\n2024-03-01\n\n宝玉\n@dotey\nhello\n';
/** An entry whose lines (each with its line break) hold exactly `length` characters. */
const entryOfLength = (id: string, length: number) => {
  const head = '\n2024-03-01\n\n宝玉\n@dotey\n';
  const bodyLength = length - head.length;
  const line = 'x'.repeat(999);
  const body = Array.from({ length: Math.floor(bodyLength / 1000) }, () => `${line}\n`).join('') + 'y'.repeat((bodyLength % 1000) - 1);
  return `### ${id}\n${head}${body}`;
};
/** An entry of `count` lines after its heading (5 of them date and author). */
const entryOfLines = (id: string, count: number) => `### ${id}\n\n2024-03-01\n\n宝玉\n@dotey${'\nx'.repeat(count - 5)}`;
/** An entry citing `count` URLs, ten to a line, after its 6 header lines (heading included). */
const entryOfUrls = (id: string, count: number) =>
  `### ${id}\n\n2024-03-01\n\n宝玉\n@dotey\n` +
  Array.from({ length: Math.ceil(count / 10) }, (_, line) =>
    Array.from({ length: Math.min(10, count - line * 10) }, (_, i) => `https://a.com/${line * 10 + i}`).join(' '),
  ).join('\n');

describe('parseDigest on malformed seeds', () => {
  it.each([
    ['text before the first heading', 'stray\n' + GOOD_ENTRY, 1, /before the first entry heading/],
    ['a heading that is not a number', '### one\n\n2024-03-01\n', 1, /malformed entry heading/],
    ['a missing date', '### 01\n\n宝玉\n@dotey\nhello\n', 3, /expected a date/],
    ['an impossible date', '### 01\n\n2024-02-31\n\n宝玉\n@dotey\nx\n', 3, /expected a date/],
    ['no author line', '### 01\n\n2024-03-01\n\njust text\n', 5, /has no post/],
    ['text before the author', '### 01\n\n2024-03-01\n\nstray text\n\n宝玉\n@dotey\nx\n', 5, /unexpected text before the first post/],
    ['a duplicated heading', GOOD_ENTRY + '\n### 01\n\n2024-03-02\n\n宝玉\n@dotey\nx\n', 9, /duplicate entry number 1 \(first at line 1\)/],
    ['a heading with no date or post', GOOD_ENTRY + '### 02\n', 8, /entry 2 has no date line/],
    ['an empty file', '\n\n', 1, /no entries found/],
    [
      'an over-long entry, at its heading line',
      GOOD_ENTRY + '\n' + entryOfLength('02', MAX_ENTRY_LENGTH + 1),
      9,
      `entry 2 is ${MAX_ENTRY_LENGTH + 1} characters long (the limit is ${MAX_ENTRY_LENGTH}`,
    ],
    [
      'too many lines, at the heading line',
      GOOD_ENTRY + '\n' + entryOfLines('02', MAX_ENTRY_LINES + 1),
      9,
      `entry 2 has ${MAX_ENTRY_LINES + 1} lines (the limit is ${MAX_ENTRY_LINES}`,
    ],
    [
      'too many URLs, at the line of the first one over',
      GOOD_ENTRY + '\n' + entryOfUrls('02', MAX_ENTRY_URLS + 1),
      9 + 6 + Math.floor(MAX_ENTRY_URLS / 10),
      `entry 2 has more than ${MAX_ENTRY_URLS} URLs (URL ${MAX_ENTRY_URLS + 1} is on this line`,
    ],
  ])('rejects %s with file and line', (_label, text, line, reason) => {
    const attempt = () => parseDigest(text, 'seeds/bad.txt');
    expect(attempt).toThrow(CorpusFormatError);
    expect(attempt).toThrow(new RegExp(`^seeds/bad\\.txt:${line}: `));
    expect(attempt).toThrow(reason);
  });

  it.each([
    ['characters', entryOfLength, MAX_ENTRY_LENGTH],
    ['lines', entryOfLines, MAX_ENTRY_LINES],
    ['URLs', entryOfUrls, MAX_ENTRY_URLS],
  ])('accepts an entry exactly at the limit on %s, not one over', (_label, entryOf, limit) => {
    expect(() => parseDigest(entryOf('01', limit), 'x.txt')).not.toThrow();
    expect(() => parseDigest(entryOf('01', limit + 1), 'x.txt')).toThrow(CorpusFormatError);
  });

  it('accepts a minimal entry', () => {
    expect(parseDigest(GOOD_ENTRY, 'x.txt')).toEqual([
      { id: 1, date: '2024-03-01', posts: [{ author: '宝玉', handle: 'dotey', text: 'hello', notes: [] }], urls: [] },
    ]);
  });
});
