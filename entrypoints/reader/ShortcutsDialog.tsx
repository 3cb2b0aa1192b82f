import { useEffect, useRef } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/messages';

const SHORTCUTS = [
  ['j', 'shortcutNext'],
  ['k', 'shortcutPrevious'],
  ['/', 'shortcutSearch'],
  ['s', 'shortcutSave'],
  ['n', 'shortcutNote'],
  ['o', 'shortcutOpen'],
  ['?', 'shortcutHelp'],
  ['Esc', 'shortcutClose'],
] as const;

export function ShortcutsDialog({ t, onClose }: { t: Translate; onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  return (
    <div class="dialog-backdrop" onClick={onClose}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(event) => event.stopPropagation()}>
        <h2 id="shortcuts-title">{t('shortcuts')}</h2>
        <dl class="shortcut-list">
          {SHORTCUTS.map(([key, label]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{t(label)}</dd>
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
