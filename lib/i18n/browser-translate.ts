// The extension's translator: browser.i18n picks the dictionary from the browser's language.
import { browser } from 'wxt/browser';
import type { MessageKey, Translate } from './messages';

// Our messages are generated at build time, so WXT's typed keys do not know them.
const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string[]) => string;

export const t: Translate = (key: MessageKey, ...substitutions) => getMessage(key, substitutions.map(String)) || key;
