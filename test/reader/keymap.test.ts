import { describe, expect, it } from 'vitest';
import { READER_SHORTCUTS, readerCommandFor, type KeyPress, type ReaderCommand } from '../../lib/reader/keymap';

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  isComposing: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});
const idle = { isTyping: false, isHelpOpen: false };

describe('readerCommandFor', () => {
  it.each<[label: string, KeyPress, { isTyping: boolean; isHelpOpen: boolean }, ReaderCommand | undefined]>([
    ['j', press('j'), idle, 'next'],
    ['k', press('k'), idle, 'previous'],
    ['/', press('/'), idle, 'focusSearch'],
    ['s', press('s'), idle, 'toggleSave'],
    ['n', press('n'), idle, 'editNote'],
    ['o', press('o'), idle, 'openFirstLink'],
    ['?', press('?'), idle, 'showHelp'],
    ['Escape', press('Escape'), idle, 'close'],
    ['J (another key)', press('J'), idle, undefined],
    ['x (no shortcut)', press('x'), idle, undefined],
    ['j while composing', press('j', { isComposing: true }), idle, undefined],
    ['Ctrl+s (the browser saves the page)', press('s', { ctrlKey: true }), idle, undefined],
    ['Cmd+k', press('k', { metaKey: true }), idle, undefined],
    ['Alt+n', press('n', { altKey: true }), idle, undefined],
    ['j while typing', press('j'), { isTyping: true, isHelpOpen: false }, undefined],
    ['/ while typing', press('/'), { isTyping: true, isHelpOpen: false }, undefined],
    ['Escape while typing (leaves the field)', press('Escape'), { isTyping: true, isHelpOpen: false }, 'close'],
    ['j over the dialog', press('j'), { isTyping: false, isHelpOpen: true }, undefined],
    ['? over the dialog', press('?'), { isTyping: false, isHelpOpen: true }, undefined],
    ['Escape over the dialog (closes it)', press('Escape'), { isTyping: false, isHelpOpen: true }, 'close'],
    ['Escape while composing (the IME cancels)', press('Escape', { isComposing: true }), idle, undefined],
  ])('%s', (_label, keyPress, context, command) => {
    expect(readerCommandFor(keyPress, context)).toBe(command);
  });

  it('gives each key one command and each command one key', () => {
    expect(new Set(READER_SHORTCUTS.map((s) => s.key)).size).toBe(READER_SHORTCUTS.length);
    expect(new Set(READER_SHORTCUTS.map((s) => s.command)).size).toBe(READER_SHORTCUTS.length);
  });
});
