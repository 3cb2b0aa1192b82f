// Sends and receives protocol messages over runtime messaging. One of the few modules that touch
// `browser`; everything it checks (shape, limits, who may send what) is defined in protocol.ts.

import { browser } from 'wxt/browser';
import {
  CONTENT_SCRIPT_MESSAGES,
  MessageValidationError,
  parseRequestEnvelope,
  PROTOCOL_TAG,
  validateRequest,
  type MessageName,
  type RequestOf,
  type ResponseEnvelope,
  type ResponseOf,
} from './protocol';

export type MessageSender = { id?: string; url?: string; tab?: { id?: number } };

export type Handlers = {
  [N in MessageName]: (data: RequestOf<N>, sender: MessageSender) => Promise<ResponseOf<N>>;
};

/** Sends a request to the background and returns its result; a handler's error is rethrown here. */
export async function sendMessage<N extends MessageName>(name: N, data: RequestOf<N>): Promise<ResponseOf<N>> {
  const response = (await browser.runtime.sendMessage({ protocol: PROTOCOL_TAG, name, data })) as ResponseEnvelope<N> | undefined;
  if (response === undefined || response === null) throw new Error(`no answer to "${name}" from the background`);
  if (!response.ok) {
    const error = new Error(response.error.message);
    error.name = response.error.name;
    throw error;
  }
  return response.value;
}

function errorEnvelope(error: unknown): ResponseEnvelope {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  return { ok: false, error: { name, message } };
}

function checkSender(name: MessageName, sender: MessageSender): void {
  if (sender.id !== browser.runtime.id) throw new MessageValidationError('message from another extension');
  const isExtensionPage = sender.url?.startsWith(browser.runtime.getURL('/')) ?? false;
  if (!isExtensionPage && !CONTENT_SCRIPT_MESSAGES.has(name)) {
    throw new MessageValidationError(`"${name}" is not allowed from a web page`);
  }
}

/** Validates and routes one message; always resolves to an envelope (errors travel back as data). */
export async function dispatchMessage(handlers: Handlers, message: unknown, sender: MessageSender): Promise<ResponseEnvelope> {
  try {
    const parsed = parseRequestEnvelope(message);
    if (parsed === undefined) throw new MessageValidationError('not a Sidenote message');
    checkSender(parsed.name, sender);
    const data = validateRequest[parsed.name](parsed.data);
    const handler = handlers[parsed.name] as (data: unknown, sender: MessageSender) => Promise<unknown>;
    return { ok: true, value: (await handler(data, sender)) as ResponseOf<MessageName> };
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
