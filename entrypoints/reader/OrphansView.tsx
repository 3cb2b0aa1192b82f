// Saves and notes whose entry left the digest (a newer volume removed or rewrote it beyond
// recognition): never deleted, shown here with the text they were attached to.
import { useEffect, useState } from 'preact/hooks';
import { entryLabel } from '../../lib/corpus/entry-id';
import type { Translate } from '../../lib/i18n/messages';
import { formatEntryDate } from '../../lib/render/display-formats';
import { AuthorLine } from '../../lib/ui/AuthorLine';
import { PostBody } from '../../lib/ui/PostBody';
import { describeError } from '../../lib/ui/describe-error';
import type { OrphanedUserData } from '../../lib/user-data/types';
import type { ReaderApi } from './reader-api';

type Loaded = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; orphans: OrphanedUserData[] };

function OrphanItem({ t, orphan }: { t: Translate; orphan: OrphanedUserData }) {
  const { entry, user } = orphan;
  const first = entry.posts[0];
  return (
    <li class="orphan" data-uid={orphan.uid}>
      <header class="orphan-header">
        <span class="muted">{t('orphanFormerly', entryLabel(entry.id), formatEntryDate(entry.date))}</span>
        {first && (
          <>
            {' · '}
            <AuthorLine author={first.author} handle={first.handle} />
          </>
        )}
        {user.isSaved && (
          <span class="mark-saved" title={t('savedMark')} aria-label={t('savedMark')}>
            {' '}
            ★
          </span>
        )}
      </header>
      {user.note.trim() !== '' && (
        <section class="user-note" aria-label={t('note')}>
          <p>{user.note}</p>
        </section>
      )}
      {entry.posts.length === 0 ? (
        <p class="muted">{t('orphanTextUnknown')}</p>
      ) : (
        entry.posts.map((post, i) => (
          <div key={i} class="orphan-post">
            {i > 0 && (
              <p>
                <AuthorLine author={post.author} handle={post.handle} />
              </p>
            )}
            <PostBody text={post.text} />
          </div>
        ))
      )}
    </li>
  );
}

export function OrphansView({ t, api }: { t: Translate; api: Pick<ReaderApi, 'listOrphans' | 'onUserDataChanged'> }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    api.listOrphans().then(
      (orphans) => isCurrent && setLoaded({ status: 'ready', orphans }),
      (error: unknown) => isCurrent && setLoaded({ status: 'error', error }),
    );
    const unsubscribe = api.onUserDataChanged(
      (change) => (change.kind === 'entries' || change.kind === 'all') && setGeneration((g) => g + 1),
    );
    return () => {
      isCurrent = false;
      unsubscribe();
    };
  }, [generation]);

  return (
    <section class="orphans" aria-labelledby="orphans-title">
      <h1 id="orphans-title" class="list-title">
        {t('orphansTitle')}
      </h1>
      <p class="hint">{t('orphansIntro')}</p>
      {loaded.status === 'loading' && <p class="status">{t('loadingDigest')}</p>}
      {loaded.status === 'error' && (
        <div class="error" role="alert">
          <p>{t('corpusError', describeError(t, loaded.error))}</p>
          <button type="button" onClick={() => setGeneration((g) => g + 1)}>
            {t('retry')}
          </button>
        </div>
      )}
      {loaded.status === 'ready' &&
        (loaded.orphans.length === 0 ? (
          <p>{t('orphansNone')}</p>
        ) : (
          <ul class="orphan-list">
            {loaded.orphans.map((orphan) => (
              <OrphanItem key={orphan.uid} t={t} orphan={orphan} />
            ))}
          </ul>
        ))}
    </section>
  );
}
