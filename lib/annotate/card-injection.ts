// How the background puts the card's script into a tab whose page matched: the script file WXT
// builds from entrypoints/annotate-card.ts, run in the tab's top document, in the extension's own
// content-script world. MV3 (Chrome) has `scripting.executeScript`; Firefox's MV2 build has
// `tabs.executeScript`. Either needs the host permission for the page, which the manifest grants
// for the cited hosts alone; either waits for a loading document to be ready.

/** The card's script in the package (never web-accessible: only the background can run it). */
export const CARD_SCRIPT = '/annotate-card.js';

/** The two ways the platform runs a packaged script in a tab; the background passes `browser`. */
export type ScriptInjectionApi = {
  scripting?: { executeScript(injection: { target: { tabId: number; frameIds: number[] }; files: string[] }): Promise<unknown> };
  tabs: { executeScript?(tabId: number, details: { frameId: number; file: string }): Promise<unknown> };
};

/** Runs the card's script in tab `tabId`'s top frame. */
export function cardScriptInjector(api: ScriptInjectionApi): (tabId: number) => Promise<void> {
  return async (tabId) => {
    if (api.scripting) {
      await api.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [CARD_SCRIPT] });
    } else if (api.tabs.executeScript) {
      await api.tabs.executeScript(tabId, { frameId: 0, file: CARD_SCRIPT });
    } else {
      throw new Error('this browser offers no way to run the card script');
    }
  };
}
