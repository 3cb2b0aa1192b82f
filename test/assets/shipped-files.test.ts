import { describe, expect, it, vi } from 'vitest';
import type { AssetLoader } from '../../lib/assets/read-assets';
import { SEARCH_INDEX_SHARDS } from '../../lib/search/search-index';
import { annotateMatches, shippedFiles } from '../../lib/assets/shipped-files';
import { createBackgroundService } from '../../lib/background/background-service';
import { SidenoteDatabase } from '../../lib/db/database';
import { buildShippedAssets } from '../support/seed';

const assets = buildShippedAssets();
const files = shippedFiles(assets);
const paths = files.map((file) => file.path);

describe('the files the build writes', () => {
  it('names each file once, the UI languages among them', () => {
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(
      expect.arrayContaining(['_locales/en/messages.json', '_locales/zh_CN/messages.json', '_locales/zh_TW/messages.json']),
    );
    expect(paths.filter((path) => /^search-index-\d\d\.json$/.test(path))).toHaveLength(SEARCH_INDEX_SHARDS);
  });

  it('holds every asset the background reads, and the background reads every digest asset it holds', async () => {
    const contents = new Map(files.map((file) => [file.path, file.contents]));
    const read = new Set<string>();
    const loadAsset: AssetLoader = async (path) => {
      read.add(path);
      const text = contents.get(path);
      if (text === undefined) throw new Error(`not in the file list: ${path}`);
      return JSON.parse(text);
    };
    // A fallback (rebuilding the index, counting authors from the entries) would hide a missing file.
    const warn = vi.spyOn(console, 'warn');
    const service = createBackgroundService(new SidenoteDatabase(), loadAsset);
    await service.ensureCorpus();
    await (await service.getIndex()).loadAllShards();
    expect((await service.searchEntries({ query: '长文本', limit: 5 })).total).toBeGreaterThan(0);
    expect((await service.listAuthors()).length).toBeGreaterThan(0);
    expect(await service.matchPage('https://github.com/myshell-ai/AIlice')).toMatchObject({ status: 'matched' });
    expect(warn).not.toHaveBeenCalled();
    expect([...read].filter((path) => !contents.has(path))).toEqual([]);
    expect([...read].sort()).toEqual(paths.filter((path) => !path.startsWith('_locales/')).sort());
  });

  it('gives the content script the hosts the corpus cites, and only those', () => {
    const matches = annotateMatches(assets);
    expect(matches).toEqual(expect.arrayContaining(['*://github.com/*', '*://x.com/*', '*://twitter.com/*']));
    expect(matches.some((match) => match === '*://*/*' || match.includes('<all_urls>'))).toBe(false);
  });
});
