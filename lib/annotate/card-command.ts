// The keyboard command that hides or shows the page card: its name, which the background listens
// for, its manifest entry (description in the UI language), and the content script's handler for
// the message the background sends on it. Pure.
import { manifestMessage } from '../i18n/messages';
import type { Handlers } from '../messaging/messenger';

export const TOGGLE_CARD_COMMAND = 'toggle-card';

/** The manifest's `commands`. */
export const MANIFEST_COMMANDS = {
  [TOGGLE_CARD_COMMAND]: { suggested_key: { default: 'Alt+Shift+S' }, description: manifestMessage('commandToggleCard') },
};

/** What the content script does with the messages the background sends its tab. */
export function cardTabHandlers(toggleCard: () => void): Handlers<'contentScript'> {
  return {
    toggleCard: async () => {
      toggleCard();
      return null;
    },
  };
}
