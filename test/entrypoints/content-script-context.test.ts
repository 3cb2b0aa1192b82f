import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from '../../entrypoints/annotate/content-script-context';

/** A page's window and document, recording what a context does to them. */
function stubPage() {
  const calls: string[] = [];
  const record = (name: string) => vi.fn(() => void calls.push(name));
  const target = (prefix: string) => ({
    postMessage: record(`${prefix}.postMessage`),
    dispatchEvent: record(`${prefix}.dispatchEvent`),
    addEventListener: record(`${prefix}.addEventListener`),
  });
  vi.stubGlobal('window', { ...target('window'), setTimeout: globalThis.setTimeout, setInterval: globalThis.setInterval });
  vi.stubGlobal('document', target('document'));
  return calls;
}

const EXTENSION_ID = fakeBrowser.runtime.id;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  // fakeBrowser.reset() leaves an id a test removed: put it back.
  fakeBrowser.runtime.id = EXTENSION_ID;
});

describe("the annotate script's context", () => {
  it('tells the page nothing and listens to nothing on it when it starts', () => {
    const calls = stubPage();
    const ctx = new ContentScriptContext('annotate', { matches: ['*://github.com/*'] });
    expect(ctx.isValid).toBe(true);
    expect(calls).toEqual([]);
  });

  it('ends when the extension goes away, running its cleanups once', () => {
    stubPage();
    const ctx = new ContentScriptContext('annotate');
    const cleanup = vi.fn();
    ctx.onInvalidated(cleanup);
    fakeBrowser.runtime.id = undefined as unknown as string;
    expect(ctx.isInvalid).toBe(true);
    expect(ctx.isInvalid).toBe(true);
    expect(cleanup).toHaveBeenCalledTimes(1);
    expect(ctx.signal.aborted).toBe(true);
  });

  it('drops its timers when it ends, and a tick notices a gone extension', () => {
    stubPage();
    const ctx = new ContentScriptContext('annotate');
    const tick = vi.fn();
    ctx.setInterval(tick, 100);
    vi.advanceTimersByTime(100);
    expect(tick).toHaveBeenCalledTimes(1);
    fakeBrowser.runtime.id = undefined as unknown as string;
    vi.advanceTimersByTime(1000);
    expect(tick).toHaveBeenCalledTimes(1);
    expect(ctx.isInvalid).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("refuses WXT's page-dispatched location event instead of never firing it", () => {
    stubPage();
    const ctx = new ContentScriptContext('annotate');
    expect(() => ctx.addEventListener(new EventTarget(), 'wxt:locationchange', () => {})).toThrow(/not available/);
  });

  it('ties its listeners to its life', () => {
    stubPage();
    const ctx = new ContentScriptContext('annotate');
    const target = new EventTarget();
    const listener = vi.fn();
    ctx.addEventListener(target, 'ping', listener);
    target.dispatchEvent(new Event('ping'));
    ctx.notifyInvalidated();
    target.dispatchEvent(new Event('ping'));
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
