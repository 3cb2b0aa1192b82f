import { describe, expect, it } from 'vitest';
import { entryPlainText } from '../../lib/corpus/entry-identity';
import { formatStamp } from '../../lib/sync/hlc';
import { attachAnchors, SAME_ENTRY_SIMILARITY, textSimilarity } from '../../lib/user-data/reattach';
import type { EntryAnchor } from '../../lib/user-data/types';
import { makeEntry } from '../support/entries';
import { realCorpus } from '../support/seed';

describe('textSimilarity', () => {
  it.each([
    ['equal texts', '长文本 能力', '长文本 能力', 1],
    ['whitespace ignored', '长文本\n能力', '长文本  能力', 1],
    ['disjoint', 'abcdef', 'uvwxyz', 0],
    ['both empty', '', '  ', 1],
  ])('%s', (_label, a, b, expected) => {
    expect(textSimilarity(a, b)).toBeCloseTo(expected, 5);
  });

  it('scores a small edit above the threshold and a different post below it', () => {
    const post = realCorpus.entries[20]?.posts[0]?.text ?? '';
    expect(textSimilarity(post, `${post.replace('的', '得')}（补充一句）`)).toBeGreaterThan(SAME_ENTRY_SIMILARITY);
    expect(textSimilarity(post, realCorpus.entries[21]?.posts[0]?.text ?? '')).toBeLessThan(SAME_ENTRY_SIMILARITY);
  });

  it('keeps every pair of distinct entries by one author on one day below the threshold, but the literal repost 49/50', () => {
    const entries = realCorpus.entries;
    const over: string[] = [];
    for (const a of entries) {
      for (const b of entries) {
        if (a.id >= b.id || a.date !== b.date || a.posts[0]?.handle !== b.posts[0]?.handle) continue;
        if (textSimilarity(entryPlainText(a), entryPlainText(b)) >= SAME_ENTRY_SIMILARITY) over.push(`${a.id}/${b.id}`);
      }
    }
    expect(over).toEqual(['49/50']);
  });
});

const anchorOf = (entry: ReturnType<typeof makeEntry>): EntryAnchor => ({
  uid: entry.uid,
  entry,
  anchoredAt: formatStamp(1, 0, 'aaaaaaaaaa'),
});

describe('attachAnchors', () => {
  const kept = makeEntry(1, '保留不变的一条', { handle: 'dotey' });
  const edited = makeEntry(2, '这一条后来改了一个错别字而已，其余都一样。', { handle: 'dotey' });
  const removed = makeEntry(3, '这一条后来被删除了。', { handle: 'dotey' });
  const anchors = [kept, edited, removed].map(anchorOf);

  it.each([
    ['the same uid, under a new number', [{ ...kept, id: 10 }], [[kept.uid, 10]]],
    [
      'nearly the same text, same author and day',
      [makeEntry(20, '这一条后来改了一个错字而已，其余都一样。', { handle: 'dotey' })],
      [[edited.uid, 20]],
    ],
    ['nearly the same text by another author', [makeEntry(20, '这一条后来改了一个错字而已，其余都一样。', { handle: 'op7418' })], []],
    [
      'nearly the same text on another day',
      [makeEntry(20, '这一条后来改了一个错字而已，其余都一样。', { handle: 'dotey', date: '2024-03-02' })],
      [],
    ],
    ['nothing like it', [makeEntry(30, '毫不相干的内容', { handle: 'dotey' })], []],
  ] as const)('attaches by %s', (_label, entries, expected) => {
    expect([...attachAnchors(anchors, entries)]).toEqual(expected);
  });

  it('picks the closest of several candidates', () => {
    const close = makeEntry(40, '这一条后来改了一个错别字而已，其余都一样！', { handle: 'dotey' });
    const closer = makeEntry(41, '这一条后来改了一个错别字而已，其余都一样。', { handle: 'dotey' });
    expect(attachAnchors([anchorOf(edited)], [close, { ...closer, uid: 'other' }]).get(edited.uid)).toBe(41);
  });
});
