// The options page's Sync section: this device's name, the status of the last round (with
// `data-sync-state`, a contract with tests outside the project), the browser's own sync, the
// WebDAV folder, and export/import. Everything goes through the `api` prop.
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/messages';
import { translateCount } from '../../lib/i18n/plural';
import type { ExportedFile, ExportFormat, ImportResult, SyncOverview, WebDavSettings } from '../../lib/sync/sync-status';
import { describeError } from '../../lib/ui/describe-error';
import { describeSkippedReason, describeSyncFailure } from '../../lib/ui/describe-sync-failure';
import { formatMoment } from '../../lib/render/display-formats';
import type { UserDataChange } from '../../lib/user-data/types';

export type SyncApi = {
  overview: () => Promise<SyncOverview>;
  /**
   * Asks the browser for the folder's origin. Must be called straight from the click (Firefox
   * only shows the prompt during a user gesture), before anything is awaited.
   */
  requestOrigin: (folderUrl: string) => Promise<boolean>;
  connectWebDav: (settings: WebDavSettings) => Promise<SyncOverview>;
  disconnectWebDav: () => Promise<SyncOverview>;
  setBrowserSyncEnabled: (isEnabled: boolean) => Promise<SyncOverview>;
  syncNow: (confirmLosses: boolean) => Promise<SyncOverview>;
  renameDevice: (name: string) => Promise<SyncOverview>;
  exportData: (format: ExportFormat) => Promise<ExportedFile>;
  importData: (text: string, passphrase: string, confirmLosses: boolean) => Promise<ImportResult>;
  download: (file: ExportedFile) => void;
  onUserDataChanged: (listener: (change: UserDataChange) => void) => () => void;
};

function StatusLine({ t, overview }: { t: Translate; overview: SyncOverview }) {
  const { status } = overview;
  const text = (() => {
    switch (status.phase) {
      case 'idle':
        return t('syncStateIdle');
      case 'syncing':
        return t('syncStateSyncing');
      case 'ok':
        return t('syncStateOk', status.lastSuccessAt === undefined ? '' : formatMoment(status.lastSuccessAt));
      case 'error':
        return t('syncStateError', status.lastError ? describeSyncFailure(t, status.lastError) : '');
      case 'paused':
        return t(
          'syncStatePaused',
          translateCount(t, 'entriesCount', status.pausedDiff?.unsaved.length ?? 0),
          translateCount(t, 'notesCount', status.pausedDiff?.notesCleared.length ?? 0),
        );
    }
  })();
  return (
    <p
      class={status.phase === 'error' ? 'sync-status error' : 'sync-status'}
      data-sync-state={status.phase}
      data-last-success={status.lastSuccessAt ?? ''}
      role="status"
    >
      {text}
      {status.phase === 'error' && status.lastError?.retryAt !== undefined && (
        <> {t('syncRetryAt', formatMoment(status.lastError.retryAt))}</>
      )}
    </p>
  );
}

function WebDavForm({ t, onConnect }: { t: Translate; onConnect: (settings: WebDavSettings) => void }) {
  const [settings, setSettings] = useState<WebDavSettings>({ folderUrl: '', username: '', password: '', passphrase: '' });
  const field = (name: keyof WebDavSettings, label: string, type: 'url' | 'text' | 'password', htmlName: string) => {
    const common = {
      name: htmlName,
      required: name !== 'passphrase',
      value: settings[name],
      onInput: (event: { currentTarget: HTMLInputElement }) => setSettings({ ...settings, [name]: event.currentTarget.value }),
    };
    return (
      <label class="field">
        <span>{label}</span>
        {type === 'password' ? (
          <input type="password" autoComplete="new-password" {...common} />
        ) : type === 'url' ? (
          <input type="url" autoComplete="off" {...common} />
        ) : (
          <input type="text" autoComplete="off" {...common} />
        )}
      </label>
    );
  };
  const isHttp = settings.folderUrl.trim().toLowerCase().startsWith('http://');
  return (
    <form
      class="webdav-form"
      onSubmit={(event) => {
        event.preventDefault();
        onConnect(settings);
      }}
    >
      {field('folderUrl', t('syncWebDavUrl'), 'url', 'webdav-url')}
      {isHttp && <p class="hint error">{t('syncWebDavHttpWarning')}</p>}
      {field('username', t('syncWebDavUsername'), 'text', 'webdav-username')}
      {field('password', t('syncWebDavPassword'), 'password', 'webdav-password')}
      {field('passphrase', t('syncWebDavPassphrase'), 'password', 'webdav-passphrase')}
      <button type="submit">{t('syncWebDavConnect')}</button>
    </form>
  );
}

