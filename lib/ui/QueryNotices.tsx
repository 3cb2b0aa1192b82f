// What a search did with the query, said above its results in popup and reader: a long query cut
// short, a word left out, a spelling corrected, other names that matched. Never a silent change
// to what was asked.
import type { Translate } from '../i18n/messages';
import { translateCount } from '../i18n/plural';
import { MAX_QUERY_LENGTH } from '../search/limits';
import type { QueryNotice } from '../search/query-plan';
import './theme.css';
import './query-notices.css';

function describeNotice(t: Translate, notice: QueryNotice): string {
  switch (notice.kind) {
    case 'corrected':
      return t('noticeCorrected', notice.typed, notice.shown);
    case 'dropped':
      return t('noticeDropped', notice.typed);
    case 'notTogether':
      return t('noticeNotTogether', notice.typed);
    case 'alias':
      return t('noticeAlias', notice.typed, notice.shown);
  }
}

/** Alias notices of one typed word are joined: `Zuckerberg ↔ 扎克伯格 / 小扎`. */
function mergeAliases(notices: QueryNotice[]): QueryNotice[] {
  const merged: QueryNotice[] = [];
  const aliasesOf = new Map<string, { kind: 'alias'; typed: string; shown: string }>();
  for (const notice of notices) {
    if (notice.kind !== 'alias') {
      merged.push(notice);
      continue;
    }
    const earlier = aliasesOf.get(notice.typed);
    if (earlier !== undefined) {
      earlier.shown = `${earlier.shown} / ${notice.shown}`;
    } else {
      const copy = { ...notice };
      aliasesOf.set(notice.typed, copy);
      merged.push(copy);
    }
  }
  return merged;
}

export type QueryNoticesProps = {
  t: Translate;
  notices: QueryNotice[];
  /** Only the start of the query was searched (see clipQuery). */
  isClipped?: boolean;
};

export function QueryNotices({ t, notices, isClipped = false }: QueryNoticesProps) {
  if (notices.length === 0 && !isClipped) return null;
  return (
    <ul class="query-notices" aria-label={t('queryNoticesLabel')}>
      {isClipped && <li data-notice="clipped">{translateCount(t, 'noticeClipped', MAX_QUERY_LENGTH)}</li>}
      {mergeAliases(notices).map((notice) => (
        <li key={`${notice.kind}:${notice.typed}`} data-notice={notice.kind}>
          {describeNotice(t, notice)}
        </li>
      ))}
    </ul>
  );
}
