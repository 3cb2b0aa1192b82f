// The background's handlers behind the messenger's checks: a content script (which speaks for a page
// we do not trust) is refused every page-only message before any service runs, and the card's
// messages reach a service only through the gate.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createContentScriptGate, createGrantStore } from '../../lib/background/content-script-gate';
import { createMessageHandlers, type MessageHandlerOptions } from '../../lib/background/message-handlers';
import { dispatchMessage } from '../../lib/messaging/messenger';
import { MESSAGES, messagesTo, PROTOCOL_TAG, type MessageName } from '../../lib/messaging/protocol';
import { SAMPLE_REQUESTS } from '../support/message-samples';

/** A service whose every method records its name and answers `answer`. */
function recordingService<T>(calls: string[], answer: unknown = null): T {
  return new Proxy(
    {},
    {
      get: (_target, method) => async () => {
        calls.push(String(method));
        return answer;
      },
    },
  ) as T;
}

const NO_MATCH = { status: 'none', relatedCount: 0 };

function setUp(matchAnswer: unknown = NO_MATCH) {
  const calls: string[] = [];
  const options: MessageHandlerOptions = {
    service: recordingService(calls, matchAnswer),
    sync: recordingService(calls),
    gate: createContentScriptGate(createGrantStore(fakeBrowser.storage.session)),
    openReaderTab: async (path) => void calls.push(`openReaderTab ${path}`),
    setBadge: (tabId, count) => void calls.push(`setBadge ${tabId} ${count}`),
    readEntries: async () => {
      calls.push('readEntries');
      return [];
    },
  };
  return { calls, handlers: createMessageHandlers(options) };
}

const request = (name: MessageName) => ({ protocol: PROTOCOL_TAG, name, data: SAMPLE_REQUESTS[name] });
const extensionPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/reader.html') });
const contentScript = () => ({ id: fakeBrowser.runtime.id, url: 'https://github.com/myshell-ai/AIlice', frameId: 0, tab: { id: 9 } });

const pageOnly = messagesTo('background').filter(
  (name) => !(MESSAGES.background[name].from as readonly string[]).includes('contentScript'),
);

describe('the background handlers behind the sender check', () => {
  it('knows the page-only messages from the map', () => {
    expect(pageOnly).toEqual(expect.arrayContaining(['setNote', 'searchEntries', 'getEntry', 'importUserData', 'connectWebDav']));
    expect(pageOnly).not.toContain('setSaved');
  });

  it.each(pageOnly)('refuses %s from a content script before any service runs (our pages get an answer)', async (name) => {
    const { calls, handlers } = setUp();
    const refused = await dispatchMessage(handlers, request(name), contentScript());
    expect(refused).toEqual({ ok: false, error: { name: 'MessageValidationError', message: `"${name}" is not allowed from a web page` } });
    expect(calls).toEqual([]);
    // The same request from one of our pages is valid and is handled: the refusal is about the sender.
    expect(await dispatchMessage(handlers, request(name), extensionPage())).toMatchObject({ ok: true });
    expect(calls.length).toBeGreaterThan(0);
  });

  it.each(['toggleCard', 'userDataChanged'] as const)(
    'refuses %s sent to the background, from anyone: it goes the other way',
    async (name) => {
      const { calls, handlers } = setUp();
      for (const sender of [contentScript(), extensionPage()]) {
        expect(await dispatchMessage(handlers, request(name), sender)).toMatchObject({
          ok: false,
          error: { name: 'MessageValidationError', message: `unknown message "${name}"` },
        });
      }
      expect(calls).toEqual([]);
    },
  );

  it("lets a content script's card messages through the gate only: an entry its page does not show is refused", async () => {
    const { calls, handlers } = setUp();
    expect(await dispatchMessage(handlers, request('setSaved'), contentScript())).toMatchObject({
      ok: false,
      error: { name: 'ContentScriptDeniedError' },
    });
    expect(calls).toEqual([]);
    // Matching its own page is allowed; the badge shows the count.
    expect(await dispatchMessage(handlers, request('matchPage'), contentScript())).toEqual({
      ok: true,
      value: { status: 'none', relatedCount: 0 },
    });
    expect(calls).toEqual(['matchPage', 'setBadge 9 0']);
  });

  it("clears the tab's badge when its card mutes its own site, and refuses another site", async () => {
    const { calls, handlers } = setUp();
    const mute = (host: string) => ({ protocol: PROTOCOL_TAG, name: 'setSiteMuted', data: { host, isMuted: true } });
    expect(await dispatchMessage(handlers, mute('x.com'), contentScript())).toMatchObject({
      ok: false,
      error: { name: 'ContentScriptDeniedError' },
    });
    expect(calls).toEqual([]);
    expect(await dispatchMessage(handlers, mute('github.com'), contentScript())).toMatchObject({ ok: true });
    expect(calls).toEqual(['setSiteMuted', 'setBadge 9 0']);
  });

  it("answers the card's script with the match, grants its tab those entries and sets the badge; our pages get the answer alone", async () => {
    const card = { id: 4, date: '2024-01-02', posts: [], isSaved: false, matchedKey: 'github.com/myshell-ai/ailice' };
    const matched = { status: 'matched', entries: [card], relatedCount: 0 };
    const match = { protocol: PROTOCOL_TAG, name: 'matchPage', data: { url: 'https://github.com/myshell-ai/AIlice' } };
    const save = { protocol: PROTOCOL_TAG, name: 'setSaved', data: { entryId: 4, isSaved: true } };

    const onMatch = setUp(matched);
    expect(await dispatchMessage(onMatch.handlers, match, contentScript())).toEqual({ ok: true, value: matched });
    expect(await dispatchMessage(onMatch.handlers, save, contentScript())).toMatchObject({ ok: true });
    await dispatchMessage(onMatch.handlers, match, extensionPage());
    expect(onMatch.calls).toEqual(['matchPage', 'setBadge 9 1', 'setSaved', 'matchPage']);

    // Nothing to show: the badge clears and the tab may act on no entry.
    const noMatch = setUp(NO_MATCH);
    await dispatchMessage(noMatch.handlers, match, contentScript());
    expect(await dispatchMessage(noMatch.handlers, save, contentScript())).toMatchObject({
      ok: false,
      error: { name: 'ContentScriptDeniedError' },
    });
    expect(noMatch.calls).toEqual(['matchPage', 'setBadge 9 0']);
  });

  it('refuses a match for a page that asks about another origin', async () => {
    const { calls, handlers } = setUp({ status: 'matched', entries: [], relatedCount: 0 });
    const otherOrigin = {
      protocol: PROTOCOL_TAG,
      name: 'matchPage',
      data: { url: 'https://x.com/a/status/1234567890123' },
    };
    expect(await dispatchMessage(handlers, otherOrigin, contentScript())).toMatchObject({
      ok: false,
      error: { name: 'ContentScriptDeniedError' },
    });
    expect(calls).toEqual([]);
  });

  it('opens the reader for our pages without asking the gate', async () => {
    const { calls, handlers } = setUp();
    expect(await dispatchMessage(handlers, request('openReader'), extensionPage())).toEqual({ ok: true, value: null });
    expect(calls).toEqual(['openReaderTab /reader.html#/entry/4']);
  });
});
