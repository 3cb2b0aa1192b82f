// The background runs the card's script in a matched tab's top frame, with whichever API the
// browser has: scripting.executeScript (Chrome's MV3) or tabs.executeScript (Firefox's MV2).
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CARD_SCRIPT, cardScriptInjector } from '../../lib/annotate/card-injection';

describe('cardScriptInjector', () => {
  it("uses scripting.executeScript for that tab's top frame where the browser has it", async () => {
    const scripting = { executeScript: vi.fn(async () => [{ result: undefined }]) };
    const tabs = { executeScript: vi.fn(async () => []) };
    await cardScriptInjector({ scripting, tabs })(12);
    expect(scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 12, frameIds: [0] }, files: [CARD_SCRIPT] });
    expect(tabs.executeScript).not.toHaveBeenCalled();
  });

  it("uses tabs.executeScript in Firefox's MV2 build", async () => {
    const tabs = { executeScript: vi.fn(async () => []) };
    await cardScriptInjector({ tabs })(12);
    expect(tabs.executeScript).toHaveBeenCalledWith(12, { frameId: 0, file: CARD_SCRIPT });
  });

  it("passes the browser's refusal on (the page went away, or no host access) and says so with neither API", async () => {
    const scripting = { executeScript: vi.fn(async () => Promise.reject(new Error('Cannot access contents of the page'))) };
    await expect(cardScriptInjector({ scripting, tabs: {} })(12)).rejects.toThrow('Cannot access contents of the page');
    await expect(cardScriptInjector({ tabs: {} })(12)).rejects.toThrow('no way to run the card script');
  });

  it('names the file WXT builds from an unlisted-script entrypoint (never a content script of the manifest)', () => {
    const entrypoint = readFileSync(join('entrypoints', `${basename(CARD_SCRIPT, '.js')}.ts`), 'utf8');
    expect(entrypoint).toContain('defineUnlistedScript(');
  });
});
