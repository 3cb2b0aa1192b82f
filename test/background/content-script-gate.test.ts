import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ContentScriptDeniedError,
  createContentScriptGate,
  createGrantStore,
  OPEN_READER_LIMITS,
  type ContentScriptCaller,
} from '../../lib/background/content-script-gate';

const onRepo: ContentScriptCaller = { tabId: 3, frameId: 0, documentUrl: 'https://github.com/myshell-ai/AIlice' };

function setUp() {
  let now = 1_000_000;
  const gate = createContentScriptGate(createGrantStore(fakeBrowser.storage.session), () => now);
  return { gate, advance: (ms: number) => (now += ms) };
}

describe('content-script gate', () => {
  it('allows actions only on the entries last matched for that tab', async () => {
    const { gate } = setUp();
    await expect(gate.checkEntry(onRepo, 4)).rejects.toBeInstanceOf(ContentScriptDeniedError);
    await gate.grant(onRepo, [4]);
    await expect(gate.checkEntry(onRepo, 4)).resolves.toBeUndefined();
    await expect(gate.checkEntry(onRepo, 58)).rejects.toThrow(/entry #58 is not shown on this page/);
    // Another tab, or the same tab after navigating to another site, gets nothing from this grant.
    await expect(gate.checkEntry({ ...onRepo, tabId: 4 }, 4)).rejects.toBeInstanceOf(ContentScriptDeniedError);
    await expect(gate.checkEntry({ ...onRepo, documentUrl: 'https://evil.example/' }, 4)).rejects.toBeInstanceOf(ContentScriptDeniedError);
    // A page without a card takes the grant away, and leaves nothing in session storage.
    await gate.grant(onRepo, []);
    await expect(gate.checkEntry(onRepo, 4)).rejects.toBeInstanceOf(ContentScriptDeniedError);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('keeps grants across a service-worker restart (a new gate over the same session storage)', async () => {
    await setUp().gate.grant(onRepo, [4]);
    await expect(setUp().gate.checkEntry(onRepo, 4)).resolves.toBeUndefined();
  });

  it('refuses frames other than the top one', async () => {
    const { gate } = setUp();
    await gate.grant(onRepo, [4]);
    await expect(gate.checkEntry({ ...onRepo, frameId: 2 }, 4)).rejects.toThrow(/top frame/);
    expect(() => gate.checkPageUrl({ ...onRepo, frameId: 2 }, onRepo.documentUrl)).toThrow(ContentScriptDeniedError);
  });

  it.each([
    ['its own page', 'https://github.com/myshell-ai/AIlice', true],
    ['a page it navigated to in place', 'https://github.com/ollama/ollama', true],
    ['another site', 'https://x.com/ylecun/status/1766498677751787723', false],
    ['the same host over http', 'http://github.com/myshell-ai/AIlice', false],
    ['not a URL', 'github.com/myshell-ai/AIlice', false],
  ])('lets a page ask about %s: %s', (_label, url, isAllowed) => {
    const { gate } = setUp();
    if (isAllowed) expect(() => gate.checkPageUrl(onRepo, url)).not.toThrow();
    else expect(() => gate.checkPageUrl(onRepo, url)).toThrow(ContentScriptDeniedError);
  });

  it.each([
    ['github.com', true],
    ['x.com', false],
    ['evil.example', false],
  ])('lets a page mute %s: %s', (host, isAllowed) => {
    const { gate } = setUp();
    const www = { ...onRepo, documentUrl: 'https://www.github.com/myshell-ai/AIlice' };
    if (isAllowed) expect(() => gate.checkOwnSite(www, host)).not.toThrow();
    else expect(() => gate.checkOwnSite(www, host)).toThrow(ContentScriptDeniedError);
  });

  it('opens reader tabs at a human pace: one per tab every two seconds, a handful a minute', async () => {
    const { gate, advance } = setUp();
    await gate.grant(onRepo, [4]);
    await expect(gate.checkOpenReader(onRepo, 4)).resolves.toBeUndefined();
    await expect(gate.checkOpenReader(onRepo, 4)).rejects.toThrow(/too many reader tabs/);
    advance(OPEN_READER_LIMITS.perTabIntervalMs);
    await expect(gate.checkOpenReader(onRepo, 4)).resolves.toBeUndefined();

    let opened = 2;
    for (let tabId = 10; opened < OPEN_READER_LIMITS.perMinute; tabId++, opened++) {
      const caller = { ...onRepo, tabId };
      await gate.grant(caller, [4]);
      await expect(gate.checkOpenReader(caller, 4)).resolves.toBeUndefined();
    }
    const oneMore = { ...onRepo, tabId: 99 };
    await gate.grant(oneMore, [4]);
    await expect(gate.checkOpenReader(oneMore, 4)).rejects.toThrow(/too many reader tabs/);
    advance(60_000);
    await expect(gate.checkOpenReader(oneMore, 4)).resolves.toBeUndefined();
  });
});
