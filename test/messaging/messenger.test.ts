import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  dispatchMessage,
  registerHandlers,
  registerTabHandlers,
  sendContentScriptMessage,
  sendMessage,
  type Handlers,
} from '../../lib/messaging/messenger';
import { PROTOCOL_TAG, PROTOCOL_TAGS } from '../../lib/messaging/protocol';

const response = { query: 'x', offset: 0, total: 0, results: [], unmatched: [], notices: [] };
const noUserState = { isSaved: false, note: '' };
const overview = {
  device: { id: 'aaaaaaaaaa', name: 'Test' },
  isBrowserSyncEnabled: true,
  status: { phase: 'idle' as const, devices: [], skipped: [] },
};
function makeHandlers(): Handlers {
  return {
    setSaved: vi.fn(async () => noUserState),
    setNote: vi.fn(async () => ({ status: 'saved' as const, user: noUserState })),
    listAuthors: vi.fn(async () => []),
    listOrphans: vi.fn(async () => []),
    getSyncOverview: vi.fn(async () => overview),
    connectWebDav: vi.fn(async () => overview),
    disconnectWebDav: vi.fn(async () => overview),
    setBrowserSyncEnabled: vi.fn(async () => overview),
    syncNow: vi.fn(async () => overview),
    renameDevice: vi.fn(async () => overview),
    exportUserData: vi.fn(async () => ({ fileName: 'x.json', mimeType: 'application/json', text: '{}' })),
    importUserData: vi.fn(async () => ({ status: 'applied' as const, applied: 0, refused: 0 })),
    matchPage: vi.fn(async () => ({ status: 'none' as const, relatedCount: 0 })),
    openReader: vi.fn(async () => null),
    getAnnotationSettings: vi.fn(async () => ({ isEnabled: true, mutedSites: [] })),
    setAnnotationsEnabled: vi.fn(async () => ({ isEnabled: true, mutedSites: [] })),
    setSiteMuted: vi.fn(async () => ({ isEnabled: true, mutedSites: [] })),
    searchEntries: vi.fn(async () => response),
    getEntry: vi.fn(async ({ id }: { id: number }) => {
      if (id === 13) throw Object.assign(new Error('unlucky'), { name: 'UnluckyError' });
      return null;
    }),
  };
}

const extensionPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
const message = (name: string, data: unknown) => ({ protocol: PROTOCOL_TAG, name, data });

