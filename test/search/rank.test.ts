import { describe, expect, it } from 'vitest';
import { createArrayEntrySource } from '../../lib/search/array-entry-source';
import { searchDocOf } from '../../lib/search/search-doc';
import { searchEntries } from '../../lib/search/search-entries';
import { SearchIndex } from '../../lib/search/search-index';
import type { Entry } from '../../lib/corpus/types';
import { makeEntry } from '../support/entries';

async function ids(entries: Entry[], query: string): Promise<number[]> {
  const index = SearchIndex.build(entries.map(searchDocOf), 'test');
  const response = await searchEntries(() => index, createArrayEntrySource(entries), { query, limit: 50 });
  return response.results.map((r) => r.id);
}

describe('ranking', () => {
  it('puts a title (first line) match above a body match', async () => {
    const entries = [makeEntry(1, '今天天气\n顺便聊聊 ComfyUI 插件'), makeEntry(2, 'ComfyUI 新节点发布\n细节如下')];
    expect(await ids(entries, 'comfyui')).toEqual([2, 1]);
  });

  it('finds a Chinese run where all its bigrams are, as often as the rarest, and never matches 长期…文本', async () => {
    // Ranking reads counts, not text: 长文 + 文本 apart counts like 长文本 (the judged evaluation
    // loses nothing by it); a bigram missing is no match.
    const entries = [
      makeEntry(1, '第一行\n长文本很重要，长文本'),
      makeEntry(2, '第一行\n长文和文本'),
      makeEntry(3, '第一行\n长期来看，文本'),
    ];
    expect(await ids(entries, '长文本')).toEqual([1, 2]);
  });

  it('narrows with every word, across fields (author AND body)', async () => {
    const entries = [
      makeEntry(1, '标题\n一个好用的提示词', { handle: 'dotey', author: '宝玉' }),
      makeEntry(2, '标题\n一个好用的提示词', { handle: 'op7418', author: '歸藏' }),
      makeEntry(3, '标题\n别的内容', { handle: 'dotey', author: '宝玉' }),
    ];
    expect(await ids(entries, 'dotey 提示词')).toEqual([1]);
    expect(await ids(entries, '归藏 提示词')).toEqual([2]);
  });

  it('leaves out the most common word when no entry has them all', async () => {
    const entries = [
      makeEntry(1, '标题\n一个好用的提示词', { handle: 'dotey' }),
      makeEntry(2, '标题\n又一个提示词', { handle: 'op7418' }),
      makeEntry(3, '标题\n别的内容', { handle: 'op7418' }),
      makeEntry(4, '标题\nmidjourney 新版本', { handle: 'someone' }),
    ];
    const index = SearchIndex.build(entries.map(searchDocOf), 'test');
    const response = await searchEntries(() => index, createArrayEntrySource(entries), { query: '提示词 midjourney', limit: 10 });
    expect(response.results.map((r) => r.id)).toEqual([4]);
    expect(response.notices).toEqual([{ kind: 'notTogether', typed: '提示词' }]);
  });

  it('weighs the rarer word more', async () => {
    const fillers = Array.from({ length: 8 }, (_, i) => makeEntry(10 + i, `第${i}条\n模型 模型`));
    // Mirror images: each has one word in the title (weight 3) and the other in the body (weight 1).
    // Only the words' rarity tells them apart; the lower id would lose a tie.
    const rareInTitle = makeEntry(1, '稀有词 开头\n正文 模型');
    const commonInTitle = makeEntry(2, '模型 开头\n正文 稀有词');
    expect((await ids([...fillers, rareInTitle, commonInTitle], '稀有词 模型')).slice(0, 2)).toEqual([1, 2]);
  });

  it('breaks ties by recency', async () => {
    const entries = [
      makeEntry(1, 'x\nopus', { date: '2024-03-01' }),
      makeEntry(2, 'x\nopus', { date: '2024-03-05' }),
      makeEntry(3, 'x\nopus', { date: '2024-03-03' }),
    ];
    expect(await ids(entries, 'opus')).toEqual([2, 3, 1]);
  });

  it('prefers a whole word to a prefix while still finding prefixes as you type', async () => {
    const entries = [makeEntry(1, 'x\ncomfyui workflow'), makeEntry(2, 'x\ncomfyui-manager and comfy nodes')];
    expect(await ids(entries, 'comf')).toEqual([2, 1]);
    expect(await ids(entries, 'comfy')).toEqual([2, 1]);
    expect((await ids(entries, 'comfyui ')).sort()).toEqual([1, 2]);
    expect(await ids([makeEntry(1, 'x\ncomfyui workflow'), makeEntry(2, 'x\ncomfy nodes')], 'comfy')).toEqual([2, 1]);
  });

  it('restricts @handle to the author field', async () => {
    const entries = [makeEntry(1, 'x\n感谢 @dotey 的分享', { handle: 'op7418' }), makeEntry(2, 'x\n正文', { handle: 'dotey' })];
    expect(await ids(entries, '@dotey')).toEqual([2]);
    expect(await ids(entries, 'dotey')).toEqual([2, 1]);
  });

  it('matches a prefix only for the word being typed, and a short finished word only by an inflection', async () => {
    const entries = [makeEntry(1, 'x\nthe provider api'), makeEntry(2, 'x\npro plan for the api'), makeEntry(3, 'x\napi pros and cons')];
    expect((await ids(entries, 'api pro')).sort()).toEqual([2, 3]);
    expect(await ids(entries, 'pro api')).toEqual([2]);
    expect(await ids(entries, 'api pro ')).toEqual([2]);
    expect(await ids(entries, 'api prov')).toEqual([1]);
  });

  it('weighs only the first sentence of a long first paragraph as the title', async () => {
    const passing = makeEntry(
      1,
      '今天试了很多工具，整体体验都还不错，没有特别突出的地方，大部分都是老样子，值得说的不多，之后再慢慢写吧，顺带一提里面也有 ComfyUI 的一个新插件。\n后面是别的',
    );
    const about = makeEntry(2, '一个新工作流\n这个 ComfyUI 工作流很好用，ComfyUI 的节点也很清楚');
    expect(await ids([passing, about], 'comfyui')).toEqual([2, 1]);
  });

  it('counts a mention in the title and in the body (sum of evidence, not the best field)', async () => {
    const titleOnly = makeEntry(1, 'Sora 发布\n细节不多');
    const titleAndBody = makeEntry(2, 'Sora 发布\n细节：Sora 可以生成一分钟视频');
    expect(await ids([titleOnly, titleAndBody], 'sora')).toEqual([2, 1]);
  });

  it('finds a Chinese query written without spaces by the pieces the digest has', async () => {
    const entries = [
      makeEntry(1, '标题\n一个好用的提示词', { handle: 'dotey', author: '宝玉' }),
      makeEntry(2, '标题\n提示词合集', { handle: 'op7418', author: '歸藏' }),
    ];
    expect(await ids(entries, '宝玉提示词')).toEqual([1]);
    expect(await ids(entries, '宝玉的提示词')).toEqual([1]);
  });
});
