// The reader's keyboard shortcuts, stated once: the reader's key handler and the shortcuts dialog
// both read this table, so a key cannot be handled without being listed, or listed without being
// handled. Pure: keys to commands; what a command does is the reader's.

import type { MessageKey } from '../i18n/messages';

export type ReaderCommand = 'next' | 'previous' | 'focusSearch' | 'toggleSave' | 'editNote' | 'openFirstLink' | 'showHelp' | 'close';

export type ReaderShortcut = {
  /** `KeyboardEvent.key`. */
  key: string;
  /** The key as the dialog writes it. */
  label: string;
  command: ReaderCommand;
  description: MessageKey;
  /** Acts in a text field and over the dialog too (Escape leaves or closes them); no other key does. */
  isAlwaysOn?: boolean;
};

/** In the order the dialog lists them. */
export const READER_SHORTCUTS: readonly ReaderShortcut[] = [
  { key: 'j', label: 'j', command: 'next', description: 'shortcutNext' },
  { key: 'k', label: 'k', command: 'previous', description: 'shortcutPrevious' },
  { key: '/', label: '/', command: 'focusSearch', description: 'shortcutSearch' },
  { key: 's', label: 's', command: 'toggleSave', description: 'shortcutSave' },
  { key: 'n', label: 'n', command: 'editNote', description: 'shortcutNote' },
  { key: 'o', label: 'o', command: 'openFirstLink', description: 'shortcutOpen' },
  { key: '?', label: '?', command: 'showHelp', description: 'shortcutHelp' },
  { key: 'Escape', label: 'Esc', command: 'close', description: 'shortcutClose', isAlwaysOn: true },
];

/** The parts of a `KeyboardEvent` that decide. */
export type KeyPress = { key: string; isComposing: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean };

/**
 * The command a key press asks for, if any. Never while an IME composes or with Ctrl, Cmd or Alt
 * (the browser's and the system's own shortcuts); only Escape while the user types in a field or
 * the shortcuts dialog is open.
 */
export function readerCommandFor(press: KeyPress, context: { isTyping: boolean; isHelpOpen: boolean }): ReaderCommand | undefined {
  if (press.isComposing || press.ctrlKey || press.metaKey || press.altKey) return undefined;
  const shortcut = READER_SHORTCUTS.find((candidate) => candidate.key === press.key);
  if (shortcut === undefined) return undefined;
  if ((context.isTyping || context.isHelpOpen) && shortcut.isAlwaysOn !== true) return undefined;
  return shortcut.command;
}
