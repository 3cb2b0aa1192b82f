// What the background does, minus the wiring: keeps the stored corpus in step with the shipped
// one and answers searches. The service worker may die at any moment, so everything here is a
// lazy, memoized promise that is cheap to redo on wake (a small meta fetch, an index import).

import { CORPUS_ASSET, CORPUS_META_ASSET, SEARCH_INDEX_ASSET, type CorpusMeta } from '../corpus/build-corpus';
import { buildUrlIndex, findPageMatches, type UrlIndex } from '../annotate/page-match';
import { summarizeAuthors, type AuthorSummary } from '../corpus/authors';
import type { Corpus } from '../corpus/types';
import {
  createDexieEntrySource,
  readAnnotationSettings,
  readEntryUserState,
  readUserMarks,
  writeAnnotationSettings,
  storedCorpusHash,
  swapCorpus,
  timelineOrder,
  writeNote,
  writeSaved,
  type AnnotationSettings,
  type EntryUserState,
  type SidenoteDatabase,
} from '../db/database';
import type { CardEntry, EntryView, PageMatchResponse } from '../messaging/protocol';
import type { UrlKeys } from '../url/url-keys';
import { searchDocOf } from '../search/search-doc';
import { SearchIndex, type SearchIndexExport } from '../search/search-index';
import { searchEntries, type SearchRequest, type SearchResponse } from '../search/search-entries';

/** Loads a shipped JSON asset by its path inside the extension. */
export type AssetLoader = (path: string) => Promise<unknown>;

export class CorpusAssetError extends Error {
  constructor(asset: string, reason: string) {
    super(`bundled ${asset} is unusable: ${reason}`);
    this.name = 'CorpusAssetError';
  }
}

function asCorpusMeta(value: unknown): CorpusMeta {
  const meta = value as Partial<CorpusMeta> | null;
  if (typeof meta?.hash !== 'string' || typeof meta.entryCount !== 'number') {
    throw new CorpusAssetError(CORPUS_META_ASSET, 'missing hash or entryCount');
  }
  return meta as CorpusMeta;
}

function asCorpus(value: unknown, expectedHash: string): Corpus {
  const corpus = value as Partial<Corpus> | null;
  if (typeof corpus?.hash !== 'string' || !Array.isArray(corpus.entries)) {
    throw new CorpusAssetError(CORPUS_ASSET, 'missing hash or entries');
  }
  if (corpus.hash !== expectedHash) throw new CorpusAssetError(CORPUS_ASSET, `hash ${corpus.hash} does not match meta ${expectedHash}`);
  return corpus as Corpus;
}

/** Forgets a failed attempt so the next call retries instead of returning the same rejection. */
function memoize<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= make().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

export type BackgroundService = ReturnType<typeof createBackgroundService>;

export function createBackgroundService(db: SidenoteDatabase, loadAsset: AssetLoader) {
  const source = createDexieEntrySource(db);

  /** Swaps the shipped corpus into IndexedDB when its hash differs from the stored one. */
  const ensureCorpus = memoize(async (): Promise<CorpusMeta> => {
    const meta = asCorpusMeta(await loadAsset(CORPUS_META_ASSET));
    if ((await storedCorpusHash(db)) !== meta.hash) {
      await swapCorpus(db, asCorpus(await loadAsset(CORPUS_ASSET), meta.hash));
    }
    return meta;
  });

  /** The shipped export when it matches the corpus; otherwise rebuilt from IndexedDB. */
  const getIndex = memoize(async (): Promise<SearchIndex> => {
    const meta = await ensureCorpus();
    try {
      const index = SearchIndex.fromExport((await loadAsset(SEARCH_INDEX_ASSET)) as SearchIndexExport);
      if (index.corpusHash === meta.hash) return index;
    } catch (error) {
      // A missing, stale or corrupt export is recoverable: the entries are in IndexedDB.
      console.warn('Sidenote: rebuilding the search index:', error);
    }
    const entries = await db.entries.toArray();
    return SearchIndex.build(entries.map(searchDocOf), meta.hash);
  });

  const getAuthors = memoize(async (): Promise<AuthorSummary[]> => {
    await ensureCorpus();
    return summarizeAuthors(await db.entries.toArray());
  });

  const getUrlIndex = memoize(async (): Promise<UrlIndex> => {
    await ensureCorpus();
    return buildUrlIndex(await db.entries.toArray());
  });

  const updateSettings = async (change: (settings: AnnotationSettings) => AnnotationSettings) =>
    writeAnnotationSettings(db, change(await readAnnotationSettings(db)));

  return {
    ensureCorpus,
    getIndex,
    /** Entries that discuss a page, from its keys; the card shows only exact matches. */
    async matchPage(keys: UrlKeys, host: string): Promise<PageMatchResponse> {
      const settings = await readAnnotationSettings(db);
      if (!settings.isEnabled) return { status: 'off', relatedCount: 0 };
      if (settings.mutedSites.includes(host)) return { status: 'muted', relatedCount: 0 };
      const matches = findPageMatches(await getUrlIndex(), keys);
      if (matches.exact.length === 0) return { status: 'none', relatedCount: matches.related.length };
      const [entries, marks] = await Promise.all([db.entries.bulkGet(matches.exact.map((m) => m.id)), readUserMarks(db)]);
      const cards: CardEntry[] = entries.flatMap((entry, i) =>
        entry === undefined
          ? []
          : [
              {
                id: entry.id,
                date: entry.date,
                posts: entry.posts.map(({ author, handle, text }) => ({ author, handle, text })),
                isSaved: marks.savedIds.has(entry.id),
                matchedKey: matches.exact[i]?.key ?? keys.exact,
              },
            ],
      );
      return { status: 'matched', entries: cards, relatedCount: matches.related.length };
    },
    getAnnotationSettings: () => readAnnotationSettings(db),
    setAnnotationsEnabled: (isEnabled: boolean) => updateSettings((settings) => ({ ...settings, isEnabled })),
    setSiteMuted: (host: string, isMuted: boolean) =>
      updateSettings((settings) => ({
        ...settings,
        mutedSites: isMuted ? [...new Set([...settings.mutedSites, host])].sort() : settings.mutedSites.filter((site) => site !== host),
      })),
    async searchEntries(request: SearchRequest): Promise<SearchResponse> {
      await ensureCorpus();
      return searchEntries(getIndex, source, request, await readUserMarks(db));
    },
    async getEntry(id: number): Promise<EntryView | null> {
      await ensureCorpus();
      const entry = await db.entries.get(id);
      if (entry === undefined) return null;
      const [user, order] = await Promise.all([readEntryUserState(db, id), timelineOrder(db)]);
      const at = order.indexOf(id);
      const previousId = order[at - 1];
      const nextId = order[at + 1];
      return { entry, user, ...(previousId === undefined ? {} : { previousId }), ...(nextId === undefined ? {} : { nextId }) };
    },
    async setSaved(entryId: number, isSaved: boolean): Promise<EntryUserState> {
      await writeSaved(db, entryId, isSaved);
      return readEntryUserState(db, entryId);
    },
    async setNote(entryId: number, text: string): Promise<EntryUserState> {
      await writeNote(db, entryId, text);
      return readEntryUserState(db, entryId);
    },
    listAuthors: getAuthors,
  };
}
