// What the background does, minus the wiring: keeps the stored corpus in step with the shipped
// one, answers searches, and is the one writer of user data, telling every open view what changed.
// The service worker may die at any moment, so everything here is a lazy, memoized promise that
// is cheap to redo on wake (a small meta fetch, an index import).

import {
  readAuthorList,
  readCorpus,
  readCorpusMeta,
  readShippedAliases,
  readShippedIndex,
  readUrlIndex,
  type AssetLoader,
} from '../assets/read-assets';
import {
  CORPUS_ASSET,
  CORPUS_AUTHORS_ASSET,
  CORPUS_META_ASSET,
  CORPUS_URLS_ASSET,
  SEARCH_INDEX_ASSET,
  type CorpusMeta,
} from '../assets/shipped-assets';
import { buildUrlIndex, findPageMatches, type CardEntry, type PageMatchResponse } from '../annotate/page-match';
import { summarizeAuthors } from '../corpus/authors';
import type { Entry } from '../corpus/types';
import type { SidenoteDatabase } from '../db/database';
import { createDexieEntrySource, storedCorpusHash, swapCorpus, timelineOrder } from '../db/corpus-store';
import {
  listOrphanedUserData,
  readAllEntryMarks,
  readAnnotationSettings,
  readEntryUserState,
  userMarksOf,
  writeCardsEnabled,
  writeNote,
  writeSaved,
  writeSiteMuted,
} from '../db/user-data-store';
import type { EntryView } from '../reader/entry-view';
import { searchDocOf } from '../search/search-doc';
import type { AliasTable } from '../search/alias-lookup';
import { SearchIndex, SearchIndexShardError } from '../search/search-index';
import { searchEntries, type SearchRequest, type SearchResponse } from '../search/search-entries';
import { canonicalHost } from '../url/hosts';
import { urlKeys } from '../url/url-keys';
import type {
  AnnotationSettings,
  ChangeStamp,
  EntryMarks,
  EntryUserState,
  NoteWriteResult,
  OrphanedUserData,
  UserDataChange,
} from '../user-data/types';

export type BackgroundServiceOptions = {
  /** Told after every change to user data (the wiring broadcasts it to open views). */
  notify?: (change: UserDataChange) => void;
  now?: () => number;
};

type Memo<T> = { get: () => Promise<T>; forget: () => void };

/** Forgets a failed attempt so the next call retries instead of returning the same rejection. */
function memoize<T>(make: () => Promise<T>): Memo<T> {
  let pending: Promise<T> | undefined;
  return {
    get: () => {
      pending ??= make().catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
      return pending;
    },
    forget: () => {
      pending = undefined;
    },
  };
}

function marksOf(entryId: number, user: EntryUserState): EntryMarks {
  return { entryId, isSaved: user.isSaved, hasNote: user.note.trim() !== '' };
}

export type BackgroundService = ReturnType<typeof createBackgroundService>;

