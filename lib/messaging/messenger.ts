// Sends and receives protocol messages over runtime messaging: requests to the background, and
// the background's events to open extension pages. One of the few modules that touch `browser`;
// everything it checks (shape, limits, who may send what) is defined in protocol.ts.

import { browser } from 'wxt/browser';
import type { ContentScriptCaller } from '../background/content-script-gate';
import {
  CONTENT_SCRIPT_MESSAGES,
  EVENT_PROTOCOL_TAG,
  MessageValidationError,
  parseEventEnvelope,
  parseRequestEnvelope,
  PROTOCOL_TAG,
  validateRequest,
  type EventEnvelope,
  type EventMap,
  type EventName,
  type MessageName,
  type RequestOf,
  type ResponseEnvelope,
  type ResponseOf,
} from './protocol';

export type MessageSender = { id?: string; url?: string; frameId?: number; tab?: { id?: number } };

/** Who sent a request: one of our pages, or a content script speaking for a web page. */
export type Caller = { kind: 'extensionPage' } | ({ kind: 'contentScript' } & ContentScriptCaller);

export type Handlers = {
  [N in MessageName]: (data: RequestOf<N>, caller: Caller) => Promise<ResponseOf<N>>;
};

/** Sends a request to the background and returns its result; a handler's error is rethrown here. */
export async function sendMessage<N extends MessageName>(name: N, data: RequestOf<N>): Promise<ResponseOf<N>> {
  const response = (await browser.runtime.sendMessage({ protocol: PROTOCOL_TAG, name, data })) as ResponseEnvelope<N> | undefined;
  if (response === undefined || response === null) throw new BackgroundUnavailableError(name);
  if (!response.ok) {
    const error = new Error(response.error.message);
    error.name = response.error.name;
    throw error;
  }
  return response.value;
}

export class BackgroundUnavailableError extends Error {
  constructor(name: string) {
    super(`no answer to "${name}" from the background`);
    this.name = 'BackgroundUnavailableError';
  }
}

function errorEnvelope(error: unknown): ResponseEnvelope {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  return { ok: false, error: { name, message } };
}

function isFromExtensionPage(sender: MessageSender): boolean {
  return sender.url?.startsWith(browser.runtime.getURL('/')) ?? false;
}

function callerOf(name: MessageName, sender: MessageSender): Caller {
  if (sender.id !== browser.runtime.id) throw new MessageValidationError('message from another extension');
  if (isFromExtensionPage(sender)) return { kind: 'extensionPage' };
  if (!CONTENT_SCRIPT_MESSAGES.has(name)) throw new MessageValidationError(`"${name}" is not allowed from a web page`);
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.url === undefined) throw new MessageValidationError('a content script message without its tab');
  return { kind: 'contentScript', tabId, frameId: sender.frameId ?? 0, documentUrl: sender.url };
}

/** Validates and routes one message; always resolves to an envelope (errors travel back as data). */
export async function dispatchMessage(handlers: Handlers, message: unknown, sender: MessageSender): Promise<ResponseEnvelope> {
  try {
    const parsed = parseRequestEnvelope(message);
    if (parsed === undefined) throw new MessageValidationError('not a Sidenote message');
    const caller = callerOf(parsed.name, sender);
    const data = validateRequest[parsed.name](parsed.data);
    const handler = handlers[parsed.name] as (data: unknown, caller: Caller) => Promise<unknown>;
    return { ok: true, value: (await handler(data, caller)) as ResponseOf<MessageName> };
  } catch (error) {
    return errorEnvelope(error);
  }
}

/** Registers one listener for every protocol message. Call synchronously at startup. */
export function registerHandlers(handlers: Handlers): () => void {
  // sendResponse + `return true` (rather than returning a promise) works natively in Chrome and
  // Firefox, through the polyfill, and in fake-browser.
  const listener = (message: unknown, sender: MessageSender, sendResponse: (response: unknown) => void): true | undefined => {
    // Leave messages that are not ours to other listeners.
    if (typeof message !== 'object' || message === null || (message as { protocol?: unknown }).protocol !== PROTOCOL_TAG) {
      return undefined;
    }
    void dispatchMessage(handlers, message, sender).then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Tells every open extension page (content scripts never hear runtime broadcasts). */
export async function broadcastEvent<N extends EventName>(name: N, data: EventMap[N]): Promise<void> {
  const envelope: EventEnvelope<N> = { protocol: EVENT_PROTOCOL_TAG, name, data };
  try {
    await browser.runtime.sendMessage(envelope);
  } catch (error) {
    // With no page open there is nobody to tell, and the browser says so with an error.
    if (!/Receiving end does not exist|Could not establish connection/i.test(String(error))) throw error;
  }
}

/** Calls `listener` for each valid event from our own pages or background; returns the unsubscribe. */
export function onBackgroundEvent(listener: (name: EventName, data: EventMap[EventName]) => void): () => void {
  const onMessage = (message: unknown, sender: MessageSender): undefined => {
    if (sender.id !== browser.runtime.id || !isFromExtensionPage(sender)) return undefined;
    let parsed;
    try {
      parsed = parseEventEnvelope(message);
    } catch (error) {
      // A malformed event from our own extension is a bug worth seeing, but not worth breaking the page.
      console.warn('Sidenote: ignored a malformed event:', error);
      return undefined;
    }
    if (parsed !== undefined) listener(parsed.name, parsed.data);
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}
