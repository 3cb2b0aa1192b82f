// Search that understands what readers mean, on the real digest with the index as it ships
// (glossary, the digest's own glosses, pinyin, vocabulary). Expectations are checked against the
// entries' text, found independently of the search code.
import { describe, expect, it } from 'vitest';
import { entryFieldLines } from '../../lib/corpus/parse-digest';
import type { Entry } from '../../lib/corpus/types';
import { createArrayEntrySource } from '../../lib/search/array-entry-source';
import { foldText } from '../../lib/search/fold';
import { searchEntries, type SearchResponse } from '../../lib/search/search-entries';
import { SearchIndex, type SearchIndexFiles } from '../../lib/search/search-index';
import { buildShippedAssets } from '../support/seed';

const assets = buildShippedAssets();
const entries = assets.corpus.entries;
const index = SearchIndex.fromFiles(JSON.parse(JSON.stringify(assets.searchIndex)) as SearchIndexFiles);
const source = createArrayEntrySource(entries);

const search = (query: string, limit = 100): Promise<SearchResponse> => searchEntries(() => index, source, { query, limit });
const idsOf = (response: SearchResponse) => response.results.map((r) => r.id);

/** Entries whose folded text (with its names and handles) contains any of the words. */
function entriesSaying(...words: string[]): number[] {
  const folded = words.map(foldText);
  return entries
    .filter((entry: Entry) => folded.some((word) => foldText(entryFieldLines(entry).join('\n')).includes(word)))
    .map((entry) => entry.id);
}

function byAuthor(handle: string): number[] {
  return entries.filter((entry) => entry.posts.some((post) => post.handle === handle)).map((entry) => entry.id);
}

describe('other names for the same thing', () => {
  it('finds Zuckerberg and 小扎 for 扎克伯格, which the digest never writes, and says why', async () => {
    expect(entriesSaying('扎克伯格')).toEqual([]);
    const response = await search('扎克伯格');
    expect(idsOf(response).sort()).toEqual(entriesSaying('Zuckerberg', '小扎').sort());
    expect(response.notices).toContainEqual({ kind: 'alias', typed: '扎克伯格', shown: 'Zuckerberg' });
  });

  it('reads the two words of a name as one (jensen huang → 黄仁勋, 老黄)', async () => {
    const response = await search('jensen huang');
    const ids = idsOf(response);
    for (const id of entriesSaying('黄仁勋')) expect(ids).toContain(id);
    expect(response.notices).toContainEqual({ kind: 'alias', typed: 'jensen huang', shown: '黄仁勋' });
  });

  it('crosses languages for a term (fine-tune ↔ 微调, 智能体 ↔ agent)', async () => {
    const fineTune = idsOf(await search('fine-tune'));
    expect(fineTune.filter((id) => entriesSaying('微调').includes(id)).length).toBeGreaterThan(5);
    const agent = idsOf(await search('智能体'));
    const onlyEnglish = entriesSaying('agent').filter((id) => !entriesSaying('智能体').includes(id));
    expect(onlyEnglish.length).toBeGreaterThan(0);
    expect(agent.filter((id) => onlyEnglish.includes(id)).length).toBeGreaterThan(0);
  });

  it('keeps what is typed above what another name found', async () => {
    const [first] = (await search('黄仁勋')).results;
    expect(entriesSaying('黄仁勋')).toContain(first?.id);
  });
});

describe('pinyin', () => {
  it('finds the writers by the pinyin of their names (baoyu → 宝玉, guizang → 歸藏)', async () => {
    const baoyu = idsOf(await search('baoyu', 100));
    expect(baoyu.filter((id) => byAuthor('dotey').includes(id)).length).toBeGreaterThanOrEqual(byAuthor('dotey').length - 2);
    const guizang = idsOf(await search('guizang', 100));
    for (const id of byAuthor('op7418')) expect(guizang).toContain(id);
  });
});

describe('typos and relaxation', () => {
  it('corrects a misspelt Latin word and says what it searched for', async () => {
    const response = await search('midjourny');
    expect(response.notices).toEqual([{ kind: 'corrected', typed: 'midjourny', shown: 'midjourney' }]);
    expect(idsOf(response).sort()).toEqual(entriesSaying('midjourney').sort());
  });

  it('corrects one word of several and keeps the others', async () => {
    const response = await search('antropic claude');
    expect(response.notices).toContainEqual({ kind: 'corrected', typed: 'antropic', shown: 'anthropic' });
    const both = entriesSaying('anthropic').filter((id) => entriesSaying('claude').includes(id));
    expect(idsOf(response).sort()).toEqual(both.sort());
  });

  it('answers for the known words when one word is unknown, and names it', async () => {
    const response = await search('Sora qqzzxx');
    expect(response.notices).toEqual([{ kind: 'dropped', typed: 'qqzzxx' }]);
    expect(idsOf(response)).toEqual(idsOf(await search('Sora')));
  });

  it('returns nothing for a model the digest never mentions, even beside one it does (Claude 4, Llama 3)', async () => {
    expect(entriesSaying('claude 4', 'claude-4', 'claude4')).toEqual([]);
    expect((await search('Claude 4')).results).toEqual([]);
    expect((await search('Llama 3')).results).toEqual([]);
  });

  it('does not take another name for a typo (Mamba is not Jamba)', async () => {
    const response = await search('Mamba');
    expect(response.results).toEqual([]);
    expect(response.unmatched).toEqual(['Mamba']);
  });
});

describe('tokenizer', () => {
  it('finds GPT-3.5 however the query and the entry write it', async () => {
    const written = entriesSaying('gpt-3.5', 'gpt 3.5', 'gpt3.5');
    expect(written.length).toBeGreaterThan(1);
    for (const query of ['GPT-3.5', 'gpt 3.5', 'GPT3.5']) {
      const ids = idsOf(await search(query));
      for (const id of written) expect(ids, query).toContain(id);
    }
  });

  it('reads a Chinese query typed without spaces by its words (宝玉提示词)', async () => {
    const response = await search('宝玉提示词');
    expect(response.results.length).toBeGreaterThan(0);
    const byDoteyAboutPrompts = byAuthor('dotey').filter((id) => entriesSaying('提示词').includes(id));
    for (const id of idsOf(response)) expect(byDoteyAboutPrompts).toContain(id);
  });
});
