// The page card: the digest's commentary on this page, in a shadow root. Text only, never markup.
import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/messages';
import { translateCount } from '../../lib/i18n/plural';
import type { CardEntry } from '../../lib/annotate/page-match';
import { cutExcerpt } from '../../lib/render/excerpt';
import { AuthorLine } from '../../lib/ui/AuthorLine';
import { PostBody } from '../../lib/ui/PostBody';
import { whenTrusted } from './trusted-input';

const EXCERPT_LENGTH = 280;

export type CardProps = {
  t: Translate;
  entries: CardEntry[];
  isCollapsed: boolean;
  /** Why the user's last action failed, in their language; shown in the card, not the page's console. */
  notice: string | undefined;
  /** Set for a few seconds after "Never on this site": the site just muted; the card offers to undo it. */
  mutedHost: string | undefined;
  onCollapse: (isCollapsed: boolean) => void;
  onDismiss: () => void;
  onMuteSite: () => void;
  onUndoMute: () => void;
  /** Closes the undo offer before its time (the card goes, the site stays muted). */
  onCloseUndo: () => void;
  onOpenReader: (entryId: number) => void;
  onToggleSave: (entry: CardEntry) => void;
};

function excerptOf(entry: CardEntry): string {
  return cutExcerpt(entry.posts.map((post) => post.text).join('\n\n'), EXCERPT_LENGTH);
}

function EntryCard({
  t,
  entry,
  onOpenReader,
  onToggleSave,
}: { t: Translate; entry: CardEntry } & Pick<CardProps, 'onOpenReader' | 'onToggleSave'>) {
  const [isExpanded, setExpanded] = useState(false);
  const [first] = entry.posts;
  return (
    <article class="card-entry" data-entry-id={String(entry.id)}>
      <header class="card-entry-header">
        {first && <AuthorLine author={first.author} handle={first.handle} date={entry.date} entryId={entry.id} />}
      </header>
      {isExpanded ? (
        entry.posts.map((post, i) => (
          <div key={i} class="card-post">
            {i > 0 && (
              <p class="card-post-author">
                <AuthorLine author={post.author} handle={post.handle} />
              </p>
            )}
            <PostBody text={post.text} />
          </div>
        ))
      ) : (
        <div class="card-excerpt">
          <PostBody text={excerptOf(entry)} />
        </div>
      )}
      <div class="card-actions">
        <button type="button" class="card-link" aria-expanded={isExpanded} onClick={whenTrusted(() => setExpanded(!isExpanded))}>
          {isExpanded ? t('cardShowLess') : t('cardShowAll')}
        </button>
        <button type="button" class="card-link" onClick={whenTrusted(() => onOpenReader(entry.id))}>
          {t('cardOpenInReader')}
        </button>
        <button type="button" class="card-link" aria-pressed={entry.isSaved} onClick={whenTrusted(() => onToggleSave(entry))}>
          {entry.isSaved ? t('unsave') : t('save')}
        </button>
      </div>
      <p class="card-why">{t('cardWhyMatched', entry.matchedKey)}</p>
    </article>
  );
}

function Notice({ text }: { text: string | undefined }) {
  return text === undefined ? null : (
    <p class="card-notice" role="alert">
      {text}
    </p>
  );
}

export function Card({
  t,
  entries,
  isCollapsed,
  notice,
  mutedHost,
  onCollapse,
  onDismiss,
  onMuteSite,
  onUndoMute,
  onCloseUndo,
  onOpenReader,
  onToggleSave,
}: CardProps) {
  if (mutedHost !== undefined) {
    return (
      <section class="card" aria-label={t('cardTitle')}>
        <div class="card-undo">
          <p class="card-undo-text" role="status">
            {t('cardMuted', mutedHost)}
          </p>
          <button type="button" class="card-link" onClick={whenTrusted(onUndoMute)}>
            {t('cardUndoMute')}
          </button>
          <button type="button" class="card-close" onClick={whenTrusted(onCloseUndo)} title={t('close')}>
            ×<span class="visually-hidden"> {t('close')}</span>
          </button>
        </div>
        <Notice text={notice} />
      </section>
    );
  }
  if (isCollapsed) {
    // No aria-label: the name is the visible "注 1" and then the words (WCAG 2.5.3, label in name).
    return (
      <button type="button" class="card-pill" onClick={whenTrusted(() => onCollapse(false))}>
        {t('cardPill', entries.length)}
        <span class="visually-hidden"> {translateCount(t, 'cardReopen', entries.length)}</span>
      </button>
    );
  }
  return (
    <section class="card" aria-label={t('cardTitle')}>
      <header class="card-header">
        <span class="card-title">{t('cardTitle')}</span>
        <span class="card-header-actions">
          <button type="button" class="card-link" onClick={whenTrusted(onMuteSite)}>
            {t('cardNeverOnSite')}
          </button>
          <button type="button" class="card-close" onClick={whenTrusted(onDismiss)} title={t('cardDismiss')}>
            ×<span class="visually-hidden"> {t('cardDismiss')}</span>
          </button>
        </span>
      </header>
      <Notice text={notice} />
      <div class="card-body">
        {entries.map((entry) => (
          <EntryCard key={entry.id} t={t} entry={entry} onOpenReader={onOpenReader} onToggleSave={onToggleSave} />
        ))}
      </div>
    </section>
  );
}
