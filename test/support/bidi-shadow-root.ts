// Reaches a closed shadow root in Firefox over WebDriver BiDi. Page scripts get `null` from
// `host.shadowRoot`, but BiDi serializes an element's shadow root whatever its mode (Firefox hands
// over `openOrClosedShadowRoot`) with a shared id that scripts can then be given. Puppeteer keeps that
// serialization on the host's handle without a public way to wrap it, so this uses its BiDi handle
// class, checked at run time: if Puppeteer changes, this fails loudly rather than passing quietly.
import type { ElementHandle } from 'puppeteer-core';

/** The slice of a BiDi node RemoteValue this reads. */
type NodeValue = { type: string; sharedId?: string; value?: { shadowRoot?: NodeValue | null; mode?: string } };

type BidiHandleInternals = {
  remoteValue?: () => NodeValue;
  realm?: unknown;
  constructor: { from?: (value: NodeValue, realm: unknown) => ElementHandle<ShadowRoot> };
};

export function shadowRootOf(host: ElementHandle<Element>): { root: ElementHandle<ShadowRoot>; mode: string | undefined } {
  const internals = host as unknown as BidiHandleInternals;
  const from = internals.constructor.from;
  if (typeof internals.remoteValue !== 'function' || typeof from !== 'function') {
    throw new Error("Puppeteer's BiDi element handle no longer exposes remoteValue()/from(): update shadowRootOf");
  }
  const shadowRoot = internals.remoteValue().value?.shadowRoot;
  if (!shadowRoot?.sharedId) throw new Error('the element has no shadow root');
  return { root: from.call(internals.constructor, shadowRoot, internals.realm), mode: shadowRoot.value?.mode };
}
