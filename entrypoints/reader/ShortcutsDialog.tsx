// The list of keyboard shortcuts (`?`), read from the reader's one keymap; a modal dialog that keeps
// focus inside while open and gives it back on close (Escape is the reader's: see Reader.tsx).
import { useRef } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/messages';
import { READER_SHORTCUTS } from '../../lib/reader/keymap';
import { useModalFocus } from './use-modal-focus';

export function ShortcutsDialog({ t, onClose }: { t: Translate; onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useModalFocus(dialog, closeButton);
  return (
    <div class="dialog-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        // A click on the dialog's text keeps focus in it, not on the page behind.
        tabIndex={-1}
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="shortcuts-title">{t('shortcuts')}</h2>
        <dl class="shortcut-list">
          {READER_SHORTCUTS.map(({ key, label, description }) => (
            <div key={key}>
              <dt>
                <kbd>{label}</kbd>
              </dt>
              <dd>{t(description)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={closeButton} onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}
