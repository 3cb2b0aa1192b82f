// The no-result state shared by popup and reader: says which words no entry contains, or how to widen.
import type { Translate } from '../i18n/messages';

export function NoResults({ t, query, unmatched }: { t: Translate; query: string; unmatched: string[] }) {
  const trimmed = query.trim();
  return (
    <div class="empty" role="status">
      {trimmed !== '' && <p>{t('noMatch', trimmed)}</p>}
      <p>{unmatched.length > 0 ? t('noEntryContains', unmatched.map((word) => `“${word}”`).join(', ')) : t('tryFewerWords')}</p>
    </div>
  );
}
