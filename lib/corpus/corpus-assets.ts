// Names of the assets the build writes, and the meta the background reads on every wake. Kept
// apart from build-corpus.ts so the background imports no build-time code (pinyin, mining).

export const CORPUS_ASSET = 'corpus.json';
export const SEARCH_INDEX_ASSET = 'search-index.json';
export const CORPUS_META_ASSET = 'corpus-meta.json';

/** Small enough to fetch on every service-worker wake to decide whether anything must change. */
export type CorpusMeta = { hash: string; entryCount: number; searchIndexVersion: number };
