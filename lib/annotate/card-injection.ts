// How the background puts the card's UI into a page that matched: the script file WXT builds from
// entrypoints/annotate-card.ts, run in the asking content script's own frame and world. MV3 (Chrome)
// has `scripting.executeScript`; Firefox's MV2 build has `tabs.executeScript`. Either needs the
// host permission for the page, which the manifest grants for exactly the content script's hosts.
import type { ContentScriptCaller } from '../background/content-script-gate';

/** The per-page content script in the package (entrypoints/annotate/index.ts), declared by wxt.config.ts. */
export const PAGE_SCRIPT = '/annotate.js';

/** The card's script in the package (never web-accessible: only the background can run it). */
export const CARD_UI_SCRIPT = '/annotate-card.js';

/** The two ways the platform runs a packaged script in a tab; the background passes `browser`. */
export type ScriptInjectionApi = {
  scripting?: { executeScript(injection: { target: { tabId: number; frameIds: number[] }; files: string[] }): Promise<unknown> };
  tabs: { executeScript?(tabId: number, details: { frameId: number; file: string }): Promise<unknown> };
};

export function cardUiInjector(api: ScriptInjectionApi): (caller: ContentScriptCaller) => Promise<void> {
  return async ({ tabId, frameId }) => {
    if (api.scripting) {
      await api.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [CARD_UI_SCRIPT] });
    } else if (api.tabs.executeScript) {
      await api.tabs.executeScript(tabId, { frameId, file: CARD_UI_SCRIPT });
    } else {
      throw new Error('this browser offers no way to run the card script');
    }
  };
}
