import { describe, expect, it, vi } from 'vitest';
import type { AssetLoader } from '../../lib/assets/read-assets';
import { createBackgroundService, INDEX_IDLE_MS } from '../../lib/background/background-service';
import { buildUrlIndex } from '../../lib/annotate/page-match';
import { summarizeAuthors } from '../../lib/corpus/authors';
import {
  CORPUS_ASSET,
  CORPUS_AUTHORS_ASSET,
  CORPUS_META_ASSET,
  CORPUS_URLS_ASSET,
  SEARCH_INDEX_ASSET,
  searchIndexShardAsset,
} from '../../lib/assets/shipped-assets';
import { SEARCH_INDEX_SHARDS, type SearchIndexShardExport } from '../../lib/search/search-index';
import { SidenoteDatabase } from '../../lib/db/database';
import { buildShippedAssets } from '../support/seed';

const assets = buildShippedAssets();

function loaderFrom(files: Record<string, unknown>) {
  return vi.fn<AssetLoader>(async (path) => {
    if (!(path in files)) throw new Error(`404 ${path}`);
    // A fresh copy each time, as fetch().json() would give.
    return JSON.parse(JSON.stringify(files[path]));
  });
}

const shipped = () => ({
  [CORPUS_META_ASSET]: assets.meta,
  [CORPUS_ASSET]: assets.corpus,
  [SEARCH_INDEX_ASSET]: assets.searchIndex.index,
  ...Object.fromEntries(assets.searchIndex.shards.map((shard) => [searchIndexShardAsset(shard.shard), shard])),
  [CORPUS_AUTHORS_ASSET]: assets.authors,
  [CORPUS_URLS_ASSET]: assets.urls,
});
const loadedPaths = (loader: ReturnType<typeof loaderFrom>) => loader.mock.calls.map(([path]) => path);

