// A small line in the reader's header: how sync went, linking to the options page where it is set
// up. Live: it reads the overview again whenever sync's status changes.
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/messages';
import { formatTimeOfDay } from '../../lib/render/display-formats';
import type { SyncOverview } from '../../lib/sync/sync-status';
import type { ReaderApi } from './reader-api';

function phaseText(t: Translate, overview: SyncOverview): string {
  if (overview.webdav === undefined && !overview.isBrowserSyncEnabled) return t('syncBadgeOff');
  const { status } = overview;
  switch (status.phase) {
    case 'idle':
      return t('syncBadgeIdle');
    case 'syncing':
      return t('syncBadgeSyncing');
    case 'ok':
      return t('syncBadgeOk', status.lastSuccessAt === undefined ? '' : formatTimeOfDay(status.lastSuccessAt));
    case 'error':
      return t('syncBadgeError');
    case 'paused':
      return t('syncBadgePaused');
  }
}

export function SyncBadge({ t, api }: { t: Translate; api: Pick<ReaderApi, 'syncOverview' | 'onUserDataChanged' | 'optionsUrl'> }) {
  const [overview, setOverview] = useState<SyncOverview | undefined>();
  useEffect(() => {
    const load = () => {
      api.syncOverview().then(
        setOverview,
        // The badge is a pointer to the settings page, which reports its own errors.
        () => setOverview(undefined),
      );
    };
    load();
    return api.onUserDataChanged((change) => (change.kind === 'sync' || change.kind === 'all') && load());
  }, []);
  if (overview === undefined) return null;
  const phase = overview.status.phase;
  return (
    <a
      class={phase === 'error' || phase === 'paused' ? 'sync-badge needs-attention' : 'sync-badge'}
      href={api.optionsUrl}
      target="_blank"
      data-sync-state={phase}
    >
      {t('syncReaderStatus', phaseText(t, overview))}
    </a>
  );
}