function ImportForm({ t, api }: { t: Translate; api: SyncApi }) {
  const [passphrase, setPassphrase] = useState('');
  const [pending, setPending] = useState<{ text: string; unsaved: number; notesCleared: number } | undefined>();
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const run = (text: string, confirmLosses: boolean) =>
    api.importData(text, passphrase, confirmLosses).then(
      (result) => {
        if (result.status === 'paused') {
          setPending({ text, unsaved: result.unsaved, notesCleared: result.notesCleared });
          return;
        }
        setPending(undefined);
        setOutcome({
          kind: 'ok',
          text: result.applied === 0 ? t('syncImportNothing') : translateCount(t, 'syncImportDone', result.applied),
        });
      },
      (error: unknown) => setOutcome({ kind: 'error', text: t('syncImportFailed', describeError(t, error)) }),
    );
  return (
    <div class="import">
      <label class="field">
        <span>{t('syncImport')}</span>
        <input
          type="file"
          name="import-file"
          accept="application/json,.json"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            setOutcome(undefined);
            if (file)
              file.text().then(
                (text) => run(text, false),
                (error: unknown) => setOutcome({ kind: 'error', text: describeError(t, error) }),
              );
          }}
        />
      </label>
      <label class="field">
        <span>{t('syncImportPassphrase')}</span>
        <input
          type="password"
          name="import-passphrase"
          autoComplete="off"
          value={passphrase}
          onInput={(event) => setPassphrase(event.currentTarget.value)}
        />
      </label>
      {pending && (
        <div class="sync-paused" role="alert">
          <p>
            {t(
              'syncImportPaused',
              translateCount(t, 'entriesCount', pending.unsaved),
              translateCount(t, 'notesCount', pending.notesCleared),
            )}
          </p>
          <button type="button" onClick={() => void run(pending.text, true)}>
            {t('syncGoAhead')}
          </button>
        </div>
      )}
      {outcome && (
        <p class={outcome.kind === 'error' ? 'error' : 'hint'} role={outcome.kind === 'error' ? 'alert' : 'status'}>
          {outcome.text}
        </p>
      )}
    </div>
  );
}

