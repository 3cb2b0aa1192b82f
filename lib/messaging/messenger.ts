// Sends and receives the protocol's messages in every direction (requests to the background,
// commands to a tab, events to open pages); one of the few modules that touch `browser`. Its
// senders and handler maps are typed from protocol.ts's MESSAGES, and it checks each message by it.

import { browser } from 'wxt/browser';
import type { ContentScriptCaller } from '../background/content-script-gate';
import {
  BACKGROUND_MESSAGES,
  CONTENT_SCRIPT_MESSAGES,
  MessageValidationError,
  parseEnvelope,
  parseEventEnvelope,
  PROTOCOL_TAGS,
  type EventName,
  type MessageFrom,
  type MessageName,
  type MessageSpec,
  type MessageTo,
  type RequestOf,
  type ResponseEnvelope,
  type ResponseOf,
  type Sender,
  type SendersOf,
} from './protocol';

export type MessageSender = { id?: string; url?: string; frameId?: number; tab?: { id?: number } };

/** Who sent a message: one of our pages, a content script speaking for a web page, or the background. */
export type Caller = { kind: 'extensionPage' } | ({ kind: 'contentScript' } & ContentScriptCaller) | { kind: 'background' };

/** The callers message `N` can come from (a page-only message's handler never sees a content script). */
export type CallerOf<N extends string> = Extract<Caller, { kind: SendersOf<N> }>;

/** Receivers that answer: one handler for each message they receive. */
type AnsweringReceiver = 'background' | 'contentScript';

export type Handlers<R extends AnsweringReceiver = 'background'> = {
  [N in MessageTo<R>]: (data: RequestOf<N>, caller: CallerOf<N>) => Promise<ResponseOf<N>>;
};

export class BackgroundUnavailableError extends Error {
  constructor(name: string) {
    super(`no answer to "${name}" from the background`);
    this.name = 'BackgroundUnavailableError';
  }
}

/** A tab answered nothing: it has no Sidenote content script listening (no cited page, or no card yet). */
export class ContentScriptUnavailableError extends Error {
  constructor(name: string) {
    super(`no answer to "${name}" from the tab`);
    this.name = 'ContentScriptUnavailableError';
  }
}

/** The answer's value; a handler's error is rethrown here with its name. */
function valueOf<N extends string>(response: ResponseEnvelope<N> | undefined, noAnswer: () => Error): ResponseOf<N> {
  if (response === undefined || response === null) throw noAnswer();
  if (!response.ok) {
    const error = new Error(response.error.message);
    error.name = response.error.name;
    throw error;
  }
  return response.value;
}

/** Sends a request to the background and returns its result. Our pages may send any request. */
export async function sendMessage<N extends MessageFrom<'extensionPage', 'background'>>(
  name: N,
  data: RequestOf<N>,
): Promise<ResponseOf<N>> {
  // Async, so that a call the browser refuses at once (an orphaned content script: "Extension
  // context invalidated") rejects like any other failure instead of throwing into the caller.
  const response = (await browser.runtime.sendMessage({ protocol: PROTOCOL_TAGS.background, name, data })) as
    ResponseEnvelope<N> | undefined;
  return valueOf(response, () => new BackgroundUnavailableError(name));
}

/** The content script's `sendMessage`: only the messages a content script may send compile. */
export const sendContentScriptMessage: <N extends MessageFrom<'contentScript', 'background'>>(
  name: N,
  data: RequestOf<N>,
) => Promise<ResponseOf<N>> = sendMessage;

/**
 * Sends a command to the card's script in tab `tabId` (the browser rejects if the tab has none
 * listening); cards live only in the top frame, so only frame 0 is asked.
 */
export async function sendTabMessage<N extends MessageFrom<'background', 'contentScript'>>(
  tabId: number,
  name: N,
  data: RequestOf<N>,
): Promise<ResponseOf<N>> {
  const message = { protocol: PROTOCOL_TAGS.contentScript, name, data };
  const response = (await browser.tabs.sendMessage(tabId, message, { frameId: 0 })) as ResponseEnvelope<N> | undefined;
  return valueOf(response, () => new ContentScriptUnavailableError(name));
}

function errorEnvelope(error: unknown): ResponseEnvelope {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  return { ok: false, error: { name, message } };
}

