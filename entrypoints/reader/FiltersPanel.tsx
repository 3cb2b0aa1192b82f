// Author, date range, saved and has-note filters; every change becomes a new URL.
import { useEffect, useState } from 'preact/hooks';
import type { AuthorSummary } from '../../lib/corpus/authors';
import type { Translate } from '../../lib/i18n/messages';
import type { EntryFilters } from '../../lib/search/entry-filters';

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
  useEffect(() => {
    loadAuthors().then(setAuthors, () => setAuthors([]));
  }, []);
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
              {author.names.join(' / ')} @{author.handle} ({author.entryCount})
            </option>
          ))}
        </select>
      </label>
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