export function createBackgroundService(db: SidenoteDatabase, loadAsset: AssetLoader, options: BackgroundServiceOptions = {}) {
  const source = createDexieEntrySource(db);
  const notify = options.notify ?? (() => undefined);
  const now = options.now ?? Date.now;
  let hasLoadedCorpus = false;

  /** Swaps the shipped corpus into IndexedDB when its hash differs from the stored one. */
  const corpus = memoize(async (): Promise<CorpusMeta> => {
    const meta = readCorpusMeta(await loadAsset(CORPUS_META_ASSET));
    if ((await storedCorpusHash(db)) !== meta.hash) {
      await swapCorpus(db, readCorpus(await loadAsset(CORPUS_ASSET), meta.hash), now());
      // The swap re-attached user data; and if this worker had loaded the corpus before, the
      // database was cleared under it: every view must look again.
      marks.forget();
      if (hasLoadedCorpus) notify({ kind: 'all', reason: 'storageCleared' });
    }
    hasLoadedCorpus = true;
    return meta;
  });
  const ensureCorpus = corpus.get;

  /** Set when a shipped shard proved unreadable: this worker then searches a rebuilt index. */
  let isShippedIndexBroken = false;

  /** The shipped export when it matches the corpus (shards fetched on demand); otherwise rebuilt from IndexedDB. */
  const index = memoize(async (): Promise<SearchIndex> => {
    const meta = await ensureCorpus();
    let shippedAliases: AliasTable | undefined;
    try {
      const exported = await loadAsset(SEARCH_INDEX_ASSET);
      shippedAliases = readShippedAliases(exported);
      const shipped = readShippedIndex(exported, loadAsset);
      if (shipped.corpusHash === meta.hash && !isShippedIndexBroken) return shipped;
    } catch (error) {
      // A missing, stale or corrupt export is recoverable: the entries are in IndexedDB.
      console.warn('Sidenote: rebuilding the search index:', error);
    }
    const entries = await db.entries.toArray();
    // Aliases need build-time data (the glossary, pinyin): keep the shipped table if it reads.
    return SearchIndex.build(entries.map(searchDocOf), meta.hash, shippedAliases);
  });

  /**
   * A table the build made for this corpus, so a wake reads one small asset instead of every
   * entry's full text; if it is missing, unreadable or of another corpus, worked out from IndexedDB.
   */
  const shippedTable = async <T>(asset: string, read: (value: unknown, corpusHash: string) => T, compute: (entries: Entry[]) => T) => {
    const meta = await ensureCorpus();
    try {
      return read(await loadAsset(asset), meta.hash);
    } catch (error) {
      console.warn(`Sidenote: ${asset} is unusable, reading the entries instead:`, error);
      return compute(await db.entries.toArray());
    }
  };

  const authors = memoize(() => shippedTable(CORPUS_AUTHORS_ASSET, readAuthorList, summarizeAuthors));

  const urlIndex = memoize(() => shippedTable(CORPUS_URLS_ASSET, readUrlIndex, buildUrlIndex));

  /** Every entry's saved/note marks; read once, then kept until this service writes. */
  const marks = memoize(async () => {
    await ensureCorpus();
    return userMarksOf(await readAllEntryMarks(db));
  });

  // A database deleted or cleared under a running worker closes our connection (Dexie reopens it
  // on the next call, empty): forget what was loaded and load the corpus again now, so open views
  // hear at once (the reopen waits in IndexedDB's queue behind the deletion).
  db.on('close', () => {
    corpus.forget();
    urlIndex.forget();
    authors.forget();
    marks.forget();
    // A failure here is not lost: the memo forgets it, and the next request retries and reports it.
    ensureCorpus().catch(() => undefined);
  });

  const afterEntryWrite = (entryId: number, user: EntryUserState) => {
    marks.forget();
    notify({ kind: 'entries', marks: [marksOf(entryId, user)] });
  };
  const afterSettingsWrite = (settings: AnnotationSettings) => {
    notify({ kind: 'settings' });
    return settings;
  };

  return {
    ensureCorpus,
    getIndex: index.get,
    /** Entries that discuss the page at `pageUrl`; the card shows only exact matches. */
    async matchPage(pageUrl: string): Promise<PageMatchResponse> {
      const keys = urlKeys(pageUrl);
      if (keys === undefined) return { status: 'none', relatedCount: 0 };
      const settings = await readAnnotationSettings(db);
      if (!settings.isEnabled) return { status: 'off', relatedCount: 0 };
      if (settings.mutedSites.includes(canonicalHost(new URL(pageUrl).hostname))) return { status: 'muted', relatedCount: 0 };
      const matches = findPageMatches(await urlIndex.get(), keys);
      if (matches.exact.length === 0) return { status: 'none', relatedCount: matches.related.length };
      const [entries, { savedIds }] = await Promise.all([db.entries.bulkGet(matches.exact.map((m) => m.id)), marks.get()]);
      const cards: CardEntry[] = entries.flatMap((entry, i) =>
        entry === undefined
          ? []
          : [
              {
                id: entry.id,
                date: entry.date,
                posts: entry.posts.map(({ author, handle, text }) => ({ author, handle, text })),
                isSaved: savedIds.has(entry.id),
                matchedKey: matches.exact[i]?.key ?? keys.exact,
              },
            ],
      );
      return { status: 'matched', entries: cards, relatedCount: matches.related.length };
    },
    getAnnotationSettings: () => readAnnotationSettings(db),
    setAnnotationsEnabled: async (isEnabled: boolean) => afterSettingsWrite(await writeCardsEnabled(db, isEnabled, now())),
    setSiteMuted: async (host: string, isMuted: boolean) => afterSettingsWrite(await writeSiteMuted(db, host, isMuted, now())),
    async searchEntries(request: SearchRequest): Promise<SearchResponse> {
      await ensureCorpus();
      const userMarks = await marks.get();
      try {
        return await searchEntries(index.get, source, request, userMarks);
      } catch (error) {
        if (!(error instanceof SearchIndexShardError) || isShippedIndexBroken) throw error;
        // A shard asset that cannot be read is recoverable like a bad export: rebuild, answer again.
        console.warn('Sidenote: rebuilding the search index:', error);
        isShippedIndexBroken = true;
        index.forget();
        return searchEntries(index.get, source, request, userMarks);
      }
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
      await ensureCorpus();
      const user = await writeSaved(db, entryId, isSaved, now());
      afterEntryWrite(entryId, user);
      return user;
    },
    async setNote(entryId: number, text: string, baseNoteStamp: ChangeStamp | null): Promise<NoteWriteResult> {
      await ensureCorpus();
      const result = await writeNote(db, entryId, text, baseNoteStamp, now());
      if (result.status === 'saved') afterEntryWrite(entryId, result.user);
      return result;
    },
    async listOrphans(): Promise<OrphanedUserData[]> {
      await ensureCorpus();
      return listOrphanedUserData(db);
    },
    listAuthors: authors.get,
  };
}
