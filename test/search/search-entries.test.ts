import { describe, expect, it } from 'vitest';
import { entryFieldLines } from '../../lib/corpus/parse-digest';
import type { Entry } from '../../lib/corpus/types';
import { createArrayEntrySource } from '../../lib/search/array-entry-source';
import { foldText } from '../../lib/search/fold';
import { parseQuery } from '../../lib/search/query';
import { searchDocOf } from '../../lib/search/search-doc';
import { searchEntries, type SearchResponse } from '../../lib/search/search-entries';
import { SearchIndex, type SearchIndexFiles } from '../../lib/search/search-index';
import { realCorpus } from '../support/seed';

const entries = realCorpus.entries;
const source = createArrayEntrySource(entries);
const builtIndex = SearchIndex.build(entries.map(searchDocOf), realCorpus.hash);
// The extension ships an export; search through a round-tripped one, as the background does.
const index = SearchIndex.fromFiles(JSON.parse(JSON.stringify(builtIndex.export())) as SearchIndexFiles);
const byId = new Map(entries.map((e) => [e.id, e]));

const search = (query: string, limit = 100): Promise<SearchResponse> => searchEntries(() => index, source, { query, limit });
const resultIds = async (query: string) => (await search(query)).results.map((r) => r.id);

function handlesOf(entry: Entry): string[] {
  return entry.posts.flatMap((p) => [p.handle, ...(p.quote ? [p.quote.handle] : [])]).map((h) => h.toLowerCase());
}
function foldedTextOf(entry: Entry): string {
  return foldText(entryFieldLines(entry).join('\n'));
}
/** Independent check: entries whose folded text contains every unit literally. */
function entriesContainingAll(query: string): number[] {
  const units = parseQuery(query).units.map((u) => u.text);
  return entries
    .filter((e) =>
      units.every((u) =>
        foldedTextOf(e)
          .replace(/[-_.'+]/g, '')
          .includes(u),
      ),
    )
    .map((e) => e.id);
}

describe('searchEntries on the real digest', () => {
  it('finds 长文本 as a phrase, not 长期…文本', async () => {
    const ids = await resultIds('长文本');
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set(entriesContainingAll('长文本')));
    expect(ids).toContain(100);
  });

  it('matches traditional and simplified both ways', async () => {
    expect(await resultIds('長文本')).toEqual(await resultIds('长文本'));
    expect(await resultIds('歸藏')).toEqual(await resultIds('归藏'));
    expect(await resultIds('提示詞')).toEqual(await resultIds('提示词'));
    expect((await resultIds('归藏')).length).toBeGreaterThan(30);
  });

  it('lists an author for @handle or the bare handle', async () => {
    const doteyEntries = entries.filter((e) => handlesOf(e).includes('dotey')).map((e) => e.id);
    const response = await search('@dotey');
    expect(response.total).toBe(doteyEntries.length);
    expect(new Set(response.results.map((r) => r.id))).toEqual(new Set(doteyEntries));
    const bare = await resultIds('dotey');
    expect(bare.slice(0, doteyEntries.length).sort((a, b) => a - b)).toEqual([...doteyEntries].sort((a, b) => a - b));
  });

  it('narrows 归藏 ComfyUI to posts by 歸藏 about ComfyUI', async () => {
    const ids = await resultIds('归藏 ComfyUI');
    expect(ids).toEqual(expect.arrayContaining([76, 96]));
    for (const id of ids) {
      const entry = byId.get(id) as Entry;
      expect(handlesOf(entry)).toContain('op7418');
      expect(foldedTextOf(entry)).toContain('comfyui');
    }
  });

  it('crosses fields: dotey 提示词 finds @dotey posts about prompts', async () => {
    const ids = await resultIds('dotey 提示词');
    expect(ids.length).toBeGreaterThan(2);
    for (const id of ids) expect(foldedTextOf(byId.get(id) as Entry)).toContain('提示词');
  });

  it('answers English and mixed queries', async () => {
    expect((await resultIds('AIlice'))[0]).toBe(4);
    const karpathy = await resultIds('Karpathy');
    expect(new Set(karpathy)).toEqual(new Set(entriesContainingAll('karpathy')));
    const mixed = await resultIds('Claude 长文本');
    expect(mixed.length).toBeGreaterThan(0);
    expect(new Set(mixed)).toEqual(new Set(entriesContainingAll('Claude 长文本')));
  });

  it('ignores case and full width', async () => {
    expect(await resultIds('ＣＯＭＦＹＵＩ')).toEqual(await resultIds('comfyui'));
    expect(await resultIds('COMFYUI')).toEqual(await resultIds('comfyui'));
  });

  it('finds prefixes while typing', async () => {
    const typed = await resultIds('comf');
    expect(typed).toEqual(expect.arrayContaining(await resultIds('comfyui')));
  });

  it('finds one Chinese character wherever it stands (the index holds bigrams only)', async () => {
    const expected = entries.filter((entry) => foldedTextOf(entry).includes('书')).map((entry) => entry.id);
    expect(expected.length).toBeGreaterThan(0);
    expect((await resultIds('书')).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });

  it('lists the latest entries for an empty query', async () => {
    const response = await search('  ', 5);
    expect(response.results.map((r) => r.id)).toEqual([119, 118, 117, 116, 115]);
    expect(response.total).toBe(119);
  });

  it.each(['🙂', '!!!', '→', '@', '🙂 ！？ ——'])('finds nothing in %s rather than listing every entry as a match', async (query) => {
    const response = await search(query, 5);
    expect(response.results).toEqual([]);
    expect(response.total).toBe(0);
    expect(response.hasNoSearchTerms).toBe(true);
  });

  it('answers for the other words when one word is nowhere, and says which was left out', async () => {
    const response = await search('提示词 xyzzyq');
    const alone = await search('提示词');
    expect(response.results.map((r) => r.id)).toEqual(alone.results.map((r) => r.id));
    expect(response.results.length).toBeGreaterThan(0);
    expect(response.notices).toEqual([{ kind: 'dropped', typed: 'xyzzyq' }]);
  });

  it('names the words when no word matches anything', async () => {
    const response = await search('xyzzyq Qwxyz');
    expect(response.results).toEqual([]);
    expect(response.unmatched).toEqual(['xyzzyq', 'Qwxyz']);
  });

  it('highlights the matched characters of the original text', async () => {
    const [first] = (await search('長文本')).results;
    const snippet = first?.snippet;
    expect(snippet?.highlights.length).toBeGreaterThan(0);
    for (const [start, end] of snippet?.highlights ?? []) expect(snippet?.text.slice(start, end)).toBe('长文本');
    const [byGuizang] = (await search('归藏')).results;
    expect(byGuizang?.author.startsWith('歸藏')).toBe(true);
  });

  it('gives the same answers from a built and an imported index', async () => {
    for (const query of ['长文本', 'comf', '@op7418', 'claude 3', 'gpt-4']) {
      const fromBuilt = await searchEntries(() => builtIndex, source, { query, limit: 100 });
      expect(await search(query)).toEqual(fromBuilt);
    }
  });
});

describe('an index whose shards load on demand', () => {
  it('answers concurrent queries as the whole index does, however the shard loads interleave', async () => {
    const files = JSON.parse(JSON.stringify(builtIndex.export())) as SearchIndexFiles;
    const queries = ['长文本', 'claude 提示词', 'AIlice', '宝玉', 'Sora 视频', 'agent 设计模式', 'dotey', '开源 模型'];
    for (const delays of [
      [5, 0, 3, 1],
      [0, 4, 0, 2],
    ]) {
      let loads = 0;
      // Each shard arrives after its own delay, so one query's loads finish while another plans.
      const lazy = SearchIndex.fromExport(files.index, (shard) => {
        const wait = delays[loads++ % delays.length] ?? 0;
        return new Promise((resolve) => setTimeout(() => resolve(files.shards[shard]), wait));
      });
      const answers = await Promise.all(queries.map((query) => searchEntries(() => lazy, source, { query, limit: 100 })));
      for (const [i, query] of queries.entries()) {
        expect(answers[i]).toEqual(await searchEntries(() => builtIndex, source, { query, limit: 100 }));
      }
    }
  });
});