export function SyncSection({ t, api }: { t: Translate; api: SyncApi }) {
  const [overview, setOverview] = useState<SyncOverview | undefined>();
  const [actionError, setActionError] = useState<string | undefined>();
  const [name, setName] = useState('');
  const run = (action: Promise<SyncOverview>) =>
    action.then(
      (next) => {
        setActionError(undefined);
        setOverview(next);
      },
      (error: unknown) => setActionError(describeError(t, error)),
    );
  useEffect(() => {
    const load = () => void run(api.overview());
    load();
    return api.onUserDataChanged((change) => (change.kind === 'sync' || change.kind === 'all') && load());
  }, []);
  useEffect(() => {
    if (overview) setName(overview.device.name);
  }, [overview?.device.name]);

  const connect = (settings: WebDavSettings) => {
    let origin: string;
    try {
      origin = new URL(settings.folderUrl.trim()).origin;
    } catch {
      setActionError(t('syncFailureInvalidUrl'));
      return;
    }
    // Asked first, inside the click: Firefox shows the prompt only during a user gesture.
    api.requestOrigin(settings.folderUrl.trim()).then(
      (isGranted) => (isGranted ? void run(api.connectWebDav(settings)) : setActionError(t('syncWebDavPermissionDenied', origin))),
      (error: unknown) => setActionError(describeError(t, error)),
    );
  };

  if (!overview) return <section class="sync" aria-labelledby="sync-title" />;
  const { status } = overview;
  return (
    <section class="sync" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('syncTitle')}</h2>
      <p class="hint">{t('syncIntro')}</p>
      <StatusLine t={t} overview={overview} />
      {status.phase === 'paused' && (
        <div class="sync-paused" role="alert">
          <p>{t('syncPausedExplain')}</p>
          <button type="button" onClick={() => void run(api.syncNow(true))}>
            {t('syncGoAhead')}
          </button>
        </div>
      )}
      {actionError !== undefined && (
        <p class="error" role="alert">
          {actionError}
        </p>
      )}
      <button type="button" data-action="sync-now" disabled={status.phase === 'syncing'} onClick={() => void run(api.syncNow(false))}>
        {t('syncNow')}
      </button>

      <form
        class="device-name"
        onSubmit={(event) => {
          event.preventDefault();
          void run(api.renameDevice(name));
        }}
      >
        <label class="field">
          <span>{t('syncDeviceName')}</span>
          <input
            name="device-name"
            value={name}
            placeholder={t('syncDeviceNamePlaceholder')}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </label>
        <button type="submit" class="secondary">
          {t('syncRename')}
        </button>
      </form>

      {status.devices.length > 0 && (
        <>
          <h3>{t('syncDevices')}</h3>
          <ul class="sync-devices">
            {status.devices.map((device) => (
              <li key={device.id}>
                {device.isThisDevice ? t('syncDeviceThis', device.name) : device.name || t('syncDeviceUnnamed', device.id)}{' '}
                <span class="hint">{t('syncDeviceLast', formatMoment(device.lastSyncAt))}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {status.skipped.map((skipped) => (
        <p key={skipped.fileName} class="error" role="alert">
          {t(
            'syncSkipped',
            status.devices.find((d) => d.id === skipped.deviceId)?.name ?? skipped.fileName,
            describeSkippedReason(t, skipped.reason),
          )}
        </p>
      ))}

      <h3>{t('syncBrowserTitle')}</h3>
      <label class="check">
        <input
          type="checkbox"
          name="browser-sync"
          checked={overview.isBrowserSyncEnabled}
          onChange={(event) => void run(api.setBrowserSyncEnabled(event.currentTarget.checked))}
        />{' '}
        {t('syncBrowserToggle')}
      </label>
      {status.browserSync && (
        <>
          <p class="hint">
            {t('syncBrowserUsage', Math.ceil(status.browserSync.bytesInUse / 1024), Math.round(status.browserSync.quotaBytes / 1024))}
          </p>
          {status.browserSync.leftOutNotes.length > 0 && (
            <div class="hint">
              <p>{t('syncBrowserLeftOut')}</p>
              <ul class="left-out">
                {status.browserSync.leftOutNotes.map((label) => (
                  <li key={label}>{label}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}

      <h3>{t('syncWebDavTitle')}</h3>
      {overview.webdav ? (
        <div class="webdav-connected">
          <p>{t('syncWebDavConnected', overview.webdav.folderUrl, overview.webdav.username)}</p>
          <p class="hint">{overview.webdav.hasPassphrase ? t('syncWebDavEncrypted') : t('syncWebDavPlain')}</p>
          <button type="button" class="secondary" onClick={() => void run(api.disconnectWebDav())}>
            {t('syncWebDavDisconnect')}
          </button>
        </div>
      ) : (
        <>
          <p class="hint">{t('syncWebDavIntro')}</p>
          <WebDavForm t={t} onConnect={connect} />
        </>
      )}

      <h3>{t('syncExportTitle')}</h3>
      <div class="export">
        {(['json', 'markdown'] as const).map((format) => (
          <button
            key={format}
            type="button"
            class="secondary"
            data-action={`export-${format}`}
            onClick={() =>
              api.exportData(format).then(
                (file) => {
                  setActionError(undefined);
                  api.download(file);
                },
                (error: unknown) => setActionError(describeError(t, error)),
              )
            }
          >
            {format === 'json' ? t('syncExportJson') : t('syncExportMarkdown')}
          </button>
        ))}
      </div>
      <ImportForm t={t} api={api} />
    </section>
  );
}
