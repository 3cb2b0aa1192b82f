// Author, date range, saved and has-note filters; every change becomes a new URL.
import { useEffect, useState } from 'preact/hooks';
import type { AuthorSummary } from '../../lib/corpus/authors';
import type { Translate } from '../../lib/i18n/messages';
import type { EntryFilters } from '../../lib/search/entry-filters';
import { formatHandle } from '../../lib/render/display-formats';
import { describeError } from '../../lib/ui/describe-error';

export type FiltersPanelProps = {
  t: Translate;
  filters: EntryFilters;
  loadAuthors: () => Promise<AuthorSummary[]>;
  onChange: (filters: EntryFilters) => void;
};

function without<K extends keyof EntryFilters>(filters: EntryFilters, key: K): EntryFilters {
  const next = { ...filters };
  delete next[key];
  return next;
}

export function FiltersPanel({ t, filters, loadAuthors, onChange }: FiltersPanelProps) {
  const [authors, setAuthors] = useState<AuthorSummary[]>([]);
  const [authorsError, setAuthorsError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    loadAuthors().then(
      (loaded) => {
        setAuthorsError(undefined);
        setAuthors(loaded);
      },
      (error: unknown) => setAuthorsError(error),
    );
  }, [attempt]);
  const set = <K extends keyof EntryFilters>(key: K, value: EntryFilters[K] | undefined) =>
    onChange(value === undefined || value === '' || value === false ? without(filters, key) : { ...filters, [key]: value });
  return (
    <nav class="filters" aria-label={t('filters')}>
      <h2 class="filters-title">{t('filters')}</h2>
      <label class="field">
        <span>{t('author')}</span>
        <select value={filters.author ?? ''} onChange={(event) => set('author', event.currentTarget.value)}>
          <option value="">{t('anyAuthor')}</option>
          {authors.map((author) => (
            <option key={author.handle} value={author.handle}>
              {author.names.join(' / ')} {formatHandle(author.handle)} ({author.entryCount})
            </option>
          ))}
        </select>
      </label>
      {authorsError !== undefined && (
        <p class="error" role="alert">
          {t('authorsFailed', describeError(t, authorsError))}{' '}
          <button type="button" class="link-button" onClick={() => setAttempt((n) => n + 1)}>
            {t('retry')}
          </button>
        </p>
      )}
      <label class="field">
        <span>{t('dateFrom')}</span>
        <input type="date" value={filters.from ?? ''} onChange={(event) => set('from', event.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('dateTo')}</span>
        <input type="date" value={filters.to ?? ''} onChange={(event) => set('to', event.currentTarget.value)} />
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={filters.isSavedOnly ?? false}
          onChange={(event) => set('isSavedOnly', event.currentTarget.checked)}
        />
        {t('savedOnly')}
      </label>
      <label class="check">
        <input type="checkbox" checked={filters.hasNote ?? false} onChange={(event) => set('hasNote', event.currentTarget.checked)} />
        {t('hasNote')}
      </label>
      <button type="button" class="link-button" onClick={() => onChange({})}>
        {t('clearFilters')}
      </button>
    </nav>
  );
}
