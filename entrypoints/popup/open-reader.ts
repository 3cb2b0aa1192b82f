// Opens the reader in a tab (tabs.create needs no permission) and closes the popup.
import { browser } from 'wxt/browser';
import { readerPath } from '../../lib/reader/reader-url';
import type { Route } from '../../lib/reader/route';

export async function openReader(route: Route): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(readerPath(route)) });
  window.close();
}