describe('dispatchMessage', () => {
  it('routes a valid request from an extension page', async () => {
    const handlers = makeHandlers();
    expect(await dispatchMessage(handlers, message('searchEntries', { query: 'x', limit: 5 }), extensionPage())).toEqual({
      ok: true,
      value: response,
    });
    expect(handlers.searchEntries).toHaveBeenCalledWith({ query: 'x', limit: 5 }, { kind: 'extensionPage' });
  });

  it('sends a handler error back as data, with its name', async () => {
    expect(await dispatchMessage(makeHandlers(), message('getEntry', { id: 13 }), extensionPage())).toEqual({
      ok: false,
      error: { name: 'UnluckyError', message: 'unlucky' },
    });
  });

  it.each([
    ['another extension', { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' }, /another extension/],
    [
      'a web page (content script)',
      { id: 'test-extension-id', url: 'https://evil.example/', tab: { id: 3 } },
      /not allowed from a web page/,
    ],
  ])('rejects messages from %s', async (_label, sender, reason) => {
    const handlers = makeHandlers();
    const result = await dispatchMessage(handlers, message('searchEntries', { query: 'x', limit: 5 }), sender);
    expect(result).toMatchObject({ ok: false, error: { name: 'MessageValidationError' } });
    expect(result.ok ? '' : result.error.message).toMatch(reason);
    expect(handlers.searchEntries).not.toHaveBeenCalled();
  });

  it('lets a content script send only the card messages, naming its tab, frame and document', async () => {
    const handlers = makeHandlers();
    const contentScript = { id: fakeBrowser.runtime.id, url: 'https://github.com/myshell-ai/AIlice', frameId: 0, tab: { id: 9 } };
    const allowed = await dispatchMessage(handlers, message('matchPage', { url: 'https://github.com/myshell-ai/AIlice' }), contentScript);
    expect(allowed).toEqual({ ok: true, value: { status: 'none', relatedCount: 0 } });
    expect(handlers.matchPage).toHaveBeenCalledWith(
      { url: 'https://github.com/myshell-ai/AIlice' },
      { kind: 'contentScript', tabId: 9, frameId: 0, documentUrl: 'https://github.com/myshell-ai/AIlice' },
    );
    for (const [name, data] of [
      ['setNote', { entryId: 4, text: 'planted by a page', baseNoteStamp: null }],
      ['listOrphans', {}],
      ['getSyncOverview', {}],
      ['exportUserData', { format: 'json' }],
      ['importUserData', { text: '{}', passphrase: '', confirmLosses: true }],
      ['connectWebDav', { folderUrl: 'https://evil.example/', username: 'u', password: 'p', passphrase: '' }],
      ['setAnnotationsEnabled', { isEnabled: false }],
      ['searchEntries', { query: 'x', limit: 1 }],
    ] as const) {
      expect(await dispatchMessage(handlers, message(name, data), contentScript)).toMatchObject({
        ok: false,
        error: { name: 'MessageValidationError' },
      });
    }
    expect(handlers.setNote).not.toHaveBeenCalled();
    expect(handlers.setAnnotationsEnabled).not.toHaveBeenCalled();
  });

  it('rejects malformed data before any handler runs', async () => {
    const handlers = makeHandlers();
    const result = await dispatchMessage(handlers, message('searchEntries', { query: 'x', limit: 10_000 }), extensionPage());
    expect(result).toMatchObject({ ok: false, error: { name: 'MessageValidationError' } });
    expect(handlers.searchEntries).not.toHaveBeenCalled();
  });
});

describe('registerHandlers and sendMessage', () => {
  it('leaves other protocols to other listeners', async () => {
    registerHandlers(makeHandlers());
    const results = await fakeBrowser.runtime.onMessage.trigger({ kind: 'not ours' }, extensionPage(), () => undefined);
    expect(results).toEqual([undefined]);
  });

  it('answers a request through the runtime listener', async () => {
    registerHandlers(makeHandlers());
    const answer = new Promise((resolve) => {
      void fakeBrowser.runtime.onMessage.trigger(message('getEntry', { id: 1 }), extensionPage(), resolve);
    });
    expect(await answer).toEqual({ ok: true, value: null });
  });

  it('rethrows the error the background sent back, keeping its name', async () => {
    // fake-browser delivers messages with an empty sender, which our sender check refuses.
    registerHandlers(makeHandlers());
    const failure = sendMessage('getEntry', { id: 1 });
    await expect(failure).rejects.toThrow(/another extension/);
    await expect(failure).rejects.toMatchObject({ name: 'MessageValidationError' });
  });

  it('returns the value of a successful answer', async () => {
    fakeBrowser.runtime.onMessage.addListener((_message, _sender, sendResponse) => {
      sendResponse({ ok: true, value: { id: 1 } });
      return true;
    });
    await expect(sendMessage('getEntry', { id: 1 })).resolves.toEqual({ id: 1 });
  });
});

describe('registerTabHandlers (the background → content script direction)', () => {
  const fromBackground = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/background.js') });
  const tabMessage = (name: string, data: unknown) => ({ protocol: PROTOCOL_TAGS.contentScript, name, data });
  const answerTo = (message: unknown, sender: object) =>
    new Promise((resolve) => void fakeBrowser.runtime.onMessage.trigger(message, sender, resolve));

  it('runs the handler for a command from our background and answers', async () => {
    const toggleCard = vi.fn(async () => null);
    registerTabHandlers({ toggleCard, pingCardScript: async () => null });
    expect(await answerTo(tabMessage('toggleCard', {}), fromBackground())).toEqual({ ok: true, value: null });
    expect(toggleCard).toHaveBeenCalledWith({}, { kind: 'background' });
  });

  it.each([
    ['from another extension', tabMessage('toggleCard', {}), { id: 'someone-else' }, /another extension/],
    ['a request meant for the background', tabMessage('setSaved', { entryId: 4, isSaved: true }), undefined, /unknown message "setSaved"/],
    ['with data', tabMessage('toggleCard', { hidden: true }), undefined, /unexpected field/],
  ])('refuses a message %s', async (_label, message, sender, reason) => {
    const toggleCard = vi.fn(async () => null);
    registerTabHandlers({ toggleCard, pingCardScript: async () => null });
    const answer = await answerTo(message, sender ?? fromBackground());
    expect(answer).toMatchObject({ ok: false, error: { name: 'MessageValidationError', message: expect.stringMatching(reason) } });
    expect(toggleCard).not.toHaveBeenCalled();
  });

  it("leaves requests to the background and events to the pages' listeners", async () => {
    const toggleCard = vi.fn(async () => null);
    registerTabHandlers({ toggleCard, pingCardScript: async () => null });
    for (const protocol of [PROTOCOL_TAGS.background, PROTOCOL_TAGS.extensionPages]) {
      expect(
        await fakeBrowser.runtime.onMessage.trigger({ protocol, name: 'toggleCard', data: {} }, fromBackground(), () => undefined),
      ).toEqual([undefined]);
    }
    expect(toggleCard).not.toHaveBeenCalled();
  });
});

// Type checks only (tsc runs over the tests): a content script cannot even name a page-only message.
export function contentScriptSendsOnlyCardMessages(): void {
  void sendContentScriptMessage('setSaved', { entryId: 4, isSaved: true });
  // @ts-expect-error a content script may not write notes
  void sendContentScriptMessage('setNote', { entryId: 4, text: 'x', baseNoteStamp: null });
  // @ts-expect-error nor search
  void sendContentScriptMessage('searchEntries', { query: 'x', limit: 1 });
  // @ts-expect-error and nobody sends the background's command to the background
  void sendMessage('toggleCard', {});
}
