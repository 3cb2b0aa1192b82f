// The keyboard command that hides or shows the page card: its name, which the background listens
// for, its manifest entry (description in the UI language), and the card script's handlers for the
// messages the background sends its tab (the command, and the ping before an injection). Pure.
import { manifestMessage } from '../i18n/messages';
import type { Handlers } from '../messaging/messenger';

export const TOGGLE_CARD_COMMAND = 'toggle-card';

/** The manifest's `commands`. */
export const MANIFEST_COMMANDS = {
  [TOGGLE_CARD_COMMAND]: { suggested_key: { default: 'Alt+Shift+S' }, description: manifestMessage('commandToggleCard') },
};

/** What the card's script does with the messages the background sends its tab. */
export function cardTabHandlers(toggleCard: () => void): Handlers<'contentScript'> {
  return {
    toggleCard: async () => {
      toggleCard();
      return null;
    },
    // Answering at all is the answer: the card's script is here.
    pingCardScript: async () => null,
  };
}
