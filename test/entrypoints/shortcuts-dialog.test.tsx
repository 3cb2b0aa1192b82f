import { afterEach, describe, expect, it } from 'vitest';
import { ShortcutsDialog } from '../../entrypoints/reader/ShortcutsDialog';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator, type MessageKey } from '../../lib/i18n/messages';
import { readerCommandFor, type ReaderCommand } from '../../lib/reader/keymap';
import { renderInDom, type Rendered } from '../support/dom';
import { filesUnder, readRepoFile } from '../support/source-files';

const en = createTranslator(buildLocales().en);
let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

/** The dialog's rows as a reader sees them: the key as written, and what it says the key does. */
function dialogRows(): [label: string, description: string][] {
  rendered = renderInDom(<ShortcutsDialog t={en} onClose={() => undefined} />);
  return [...rendered.container.querySelectorAll('.shortcut-list > div')].map((row) => [
    row.querySelector('kbd')?.textContent ?? '',
    row.querySelector('dd')?.textContent ?? '',
  ]);
}

/** Written independently of the keymap: what a user types for each label. */
const keyOfLabel = (label: string) => (label === 'Esc' ? 'Escape' : label);

/** What each command must be described as. */
const DESCRIPTIONS: Record<ReaderCommand, MessageKey> = {
  next: 'shortcutNext',
  previous: 'shortcutPrevious',
  focusSearch: 'shortcutSearch',
  toggleSave: 'shortcutSave',
  editNote: 'shortcutNote',
  openFirstLink: 'shortcutOpen',
  showHelp: 'shortcutHelp',
  close: 'shortcutClose',
};

/** Every printable ASCII key and the named keys a page might listen for. */
const PROBE_KEYS = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  ...[
    'Escape',
    'Enter',
    'Tab',
    'Backspace',
    'Delete',
    'ArrowUp',
    'ArrowDown',
    'ArrowLeft',
    'ArrowRight',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'F1',
  ],
];

const commandOf = (key: string) =>
  readerCommandFor({ key, isComposing: false, ctrlKey: false, metaKey: false, altKey: false }, { isTyping: false, isHelpOpen: false });

describe('the shortcuts dialog and the reader handle the same keys', () => {
  it('every key in the dialog is handled, and does what the dialog says', () => {
    const rows = dialogRows();
    expect(rows.length).toBeGreaterThan(0);
    for (const [label, description] of rows) {
      const command = commandOf(keyOfLabel(label));
      expect(command, `${label} is listed but not handled`).toBeDefined();
      if (command !== undefined) expect(description, label).toBe(en(DESCRIPTIONS[command]));
    }
  });

  it('every key the reader handles is in the dialog', () => {
    const listed = new Set(dialogRows().map(([label]) => keyOfLabel(label)));
    const handled = PROBE_KEYS.filter((key) => commandOf(key) !== undefined);
    expect(
      handled.filter((key) => !listed.has(key)),
      'handled but not listed',
    ).toEqual([]);
    expect(handled.length).toBe(listed.size);
  });
});

it('the reader states its keys nowhere but the keymap', () => {
  // A key compared or switched on by hand is a shortcut the dialog cannot know about.
  const byHand = /case '[a-z/?]'|\.key === '[a-z/?]'/;
  const offenders = filesUnder('entrypoints/reader', /\.tsx?$/).filter((path) => byHand.test(readRepoFile(path)));
  expect(offenders).toEqual([]);
});
