// Where page cards may appear: the global switch and the muted sites.
import { useEffect, useState } from 'preact/hooks';
import type { AnnotationSettings } from '../../lib/db/database';
import type { Translate } from '../../lib/i18n/messages';
import { errorMessage } from '../../lib/ui/error-message';
import '../../lib/ui/theme.css';

export type OptionsApi = {
  load: () => Promise<AnnotationSettings>;
  setEnabled: (isEnabled: boolean) => Promise<AnnotationSettings>;
  unmute: (host: string) => Promise<AnnotationSettings>;
};

export function Options({ t, api }: { t: Translate; api: OptionsApi }) {
  const [settings, setSettings] = useState<AnnotationSettings | undefined>();
  const [error, setError] = useState<string | undefined>();
  const run = (change: Promise<AnnotationSettings>) =>
    change.then(
      (next) => {
        setError(undefined);
        setSettings(next);
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  useEffect(() => void run(api.load()), []);
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <p class="hint">{t('optionsPrivacy')}</p>
      {error !== undefined && (
        <p class="error" role="alert">
          {t('saveFailed', error)}
        </p>
      )}
      {settings && (
        <>
          <label class="check">
            <input
              type="checkbox"
              checked={settings.isEnabled}
              onChange={(event) => void run(api.setEnabled(event.currentTarget.checked))}
            />{' '}
            {t('optionsEnabled')}
          </label>
          <h2>{t('optionsMutedSites')}</h2>
          {settings.mutedSites.length === 0 ? (
            <p class="hint">{t('optionsNoMutedSites')}</p>
          ) : (
            <ul class="muted-sites">
              {settings.mutedSites.map((host) => (
                <li key={host}>
                  <span>{host}</span>
                  <button type="button" aria-label={t('optionsUnmute', host)} onClick={() => void run(api.unmute(host))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </main>
  );
}
