// The background runs the card's script in the asking content script's frame, with whichever API
// the browser has: scripting.executeScript (Chrome's MV3) or tabs.executeScript (Firefox's MV2).
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CARD_UI_SCRIPT, cardUiInjector } from '../../lib/annotate/card-injection';

const caller = { tabId: 12, frameId: 0, documentUrl: 'https://github.com/myshell-ai/AIlice' };

describe('cardUiInjector', () => {
  it('uses scripting.executeScript for that tab and frame where the browser has it', async () => {
    const scripting = { executeScript: vi.fn(async () => [{ result: undefined }]) };
    const tabs = { executeScript: vi.fn(async () => []) };
    await cardUiInjector({ scripting, tabs })(caller);
    expect(scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 12, frameIds: [0] }, files: [CARD_UI_SCRIPT] });
    expect(tabs.executeScript).not.toHaveBeenCalled();
  });

  it("uses tabs.executeScript in Firefox's MV2 build", async () => {
    const tabs = { executeScript: vi.fn(async () => []) };
    await cardUiInjector({ tabs })({ ...caller, frameId: 3 });
    expect(tabs.executeScript).toHaveBeenCalledWith(12, { frameId: 3, file: CARD_UI_SCRIPT });
  });

  it("passes the browser's refusal on (the page went away, or no host access) and says so with neither API", async () => {
    const scripting = { executeScript: vi.fn(async () => Promise.reject(new Error('Cannot access contents of the page'))) };
    await expect(cardUiInjector({ scripting, tabs: {} })(caller)).rejects.toThrow('Cannot access contents of the page');
    await expect(cardUiInjector({ tabs: {} })(caller)).rejects.toThrow('no way to run the card script');
  });

  it('names the file WXT builds from an unlisted-script entrypoint (never a content script of the manifest)', () => {
    const entrypoint = readFileSync(join('entrypoints', `${basename(CARD_UI_SCRIPT, '.js')}.ts`), 'utf8');
    expect(entrypoint).toContain('defineUnlistedScript(');
  });
});
