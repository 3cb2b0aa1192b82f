// Messages the background sends to a tab's content script (the other direction from protocol.ts).
// Pure: the tag, the shape and its check.

export const TAB_PROTOCOL_TAG = 'sidenote-tab/1';

export type TabMessage = { protocol: typeof TAB_PROTOCOL_TAG; name: 'toggleCard' };

export function isTabMessage(message: unknown): message is TabMessage {
  const candidate = message as Partial<TabMessage> | null;
  return typeof candidate === 'object' && candidate !== null && candidate.protocol === TAB_PROTOCOL_TAG && candidate.name === 'toggleCard';
}