function isFromExtensionPage(sender: MessageSender): boolean {
  return sender.url?.startsWith(browser.runtime.getURL('/')) ?? false;
}

/** Who sent `name` to `receiver`, if the map lets them send it; otherwise MessageValidationError. */
function callerOf(receiver: AnsweringReceiver, name: string, allowed: readonly Sender[], sender: MessageSender): Caller {
  if (sender.id !== browser.runtime.id) throw new MessageValidationError('message from another extension');
  // Only our own extension can reach a content script's runtime listener (tabs.sendMessage); the background does.
  if (receiver === 'contentScript') {
    if (!allowed.includes('background')) throw new MessageValidationError(`"${name}" is not sent to a tab`);
    return { kind: 'background' };
  }
  if (isFromExtensionPage(sender)) {
    if (!allowed.includes('extensionPage')) throw new MessageValidationError(`"${name}" is not allowed from an extension page`);
    return { kind: 'extensionPage' };
  }
  if (!allowed.includes('contentScript')) throw new MessageValidationError(`"${name}" is not allowed from a web page`);
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.url === undefined) throw new MessageValidationError('a content script message without its tab');
  return { kind: 'contentScript', tabId, frameId: sender.frameId ?? 0, documentUrl: sender.url };
}

/** Checks and routes one message to `receiver`'s handler; always resolves to an envelope (errors travel back as data). */
async function dispatch<R extends AnsweringReceiver>(
  receiver: R,
  specs: Record<MessageTo<R>, MessageSpec>,
  handlers: Handlers<R>,
  message: unknown,
  sender: MessageSender,
): Promise<ResponseEnvelope> {
  try {
    const parsed = parseEnvelope(receiver, specs, message);
    if (parsed === undefined) throw new MessageValidationError('not a Sidenote message');
    const spec = specs[parsed.name];
    const caller = callerOf(receiver, parsed.name, spec.from, sender);
    const data = spec.validate(parsed.data);
    const handler = handlers[parsed.name] as (data: unknown, caller: Caller) => Promise<unknown>;
    return { ok: true, value: (await handler(data, caller)) as ResponseOf<MessageName> };
  } catch (error) {
    return errorEnvelope(error);
  }
}

/** Validates and routes one request to the background. */
export function dispatchMessage(handlers: Handlers, message: unknown, sender: MessageSender): Promise<ResponseEnvelope> {
  return dispatch('background', BACKGROUND_MESSAGES, handlers, message, sender);
}

function listen<R extends AnsweringReceiver>(receiver: R, specs: Record<MessageTo<R>, MessageSpec>, handlers: Handlers<R>): () => void {
  // sendResponse + `return true` (rather than returning a promise) works natively in Chrome and
  // Firefox, through the polyfill, and in fake-browser.
  const listener = (message: unknown, sender: MessageSender, sendResponse: (response: unknown) => void): true | undefined => {
    // Leave messages that are not ours (or not for this receiver) to other listeners.
    if (typeof message !== 'object' || message === null || (message as { protocol?: unknown }).protocol !== PROTOCOL_TAGS[receiver]) {
      return undefined;
    }
    void dispatch(receiver, specs, handlers, message, sender).then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** The background's one listener for every request. Call synchronously at startup. */
export function registerHandlers(handlers: Handlers): () => void {
  return listen('background', BACKGROUND_MESSAGES, handlers);
}

/** The content script's listener for the commands the background sends its tab; returns the unsubscribe. */
export function registerTabHandlers(handlers: Handlers<'contentScript'>): () => void {
  return listen('contentScript', CONTENT_SCRIPT_MESSAGES, handlers);
}

/** Tells every open extension page (content scripts never hear runtime broadcasts). */
export async function broadcastEvent<N extends MessageFrom<'background', 'extensionPages'>>(name: N, data: RequestOf<N>): Promise<void> {
  try {
    await browser.runtime.sendMessage({ protocol: PROTOCOL_TAGS.extensionPages, name, data });
  } catch (error) {
    // With no page open there is nobody to tell, and the browser says so with an error.
    if (!/Receiving end does not exist|Could not establish connection/i.test(String(error))) throw error;
  }
}

/** Calls `listener` for each valid event from our own pages or background; returns the unsubscribe. */
export function onBackgroundEvent(listener: (name: EventName, data: RequestOf<EventName>) => void): () => void {
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
