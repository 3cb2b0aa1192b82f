// User data follows its entry across corpus changes: renumbered, edited, removed and returning
// entries, on two fixture corpora.
import { describe, expect, it } from 'vitest';
import { swapCorpus } from '../../lib/db/corpus-store';
import { SidenoteDatabase } from '../../lib/db/database';
import { listOrphanedUserData, readAllEntryMarks, readEntryUserState, writeNote, writeSaved } from '../../lib/db/user-data-store';
import { makeCorpus, makeEntry } from '../support/entries';

const KARPATHY = 'Karpathy 说，语言模型的容错性比我们想象的高，提示词不必完美，关键是给足上下文和例子。';
const LAYER = 'LayerDiffusion 可以直接生成透明背景的图片，不再需要抠图工具，透明度是在扩散过程中学出来的。';
const SORA = 'Sora 的技术报告读下来，最有意思的是视频压缩网络和时空 patch 的设计，值得细看。';
const GONE = '这条后来被编辑删掉了：一个关于某个模型发布会的传闻，并没有发生。';

const volumeOne = makeCorpus('v1', [
  makeEntry(1, KARPATHY, { handle: 'dotey', date: '2024-03-01' }),
  makeEntry(2, LAYER, { handle: 'op7418', date: '2024-03-02' }),
  makeEntry(3, SORA, { handle: 'dotey', date: '2024-03-03' }),
  makeEntry(4, GONE, { handle: 'dotey', date: '2024-03-03' }),
]);

// The next volume: a new entry at the top renumbers everything; LayerDiffusion gets a typo fixed
// and a sentence added; the rumour is gone; Sora is unchanged.
const volumeTwo = makeCorpus('v2', [
  makeEntry(1, '新的一条：Claude 3 发布。', { handle: 'dotey', date: '2024-03-04' }),
  makeEntry(2, KARPATHY, { handle: 'dotey', date: '2024-03-01' }),
  makeEntry(3, `${LAYER.replace('抠图', '扣图')}目前只有 A1111 版。`, { handle: 'op7418', date: '2024-03-02' }),
  makeEntry(4, SORA, { handle: 'dotey', date: '2024-03-03' }),
]);

async function withVolumeOneData(): Promise<SidenoteDatabase> {
  const db = new SidenoteDatabase();
  await swapCorpus(db, volumeOne);
  await writeNote(db, 1, '容错性', null, 1);
  await writeSaved(db, 2, true, 2);
  await writeNote(db, 2, '透明图', null, 3);
  await writeSaved(db, 3, true, 4);
  await writeSaved(db, 4, true, 5);
  await writeNote(db, 4, '传闻', null, 6);
  return db;
}

describe('re-attachment across corpus versions', () => {
  it('follows renumbered and edited entries, and keeps removed ones as orphans', async () => {
    const db = await withVolumeOneData();
    await swapCorpus(db, volumeTwo);

    // Renumbered (same identity): 1 → 2, 3 → 4.
    expect(await readEntryUserState(db, 2)).toMatchObject({ isSaved: false, note: '容错性' });
    expect(await readEntryUserState(db, 4)).toMatchObject({ isSaved: true, note: '' });
    // Edited (same author and day, nearly the same text): 2 → 3.
    expect(await readEntryUserState(db, 3)).toMatchObject({ isSaved: true, note: '透明图' });
    // The new entry at the top has nothing; no note moved onto it by number.
    expect(await readEntryUserState(db, 1)).toEqual({ isSaved: false, note: '' });

    const marks = await readAllEntryMarks(db);
    expect(marks.sort((a, b) => a.entryId - b.entryId)).toEqual([
      { entryId: 2, isSaved: false, hasNote: true },
      { entryId: 3, isSaved: true, hasNote: true },
      { entryId: 4, isSaved: true, hasNote: false },
    ]);

    // Removed: an orphan, with the text it was attached to. Never deleted.
    const orphans = await listOrphanedUserData(db);
    expect(orphans).toHaveLength(1);
    expect(orphans[0]).toMatchObject({ entry: { id: 4, date: '2024-03-03' }, user: { isSaved: true, note: '传闻' } });
    expect(orphans[0]?.entry.posts[0]?.text).toBe(GONE);
  });

  it('writes to an edited entry win over the records of its earlier version', async () => {
    const db = await withVolumeOneData();
    await swapCorpus(db, volumeTwo);
    const before = await readEntryUserState(db, 3);
    expect(await writeNote(db, 3, '透明图，已试过', before.noteStamp ?? null, 10)).toMatchObject({ status: 'saved' });
    expect(await writeSaved(db, 3, false, 11)).toMatchObject({ isSaved: false, note: '透明图，已试过' });
    expect((await readAllEntryMarks(db)).find((m) => m.entryId === 3)).toEqual({ entryId: 3, isSaved: false, hasNote: true });
  });

  it('brings an orphan back when its entry returns, and survives going back and forth', async () => {
    const db = await withVolumeOneData();
    await swapCorpus(db, volumeTwo);
    await swapCorpus(db, volumeOne);
    expect(await readEntryUserState(db, 4)).toMatchObject({ isSaved: true, note: '传闻' });
    expect(await readEntryUserState(db, 2)).toMatchObject({ isSaved: true, note: '透明图' });
    expect(await listOrphanedUserData(db)).toEqual([]);
  });

  it('does not attach to a different entry by the same author on the same day', async () => {
    const db = await withVolumeOneData();
    const rewritten = makeCorpus('v3', [
      makeEntry(3, SORA, { handle: 'dotey', date: '2024-03-03' }),
      makeEntry(4, '完全不同的一条：关于 Gemini 1.5 的长上下文评测。', { handle: 'dotey', date: '2024-03-03' }),
    ]);
    await swapCorpus(db, rewritten);
    expect(await readEntryUserState(db, 4)).toEqual({ isSaved: false, note: '' });
    expect((await listOrphanedUserData(db)).map((o) => o.entry.id).sort()).toEqual([1, 2, 4]);
  });
});
