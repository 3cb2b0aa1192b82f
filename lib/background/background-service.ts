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
  readAllEntryStates,
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
import { searchEntries, summarizeEntry, type SearchRequest, type SearchResponse, type SearchResult } from '../search/search-entries';
import { compareNewestFirst } from '../search/array-entry-source';
import { matchesFilters, type UserMarks } from '../search/entry-filters';
import { MAX_RESULTS } from '../search/limits';
import {
  hasNoteWords,
  isByHandles,
  isNoteMatch,
  noteExcerpt,
  parseNoteQuery,
  prepareNotes,
  splitPage,
  type NoteQuery,
  type SearchableNote,
} from '../search/note-search';
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
  /** The timers that let the search index go after INDEX_IDLE_MS (the global ones unless a test's). */
  timers?: Timers;
};

type Timers = { setTimeout: (run: () => void, ms: number) => unknown; clearTimeout: (id: unknown) => void };

const GLOBAL_TIMERS: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/**
 * The search index is let go this long after its last use. Tab updates on any site keep the worker
 * alive while the user browses (lib/annotate/tab-watch.ts), and at 10,000 entries the index holds
 * 10–50 MiB; a search after that loads it again, as after a worker restart (a first query's cost).
 */
export const INDEX_IDLE_MS = 5 * 60_000;

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

/** What searches need of the user tables: every entry's marks, and the notes, folded once. */
type UserSearchData = { marks: UserMarks; notes: ReadonlyMap<number, SearchableNote> };

/** Adds each result's note excerpt, highlighting the query's words where the note has them. */
function withNoteExcerpts(results: SearchResult[], notes: ReadonlyMap<number, SearchableNote>, query: NoteQuery): SearchResult[] {
  return results.map((result) => {
    const note = notes.get(result.id);
    return note === undefined ? result : { ...result, note: noteExcerpt(note, query.words) };
  });
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
      userData.forget();
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

  const timers = options.timers ?? GLOBAL_TIMERS;
  let indexRelease: unknown;
  /** The index for a search; each use puts off letting it go. */
  const useIndex = (): Promise<SearchIndex> => {
    timers.clearTimeout(indexRelease);
    indexRelease = timers.setTimeout(index.forget, INDEX_IDLE_MS);
    return index.get();
  };

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

  /** Every entry's saved/note marks and its note; read once, then kept until this service writes. */
  const userData = memoize(async (): Promise<UserSearchData> => {
    await ensureCorpus();
    const states = await readAllEntryStates(db);
    return {
      marks: userMarksOf(states.map(({ entryId, state }) => marksOf(entryId, state))),
      notes: prepareNotes(states.map(({ entryId, state }) => ({ entryId, text: state.note }))),
    };
  });

  /** The index's answer, without `excludedIds`; a shipped shard that cannot be read is rebuilt around once. */
  const searchIndex = async (request: SearchRequest, marks: UserMarks, excludedIds: ReadonlySet<number>): Promise<SearchResponse> => {
    try {
      return await searchEntries(useIndex, source, request, marks, excludedIds);
    } catch (error) {
      if (!(error instanceof SearchIndexShardError) || isShippedIndexBroken) throw error;
      // A shard asset that cannot be read is recoverable like a bad export: rebuild, answer again.
      console.warn('Sidenote: rebuilding the search index:', error);
      isShippedIndexBroken = true;
      index.forget();
      return searchEntries(useIndex, source, request, marks, excludedIds);
    }
  };

  /** Entries whose note holds every word of the query and that pass the filters, newest first. */
  const noteMatches = async (query: NoteQuery, request: SearchRequest, user: UserSearchData): Promise<SearchResult[]> => {
    const ids = [...user.notes.values()].filter((note) => isNoteMatch(note, query)).map((note) => note.entryId);
    if (ids.length === 0) return [];
    const entries = await source.getEntries(ids);
    return entries
      .filter((entry) => isByHandles(entry, query.handles) && matchesFilters(entry, request.filters ?? {}, user.marks))
      .sort(compareNewestFirst)
      .map((entry) => summarizeEntry(entry, user.marks));
  };

  // A database deleted or cleared under a running worker closes our connection (Dexie reopens it
  // on the next call, empty): forget what was loaded and load the corpus again now, so open views
  // hear at once (the reopen waits in IndexedDB's queue behind the deletion).
  db.on('close', () => {
    corpus.forget();
    urlIndex.forget();
    authors.forget();
    userData.forget();
    // A failure here is not lost: the memo forgets it, and the next request retries and reports it.
    ensureCorpus().catch(() => undefined);
  });

  const afterEntryWrite = (entryId: number, user: EntryUserState) => {
    userData.forget();
    notify({ kind: 'entries', marks: [marksOf(entryId, user)] });
  };
  const afterSettingsWrite = (settings: AnnotationSettings) => {
    notify({ kind: 'settings' });
    return settings;
  };

  return {
    ensureCorpus,
    getIndex: useIndex,
    /** Entries that discuss the page at `pageUrl`; the card shows only exact matches. */
    async matchPage(pageUrl: string): Promise<PageMatchResponse> {
      const keys = urlKeys(pageUrl);
      if (keys === undefined) return { status: 'none', relatedCount: 0 };
      const settings = await readAnnotationSettings(db);
      if (!settings.isEnabled) return { status: 'off', relatedCount: 0 };
      if (settings.mutedSites.includes(canonicalHost(new URL(pageUrl).hostname))) return { status: 'muted', relatedCount: 0 };
      const matches = findPageMatches(await urlIndex.get(), keys);
      if (matches.exact.length === 0) return { status: 'none', relatedCount: matches.related.length };
      const [entries, { marks }] = await Promise.all([db.entries.bulkGet(matches.exact.map((m) => m.id)), userData.get()]);
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
    setAnnotationsEnabled: async (isEnabled: boolean) => afterSettingsWrite(await writeCardsEnabled(db, isEnabled, now())),
    setSiteMuted: async (host: string, isMuted: boolean) => afterSettingsWrite(await writeSiteMuted(db, host, isMuted, now())),
    /**
     * The index's answer, and entries found by the user's notes (which the index never sees):
     * those are listed first, newest first, then the index's ranking of every other entry, so an
     * entry is listed once, `total` counts both and paging walks one list. Each row with a note
     * carries an excerpt of it.
     */
    async searchEntries(request: SearchRequest): Promise<SearchResponse> {
      await ensureCorpus();
      const user = await userData.get();
      const query = parseNoteQuery(request.query);
      const noted = hasNoteWords(query) ? await noteMatches(query, request, user) : [];
      if (noted.length === 0) {
        const response = await searchIndex(request, user.marks, new Set());
        return { ...response, results: withNoteExcerpts(response.results, user.notes, query) };
      }
      const offset = Math.max(0, request.offset ?? 0);
      const limit = Math.max(1, Math.min(request.limit, MAX_RESULTS));
      const page = splitPage(offset, limit, noted.length);
      const fromIndex = await searchIndex({ ...request, ...page.index }, user.marks, new Set(noted.map((result) => result.id)));
      const results = [...noted.slice(...page.notes), ...(page.isIndexShown ? fromIndex.results : [])];
      return {
        ...fromIndex,
        offset,
        total: noted.length + fromIndex.total,
        results: withNoteExcerpts(results, user.notes, query),
        // Words no entry's text has are still named in the notices; with results, nothing is "unmatched".
        unmatched: [],
      };
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
