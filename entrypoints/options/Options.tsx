// Where page cards may appear: the global switch and the muted sites. Live: a site muted from a
// card in another tab shows here at once.
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/messages';
import { describeError } from '../../lib/ui/describe-error';
import type { AnnotationSettings, UserDataChange } from '../../lib/user-data/types';
import { SyncSection, type SyncApi } from './SyncSection';
import '../../lib/ui/theme.css';

export type OptionsApi = {
  load: () => Promise<AnnotationSettings>;
  setEnabled: (isEnabled: boolean) => Promise<AnnotationSettings>;
  unmute: (host: string) => Promise<AnnotationSettings>;
  onUserDataChanged: (listener: (change: UserDataChange) => void) => () => void;
};

type Failure = { kind: 'load' | 'change'; error: unknown };

export function Options({ t, api, syncApi }: { t: Translate; api: OptionsApi; syncApi: SyncApi }) {
  const [settings, setSettings] = useState<AnnotationSettings | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const run = (kind: Failure['kind'], change: Promise<AnnotationSettings>) =>
    change.then(
      (next) => {
        setFailure(undefined);
        setSettings(next);
      },
      (error: unknown) => setFailure({ kind, error }),
    );
  const load = () => void run('load', api.load());
  useEffect(() => {
    load();
    return api.onUserDataChanged((change) => (change.kind === 'settings' || change.kind === 'all') && load());
  }, []);
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <p class="hint">{t('optionsPrivacy')}</p>
      {failure !== undefined && (
        <div class="error" role="alert">
          <p>{t(failure.kind === 'load' ? 'optionsLoadFailed' : 'saveFailed', describeError(t, failure.error))}</p>
          {failure.kind === 'load' && (
            <button type="button" onClick={load}>
              {t('retry')}
            </button>
          )}
        </div>
      )}
      {settings && (
        <>
          <label class="check">
            <input
              type="checkbox"
              checked={settings.isEnabled}
              onChange={(event) => void run('change', api.setEnabled(event.currentTarget.checked))}
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
                  <button type="button" aria-label={t('optionsUnmute', host)} onClick={() => void run('change', api.unmute(host))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <SyncSection t={t} api={syncApi} />
    </main>
  );
}
