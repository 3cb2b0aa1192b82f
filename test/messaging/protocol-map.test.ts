// The protocol map is the one place a message is defined: every message in it has its senders and a
// validator, each direction its own tag, and every receiver a handler for each message sent to it.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cardTabHandlers } from '../../lib/annotate/card-command';
import { createMessageHandlers, type MessageHandlerOptions } from '../../lib/background/message-handlers';
import { onBackgroundEvent } from '../../lib/messaging/messenger';
import { MESSAGES, messagesTo, PROTOCOL_TAGS, type MessageSpec, type Receiver } from '../../lib/messaging/protocol';
import { SAMPLE_REQUESTS } from '../support/message-samples';

const receivers = Object.keys(MESSAGES) as Receiver[];
/** Every message as [name, receiver, spec]. */
const messages = receivers.flatMap((receiver) => {
  const group: Record<string, MessageSpec> = MESSAGES[receiver];
  return Object.entries(group).map(([name, spec]) => [name as keyof typeof SAMPLE_REQUESTS, receiver, spec] as const);
});
const names = messages.map(([name]) => name);

/** Services nobody calls: these tests only look at which handlers exist. */
const unusedServices = {} as MessageHandlerOptions['service'] & MessageHandlerOptions['sync'] & MessageHandlerOptions['gate'];
const backgroundHandlers = createMessageHandlers({
  service: unusedServices,
  sync: unusedServices,
  gate: unusedServices,
  openReaderTab: vi.fn(),
  setBadge: vi.fn(),
  readEntries: vi.fn(),
});

describe('the protocol map', () => {
  it('names each message once, whichever its receiver, and gives each direction its own tag', () => {
    expect(new Set(names).size).toBe(names.length);
    expect([...receivers].sort()).toEqual(['background', 'contentScript', 'extensionPages']);
    expect(new Set(Object.values(PROTOCOL_TAGS)).size).toBe(receivers.length);
    expect(Object.keys(SAMPLE_REQUESTS).sort()).toEqual([...names].sort());
  });

  it.each(messages)('%s (to %s) has its senders and a validator that accepts a valid request, nothing more', (name, _receiver, spec) => {
    expect(spec.from.length).toBeGreaterThan(0);
    expect(typeof spec.validate).toBe('function');
    expect(spec.validate(SAMPLE_REQUESTS[name])).toEqual(SAMPLE_REQUESTS[name]);
    expect(() => spec.validate({ ...SAMPLE_REQUESTS[name], planted: true })).toThrow(/unexpected field/);
  });

  it('takes requests to the background from our pages (and four from content scripts); to tabs and pages only from the background', () => {
    for (const [, receiver, spec] of messages) {
      if (receiver === 'background') expect(spec.from).toContain('extensionPage');
      else expect(spec.from).toEqual(['background']);
    }
    expect(messages.filter(([, , spec]) => spec.from.includes('contentScript')).map(([name]) => name)).toEqual([
      'setSaved',
      'matchPage',
      'openReader',
      'setSiteMuted',
    ]);
  });

  it('has a background handler for every message to the background, and none for any other', () => {
    expect(Object.keys(backgroundHandlers).sort()).toEqual(messagesTo('background').sort());
    for (const handler of Object.values(backgroundHandlers)) expect(typeof handler).toBe('function');
  });

  it('has a content-script handler for every message sent to a tab, and none for any other', () => {
    expect(Object.keys(cardTabHandlers(() => undefined)).sort()).toEqual(messagesTo('contentScript').sort());
  });

  it.each(messagesTo('extensionPages'))('delivers the %s event to open extension pages', async (name) => {
    const heard = vi.fn();
    onBackgroundEvent(heard);
    const fromBackground = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/background.js') };
    const event = { protocol: PROTOCOL_TAGS.extensionPages, name, data: SAMPLE_REQUESTS[name] };
    await fakeBrowser.runtime.onMessage.trigger(event, fromBackground, () => undefined);
    expect(heard).toHaveBeenCalledWith(name, SAMPLE_REQUESTS[name]);
  });
});
