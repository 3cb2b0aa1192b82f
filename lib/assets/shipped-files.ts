// Everything the build adds to the extension beside the code: the file list (path and contents)
// that wxt.config.ts writes as it is, and the content script's matches. Build time only (the UI
// languages load OpenCC's dictionaries).

import { buildLocales } from '../i18n/build-locales';
import { toChromeMessages } from '../i18n/messages';
import { contentScriptMatches } from '../url/match-patterns';
import {
  CORPUS_ASSET,
  CORPUS_AUTHORS_ASSET,
  CORPUS_META_ASSET,
  CORPUS_URLS_ASSET,
  SEARCH_INDEX_ASSET,
  searchIndexShardAsset,
  type ShippedAssets,
} from './shipped-assets';

/** One file of the built extension, its path relative to the extension's root. */
export type ShippedFile = { path: string; contents: string };

/** The digest's assets and the UI languages' `_locales/`, ready to write. */
export function shippedFiles(assets: ShippedAssets): ShippedFile[] {
  return [
    { path: CORPUS_ASSET, contents: JSON.stringify(assets.corpus) },
    { path: SEARCH_INDEX_ASSET, contents: JSON.stringify(assets.searchIndex.index) },
    ...assets.searchIndex.shards.map((shard) => ({ path: searchIndexShardAsset(shard.shard), contents: JSON.stringify(shard) })),
    { path: CORPUS_META_ASSET, contents: JSON.stringify(assets.meta) },
    { path: CORPUS_AUTHORS_ASSET, contents: JSON.stringify(assets.authors) },
    { path: CORPUS_URLS_ASSET, contents: JSON.stringify(assets.urls) },
    ...Object.entries(buildLocales()).map(([locale, messages]) => ({
      path: `_locales/${locale}/messages.json`,
      contents: JSON.stringify(toChromeMessages(messages), null, 1),
    })),
  ];
}

/** The card can only appear on hosts the corpus cites: the content script runs there alone. */
export function annotateMatches(assets: ShippedAssets): string[] {
  return contentScriptMatches(assets.corpus.entries.flatMap((entry) => entry.urls));
}