describe('background service', () => {
  it('loads the corpus on first use and only checks the small meta file after a restart', async () => {
    const db = new SidenoteDatabase();
    const first = loaderFrom(shipped());
    await createBackgroundService(db, first).ensureCorpus();
    expect(await db.entries.count()).toBe(119);
    expect(loadedPaths(first)).toEqual([CORPUS_META_ASSET, CORPUS_ASSET]);

    // A new service over the same database: what a service worker wake looks like.
    const afterRestart = loaderFrom(shipped());
    const service = createBackgroundService(db, afterRestart);
    const response = await service.searchEntries({ query: '长文本', limit: 10 });
    expect(response.results.map((r) => r.id)).toContain(100);
    // The index proper, then only the shards holding the query's terms (长文, 文本 and their aliases').
    const [meta, index, ...shards] = loadedPaths(afterRestart);
    expect([meta, index]).toEqual([CORPUS_META_ASSET, SEARCH_INDEX_ASSET]);
    expect(shards.length).toBeGreaterThan(0);
    expect(shards.length).toBeLessThan(SEARCH_INDEX_SHARDS / 2);
    expect(shards.every((path) => /^search-index-\d\d\.json$/.test(String(path)))).toBe(true);
  });

  it('answers concurrent first requests with one load', async () => {
    const loader = loaderFrom(shipped());
    const service = createBackgroundService(new SidenoteDatabase(), loader);
    await Promise.all([
      service.searchEntries({ query: 'a', limit: 5 }),
      service.searchEntries({ query: 'b', limit: 5 }),
      service.getEntry(7),
    ]);
    expect(loadedPaths(loader).filter((p) => p === CORPUS_ASSET)).toHaveLength(1);
    expect(loadedPaths(loader).filter((p) => p === SEARCH_INDEX_ASSET)).toHaveLength(1);
    const shardPaths = loadedPaths(loader).filter((p) => String(p).startsWith('search-index-'));
    expect(new Set(shardPaths).size).toBe(shardPaths.length);
  });

  it('lets the search index go after INDEX_IDLE_MS without a search, and loads it again for the next', async () => {
    const pending: { run: () => void; ms: number }[] = [];
    const timers = {
      setTimeout: (run: () => void, ms: number) => pending.push({ run, ms }) - 1,
      clearTimeout: (id: unknown) => {
        if (typeof id === 'number' && pending[id]) pending[id] = { run: () => undefined, ms: pending[id]!.ms };
      },
    };
    const loader = loaderFrom(shipped());
    const service = createBackgroundService(new SidenoteDatabase(), loader, { timers });
    const indexLoads = () => loadedPaths(loader).filter((p) => p === SEARCH_INDEX_ASSET).length;
    await service.searchEntries({ query: '长文本', limit: 5 });
    await service.searchEntries({ query: 'AIlice', limit: 5 });
    expect(indexLoads()).toBe(1);
    // Each use put the release off: only the last one's timer is live, for INDEX_IDLE_MS.
    expect(pending.map(({ ms }) => ms).every((ms) => ms === INDEX_IDLE_MS)).toBe(true);
    pending.at(-1)!.run();
    const again = await service.searchEntries({ query: '长文本', limit: 5 });
    expect(again.results.map((r) => r.id)).toContain(100);
    expect(indexLoads()).toBe(2);
    // A cancelled (earlier) timer does nothing.
    pending[0]!.run();
    await service.searchEntries({ query: 'AIlice', limit: 5 });
    expect(indexLoads()).toBe(2);
  });

  it.each([
    ['missing', undefined],
    ['from another corpus', { ...assets.searchIndex.index, corpusHash: 'old' }],
    ['from another index version', { ...assets.searchIndex.index, version: 999 }],
    ['corrupt', { ...assets.searchIndex.index, entries: { ...assets.searchIndex.index.entries, repeatCounts: 'AAA' } }],
  ])('rebuilds the index from IndexedDB when the shipped export is %s', async (_label, exported) => {
    const files: Record<string, unknown> = shipped();
    if (exported === undefined) delete files[SEARCH_INDEX_ASSET];
    else files[SEARCH_INDEX_ASSET] = exported;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(files));
    const response = await service.searchEntries({ query: 'AIlice', limit: 5 });
    expect(response.results[0]?.id).toBe(4);
  });

  it.each([
    ['missing', undefined],
    ['of another corpus', (shard: SearchIndexShardExport) => ({ ...shard, corpusHash: 'old' })],
    ['not FlexSearch data', (shard: SearchIndexShardExport) => ({ ...shard, parts: { 'body.1.map': '{not json' } })],
  ])('rebuilds the index from IndexedDB when a shipped shard is %s, and answers the same', async (_label, spoil) => {
    const files: Record<string, unknown> = shipped();
    // Every shard spoiled: whichever the query needs first is bad.
    for (const shard of assets.searchIndex.shards) {
      if (spoil === undefined) delete files[searchIndexShardAsset(shard.shard)];
      else files[searchIndexShardAsset(shard.shard)] = spoil(shard);
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    warn.mockClear();
    const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(files));
    const response = await service.searchEntries({ query: 'AIlice', limit: 5 });
    expect(response.results[0]?.id).toBe(4);
    expect(String(warn.mock.calls[0]?.[1])).toMatch(/shard/);
    // Later queries use the rebuilt index: no more shard reads, no more warnings.
    await service.searchEntries({ query: '长文本', limit: 5 });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('retries after a failed load instead of caching the failure', async () => {
    let isDown = true;
    const files = shipped();
    const loader = vi.fn<AssetLoader>(async (path) => {
      if (isDown) throw new Error('asset unavailable');
      return JSON.parse(JSON.stringify(files[path as keyof typeof files]));
    });
    const service = createBackgroundService(new SidenoteDatabase(), loader);
    await expect(service.searchEntries({ query: 'x', limit: 5 })).rejects.toThrow('asset unavailable');
    isDown = false;
    await expect(service.getEntry(58)).resolves.toMatchObject({ entry: { id: 58 } });
  });

  it('refuses a corpus asset that does not match its meta and keeps what is stored', async () => {
    const db = new SidenoteDatabase();
    await createBackgroundService(db, loaderFrom(shipped())).setSaved(3, true);
    const mismatched = { ...shipped(), [CORPUS_META_ASSET]: { ...assets.meta, hash: 'newer' } };
    await expect(createBackgroundService(db, loaderFrom(mismatched)).ensureCorpus()).rejects.toMatchObject({ name: 'CorpusAssetError' });
    expect(await db.entries.count()).toBe(119);
    expect(await db.userSaved.count()).toBe(1);
  });

  it('returns null for an entry that does not exist', async () => {
    const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()));
    await expect(service.getEntry(4242)).resolves.toBeNull();
  });

  it('gives an entry with its neighbours in timeline order and the user state', async () => {
    const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()));
    const view = await service.getEntry(58);
    expect(view).toMatchObject({ entry: { id: 58 }, user: { isSaved: false, note: '' }, previousId: 59, nextId: 57 });
    expect(await service.getEntry(119)).not.toHaveProperty('previousId');
    expect((await service.getEntry(1))?.nextId).toBeUndefined();
  });

  it('saves, unsaves and notes with timestamps, and the marks show in search results and filters', async () => {
    const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()));
    expect(await service.setSaved(100, true)).toMatchObject({ isSaved: true, savedStamp: expect.any(String) });
    expect(await service.setNote(2, '值得再读', null)).toMatchObject({
      status: 'saved',
      user: { note: '值得再读', noteStamp: expect.any(String) },
    });
    const results = (await service.searchEntries({ query: '长文本', limit: 10 })).results;
    expect(results.find((r) => r.id === 100)).toMatchObject({ isSaved: true, hasNote: false });
    expect(results.find((r) => r.id === 2)).toMatchObject({ isSaved: false, hasNote: true });
    expect((await service.searchEntries({ query: '', limit: 10, filters: { isSavedOnly: true } })).results.map((r) => r.id)).toEqual([100]);
    expect((await service.searchEntries({ query: '长文本', limit: 10, filters: { hasNote: true } })).results.map((r) => r.id)).toEqual([2]);
    // Unsaving keeps a dated record (for sync) but the entry leaves the saved filter.
    expect(await service.setSaved(100, false)).toMatchObject({ isSaved: false, savedStamp: expect.any(String) });
    expect((await service.searchEntries({ query: '', limit: 10, filters: { isSavedOnly: true } })).total).toBe(0);
  });

  describe('notes are searched beside the index', () => {
    const idsOf = (response: { results: { id: number }[] }) => response.results.map((r) => r.id);
    const marked = (value: { text: string; highlights: [number, number][] } | undefined) =>
      value?.highlights.map(([s, e]) => value.text.slice(s, e));

    it('finds an entry by a word only its note has, with the note excerpt highlighted', async () => {
      const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()));
      expect((await service.searchEntries({ query: '周末復現', limit: 10 })).total).toBe(0);
      await service.setNote(58, '打算周末复现这个评测', null);
      const response = await service.searchEntries({ query: '周末復現', limit: 10 });
      expect(response).toMatchObject({ total: 1, unmatched: [] });
      expect(idsOf(response)).toEqual([58]);
      expect(response.results[0]).toMatchObject({ hasNote: true, note: { text: '打算周末复现这个评测' } });
      expect(marked(response.results[0]?.note)).toEqual(['周末复现']);
      // Cleared, the note finds nothing.
      const stamp = (await service.getEntry(58))?.user.noteStamp ?? null;
      await service.setNote(58, '', stamp);
      expect((await service.searchEntries({ query: '周末復現', limit: 10 })).total).toBe(0);
    });

    it('lists note matches first, each entry once, and pages through one list whose total counts both', async () => {
      const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()));
      const before = idsOf(await service.searchEntries({ query: '长文本', limit: 100 }));
      const alsoInIndex = before.at(-1) ?? -1;
      const onlyByNote = [119, 118, 117].find((id) => !before.includes(id)) ?? -1;
      await service.setNote(alsoInIndex, '长文本：回头再看', null);
      await service.setNote(onlyByNote, '和长文本有关', null);
      const all = await service.searchEntries({ query: '长文本', limit: 100 });
      // Newest first among the note matches, then the index's order.
      const dateOf = async (id: number) => (await service.getEntry(id))?.entry.date ?? '';
      const newestFirst = (await dateOf(alsoInIndex)) > (await dateOf(onlyByNote)) ? [alsoInIndex, onlyByNote] : [onlyByNote, alsoInIndex];
      expect(idsOf(all).slice(0, 2)).toEqual(newestFirst);
      expect(idsOf(all).slice(2)).toEqual(before.filter((id) => id !== alsoInIndex));
      expect(all.total).toBe(before.length + 1);
      expect(new Set(idsOf(all)).size).toBe(all.total);
      for (const limit of [1, 2, 3]) {
        const walked: number[] = [];
        for (let offset = 0; offset < all.total; offset += limit) {
          const page = await service.searchEntries({ query: '长文本', limit, offset });
          expect(page.total, `limit ${limit}, offset ${offset}`).toBe(all.total);
          walked.push(...idsOf(page));
        }
        expect(walked, `limit ${limit}`).toEqual(idsOf(all));
      }
    });

    it('applies the filters and an @author to note matches too', async () => {
      const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()));
      await service.setNote(58, '周末复现', null);
      const handle = (await service.getEntry(58))?.entry.posts[0]?.handle ?? '';
      const other = handle === 'dotey' ? 'op7418' : 'dotey';
      expect(idsOf(await service.searchEntries({ query: '周末复现', limit: 10, filters: { author: handle } }))).toEqual([58]);
      expect((await service.searchEntries({ query: '周末复现', limit: 10, filters: { author: other } })).total).toBe(0);
      // The index leaves out the word no entry has and lists the author's entries: the note's match first.
      expect(idsOf(await service.searchEntries({ query: `@${handle} 周末复现`, limit: 10 }))[0]).toBe(58);
      expect(idsOf(await service.searchEntries({ query: `@${other} 周末复现`, limit: 10 }))).not.toContain(58);
      expect((await service.searchEntries({ query: '周末复现', limit: 10, filters: { isSavedOnly: true } })).total).toBe(0);
      expect((await service.searchEntries({ query: '周末复现', limit: 10, filters: { to: '2024-03-01' } })).total).toBe(0);
    });

    it("shows each row's note excerpt in the timeline and the Has a note view", async () => {
      const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()));
      await service.setNote(119, '第一条笔记\n第二行', null);
      await service.setNote(50, `${'很长的笔记'.repeat(60)}`, null);
      const noted = await service.searchEntries({ query: '', limit: 10, filters: { hasNote: true } });
      expect(noted.results.map((r) => [r.id, r.note?.text.slice(0, 5)])).toEqual([
        [119, '第一条笔记'],
        [50, '很长的笔记'],
      ]);
      expect(noted.results[1]?.note).toMatchObject({ isCutStart: false, isCutEnd: true });
      const timeline = await service.searchEntries({ query: '', limit: 3 });
      expect(timeline.results.map((r) => r.note?.text)).toEqual(['第一条笔记 第二行', undefined, undefined]);
    });
  });

  it('filters by author and date range, with or without a query', async () => {
    const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()));
    const timeline = await service.searchEntries({
      query: '',
      limit: 100,
      filters: { author: 'op7418', from: '2024-03-16', to: '2024-03-16' },
    });
    expect(timeline.total).toBeGreaterThan(3);
    for (const r of timeline.results) expect([r.handle, r.date]).toEqual(['op7418', '2024-03-16']);
    const searched = await service.searchEntries({ query: 'ComfyUI', limit: 100, filters: { author: 'dotey' } });
    for (const r of searched.results) expect(r.handle).toBe('dotey');
  });

  it('pages through the timeline', async () => {
    const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()));
    const first = await service.searchEntries({ query: '', limit: 100 });
    const second = await service.searchEntries({ query: '', limit: 100, offset: 100 });
    expect(first.total).toBe(119);
    expect([...first.results, ...second.results].map((r) => r.id)).toEqual(Array.from({ length: 119 }, (_, i) => 119 - i));
  });

  it('lists authors by handle with every display name', async () => {
    const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()));
    const authors = await service.listAuthors();
    expect(authors[0]).toMatchObject({ handle: 'dotey', names: ['宝玉'] });
    expect(new Set(authors.find((a) => a.handle === 'op7418')?.names)).toEqual(new Set(['歸藏', '歸藏(guizang.ai)', '歸藏 (guizang.ai)']));
  });

  it('matches a page by its URL: exact entries for the card, related ones counted', async () => {
    const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()));
    const exact = await service.matchPage('https://github.com/MyShell-AI/AIlice?tab=readme-ov-file');
    expect(exact).toMatchObject({ status: 'matched', entries: [{ id: 4, matchedKey: 'github.com/myshell-ai/ailice', isSaved: false }] });
    const related = await service.matchPage('https://github.com/myshell-ai/AIlice/issues/1');
    expect(related).toEqual({ status: 'none', relatedCount: 1 });
    expect(await service.matchPage('about:blank')).toEqual({ status: 'none', relatedCount: 0 });
    await service.setSaved(4, true);
    expect(await service.matchPage('https://github.com/myshell-ai/AIlice')).toMatchObject({ entries: [{ isSaved: true }] });
  });

  it('builds tables that say what the entries say: authors and URL keys', () => {
    expect(assets.authors).toEqual({ corpusHash: assets.meta.hash, authors: summarizeAuthors(assets.corpus.entries) });
    expect(new Map(assets.urls.entryIdsByKey)).toEqual(buildUrlIndex(assets.corpus.entries));
    expect(assets.urls.corpusHash).toBe(assets.meta.hash);
  });

  it("reads authors and the URL index from the build's tables on a wake, never every entry", async () => {
    const db = new SidenoteDatabase();
    await createBackgroundService(db, loaderFrom(shipped())).ensureCorpus();
    const readAll = vi.spyOn(db.entries, 'toArray');
    const loader = loaderFrom(shipped());
    const service = createBackgroundService(db, loader);
    expect(await service.listAuthors()).toEqual(summarizeAuthors(assets.corpus.entries));
    expect(await service.matchPage('https://github.com/myshell-ai/AIlice')).toMatchObject({ status: 'matched', entries: [{ id: 4 }] });
    expect(await service.matchPage('https://github.com/myshell-ai/AIlice/issues/1')).toEqual({ status: 'none', relatedCount: 1 });
    expect(loadedPaths(loader)).toEqual([CORPUS_META_ASSET, CORPUS_AUTHORS_ASSET, CORPUS_URLS_ASSET]);
    expect(readAll).not.toHaveBeenCalled();
  });

  it.each([
    ['missing', () => undefined],
    ['of another corpus', (table: { corpusHash: string }) => ({ ...table, corpusHash: 'older' })],
    ['malformed', (table: { corpusHash: string }) => ({ corpusHash: table.corpusHash, authors: 'x', entryIdsByKey: [[4, 'x']] })],
  ])('works authors and the URL index out from IndexedDB when the tables are %s', async (_label, change) => {
    const files: Record<string, unknown> = shipped();
    for (const [asset, table] of [
      [CORPUS_AUTHORS_ASSET, assets.authors],
      [CORPUS_URLS_ASSET, assets.urls],
    ] as const) {
      const changed = change(table);
      if (changed === undefined) delete files[asset];
      else files[asset] = changed;
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    warn.mockClear();
    const db = new SidenoteDatabase();
    const readAll = vi.spyOn(db.entries, 'toArray');
    const service = createBackgroundService(db, loaderFrom(files));
    expect(await service.listAuthors()).toEqual(summarizeAuthors(assets.corpus.entries));
    expect(await service.matchPage('https://github.com/MyShell-AI/AIlice?tab=readme-ov-file')).toMatchObject({
      status: 'matched',
      entries: [{ id: 4, matchedKey: 'github.com/myshell-ai/ailice' }],
    });
    expect(await service.matchPage('https://github.com/myshell-ai/AIlice/issues/1')).toEqual({ status: 'none', relatedCount: 1 });
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
      expect.stringContaining(CORPUS_AUTHORS_ASSET),
      expect.stringContaining(CORPUS_URLS_ASSET),
    ]);
    expect(readAll).toHaveBeenCalledTimes(2);
  });

  it('answers "muted" on a muted site and "off" when cards are switched off, and remembers both', async () => {
    const db = new SidenoteDatabase();
    const service = createBackgroundService(db, loaderFrom(shipped()));
    const repo = 'https://www.github.com/myshell-ai/AIlice';
    const status = 'https://twitter.com/ylecun/status/1766498677751787723';
    expect(await service.setSiteMuted('github.com', true)).toEqual({ isEnabled: true, mutedSites: ['github.com'] });
    expect(await service.matchPage(repo)).toEqual({ status: 'muted', relatedCount: 0 });
    expect(await service.matchPage(status)).toMatchObject({ status: 'matched' });
    expect(await service.setAnnotationsEnabled(false)).toEqual({ isEnabled: false, mutedSites: ['github.com'] });
    expect(await service.matchPage(status)).toEqual({ status: 'off', relatedCount: 0 });
    // Settings are user data: a new service (a service-worker restart) still has them.
    const afterRestart = createBackgroundService(db, loaderFrom(shipped()));
    expect(await afterRestart.getAnnotationSettings()).toEqual({ isEnabled: false, mutedSites: ['github.com'] });
    await afterRestart.setAnnotationsEnabled(true);
    expect(await afterRestart.setSiteMuted('github.com', false)).toEqual({ isEnabled: true, mutedSites: [] });
    expect(await afterRestart.matchPage(repo)).toMatchObject({ status: 'matched' });
  });

  it('tells open views about every change to user data, with the marks that changed', async () => {
    const notify = vi.fn();
    const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()), { notify });
    await service.setSaved(4, true);
    await service.setNote(4, '看过', null);
    await service.setNote(4, '冲突', null);
    await service.setSiteMuted('github.com', true);
    await service.setAnnotationsEnabled(false);
    expect(notify.mock.calls.map(([change]) => change)).toEqual([
      { kind: 'entries', marks: [{ entryId: 4, isSaved: true, hasNote: false }] },
      { kind: 'entries', marks: [{ entryId: 4, isSaved: true, hasNote: true }] },
      { kind: 'settings' },
      { kind: 'settings' },
    ]);
  });

  it('reloads the digest, and says so, when the database is deleted under a running worker', async () => {
    const notify = vi.fn();
    const db = new SidenoteDatabase();
    const service = createBackgroundService(db, loaderFrom(shipped()), { notify });
    await service.setSaved(4, true);
    expect((await service.searchEntries({ query: '', limit: 1 })).total).toBe(119);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // Another context (DevTools, the browser's "clear data") deletes the database; ours closes to let it.
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(db.name);
      request.onsuccess = resolve;
      request.onerror = () => reject(request.error);
    });
    // Open views hear without anyone asking first; the digest is back, the saves are gone.
    await vi.waitFor(() => expect(notify).toHaveBeenLastCalledWith({ kind: 'all', reason: 'storageCleared' }));
    const after = await service.searchEntries({ query: '', limit: 1 });
    expect(after.total).toBe(119);
    expect(after.results[0]?.isSaved).toBe(false);
  });
});
