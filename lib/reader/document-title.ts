// The reader tab's title for each view, so tabs, history and bookmarks tell the views apart
// ("#50 Claude 3 的长文本… – Sidenote", "ComfyUI · Saved – Sidenote"). Pure.
import { entryLabel } from '../corpus/entry-id';
import type { Translate } from '../i18n/messages';
import type { Route } from './route';

/** What the entry page learnt about its entry: the title line it shows, or that there is none. */
export type ShownEntry = { id: number; title: string } | { id: number; isMissing: true };

/** Tab strips show ~30 characters and history ~80: a longer first line or query is cut. */
const MAX_PART_LENGTH = 60;

function shorten(text: string): string {
  const characters = [...text.trim().replace(/\s+/g, ' ')];
  return characters.length <= MAX_PART_LENGTH ? characters.join('') : `${characters.slice(0, MAX_PART_LENGTH - 1).join('')}…`;
}

function viewName(t: Translate, route: Route, shown: ShownEntry | undefined): string {
  switch (route.view) {
    case 'timeline':
      return t('timeline');
    case 'orphans':
      return t('orphansTitle');
    case 'unknown':
      return t('noSuchPageTitle');
    case 'entry': {
      // Until the page says what it shows (or for a stale answer about another entry): the number alone.
      const title = shown?.id === route.id && 'title' in shown ? shorten(shown.title) : '';
      return title === '' ? t('entryNumber', entryLabel(route.id)) : `#${entryLabel(route.id)} ${title}`;
    }
    case 'search': {
      const { author, from, to, isSavedOnly, hasNote } = route.filters;
      const dates =
        from !== undefined && to !== undefined
          ? `${from} – ${to}`
          : from !== undefined
            ? `${t('dateFrom')} ${from}`
            : to !== undefined
              ? `${t('dateTo')} ${to}`
              : '';
      const parts = [
        shorten(route.query),
        author === undefined ? '' : `@${author}`,
        dates,
        isSavedOnly ? t('savedOnly') : '',
        hasNote ? t('hasNote') : '',
      ].filter((part) => part !== '');
      return parts.length === 0 ? t('timeline') : parts.join(' · ');
    }
  }
}

export function readerDocumentTitle(t: Translate, route: Route, shown?: ShownEntry): string {
  return `${viewName(t, route, shown)} – ${t('extensionName')}`;
}
