// Opens the options page (the browser reuses its tab if one is open) and closes the popup.
import { browser } from 'wxt/browser';

export async function openSettings(): Promise<void> {
  await browser.runtime.openOptionsPage();
  window.close();
}
