import { describe, expect, it, vi } from 'vitest';
import { createBackgroundService, type AssetLoader } from '../../lib/background/background-service';
import { buildCorpusAssets, CORPUS_ASSET, CORPUS_META_ASSET, SEARCH_INDEX_ASSET } from '../../lib/corpus/build-corpus';
import { SidenoteDatabase } from '../../lib/db/database';
import { readSeedFiles } from '../support/seed';

const assets = buildCorpusAssets(readSeedFiles());

function loaderFrom(files: Record<string, unknown>) {
  return vi.fn<AssetLoader>(async (path) => {
    if (!(path in files)) throw new Error(`404 ${path}`);
    // A fresh copy each time, as fetch().json() would give.
    return JSON.parse(JSON.stringify(files[path]));
  });
}

const shipped = () => ({ [CORPUS_META_ASSET]: assets.meta, [CORPUS_ASSET]: assets.corpus, [SEARCH_INDEX_ASSET]: assets.searchIndex });
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
    const response = await service.searchEntries('长文本', 10);
    expect(response.results.map((r) => r.id)).toContain(100);
    expect(loadedPaths(afterRestart)).toEqual([CORPUS_META_ASSET, SEARCH_INDEX_ASSET]);
  });

  it('answers concurrent first requests with one load', async () => {
    const loader = loaderFrom(shipped());
    const service = createBackgroundService(new SidenoteDatabase(), loader);
    await Promise.all([service.searchEntries('a', 5), service.searchEntries('b', 5), service.getEntry(7)]);
    expect(loadedPaths(loader).filter((p) => p === CORPUS_ASSET)).toHaveLength(1);
    expect(loadedPaths(loader).filter((p) => p === SEARCH_INDEX_ASSET)).toHaveLength(1);
  });

  it.each([
    ['missing', undefined],
    ['from another corpus', { ...assets.searchIndex, corpusHash: 'old' }],
    ['from another index version', { ...assets.searchIndex, version: 999 }],
    ['corrupt', { version: assets.searchIndex.version, corpusHash: assets.meta.hash, parts: { 'body.1.map': '{not json' } }],
  ])('rebuilds the index from IndexedDB when the shipped export is %s', async (_label, exported) => {
    const files: Record<string, unknown> = shipped();
    if (exported === undefined) delete files[SEARCH_INDEX_ASSET];
    else files[SEARCH_INDEX_ASSET] = exported;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(files));
    const response = await service.searchEntries('AIlice', 5);
    expect(response.results[0]?.id).toBe(4);
  });

  it('retries after a failed load instead of caching the failure', async () => {
    let isDown = true;
    const files = shipped();
    const loader = vi.fn<AssetLoader>(async (path) => {
      if (isDown) throw new Error('asset unavailable');
      return JSON.parse(JSON.stringify(files[path as keyof typeof files]));
    });
    const service = createBackgroundService(new SidenoteDatabase(), loader);
    await expect(service.searchEntries('x', 5)).rejects.toThrow('asset unavailable');
    isDown = false;
    await expect(service.getEntry(58)).resolves.toMatchObject({ id: 58 });
  });

  it('refuses a corpus asset that does not match its meta and keeps what is stored', async () => {
    const db = new SidenoteDatabase();
    await createBackgroundService(db, loaderFrom(shipped())).ensureCorpus();
    await db.saved.put({ entryId: 3, isSaved: true, updatedAt: 1 });
    const mismatched = { ...shipped(), [CORPUS_META_ASSET]: { ...assets.meta, hash: 'newer' } };
    await expect(createBackgroundService(db, loaderFrom(mismatched)).ensureCorpus()).rejects.toMatchObject({ name: 'CorpusAssetError' });
    expect(await db.entries.count()).toBe(119);
    expect(await db.saved.count()).toBe(1);
  });

  it('returns null for an entry that does not exist', async () => {
    const service = createBackgroundService(new SidenoteDatabase(), loaderFrom(shipped()));
    await expect(service.getEntry(4242)).resolves.toBeNull();
  });
});
