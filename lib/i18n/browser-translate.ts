// The extension's translator: browser.i18n picks the dictionary from the browser's language.
import { browser } from 'wxt/browser';
import type { MessageKey, Translate } from './messages';

// Our messages are generated at build time, so WXT's typed keys do not know them. Looked up on
// each call, not at import: touching an API namespace has a cost on every page a content script runs.
type GetMessage = (key: string, substitutions?: string[]) => string;

export const t: Translate = (key: MessageKey, ...substitutions) =>
  (browser.i18n.getMessage as GetMessage)(key, substitutions.map(String)) || key;
