// The keyboard command that hides or shows the page card: its name, which the background listens
// for, and its manifest entry (description in the UI language). Pure data.
import { manifestMessage } from '../i18n/messages';

export const TOGGLE_CARD_COMMAND = 'toggle-card';

/** The manifest's `commands`. */
export const MANIFEST_COMMANDS = {
  [TOGGLE_CARD_COMMAND]: { suggested_key: { default: 'Alt+Shift+S' }, description: manifestMessage('commandToggleCard') },
};
