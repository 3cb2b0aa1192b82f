// The fast path (FlexSearch posting lists + the repeats table + a bounded heap + filters from the
// entry table, through a persisted export) against the straightforward reference (every entry's
// text counted, scored and sorted): the same ranked ids and the same totals, on the real digest and
// on a synthetic corpus large enough for broad queries to have thousands of candidates.

import { describe, expect, it } from 'vitest';
import type { Entry } from '../../lib/corpus/types';
import { createArrayEntrySource } from '../../lib/search/array-entry-source';
import type { EntryFilters, UserMarks } from '../../lib/search/entry-filters';
import { searchDocOf } from '../../lib/search/search-doc';
import { searchEntries } from '../../lib/search/search-entries';
import { SearchIndex, type SearchIndexFiles } from '../../lib/search/search-index';
import { generateSyntheticCorpus } from '../bench/synthetic-corpus';
import { loadJudgments } from '../eval/judgments';
import { referenceSearch } from '../support/reference-search';
import { realCorpus } from '../support/seed';

const judgedQueries = loadJudgments().queries.map((judged) => judged.query);
/** Beyond the judged set: one CJK character, words being typed, an @handle, a run without spaces, mixed scripts. */
const extraQueries = ['的', '模', 'cla', 'gp', '@dotey', '@op7418 提示词', '宝玉提示词', 'AI 模型', 'claude code 模型', 'open source'];

function indexOf(entries: Entry[]): SearchIndex {
  const built = SearchIndex.build(entries.map(searchDocOf), 'equivalence');
  // Search through a round-tripped export, as the background does.
  return SearchIndex.fromFiles(JSON.parse(JSON.stringify(built.export())) as SearchIndexFiles);
}

type Case = { query: string; offset: number; limit: number; filters?: EntryFilters; marks?: UserMarks };

async function expectSameAsReference(entries: Entry[], index: SearchIndex, request: Case): Promise<{ total: number }> {
  const fast = await searchEntries(
    () => index,
    createArrayEntrySource(entries),
    { query: request.query, offset: request.offset, limit: request.limit, ...(request.filters ? { filters: request.filters } : {}) },
    request.marks,
  );
  const reference = await referenceSearch(entries, index, request);
  expect({ query: request.query, ids: fast.results.map((result) => result.id), total: fast.total }).toEqual({
    query: request.query,
    ids: reference.ids,
    total: reference.total,
  });
  return { total: reference.total };
}

describe('ranking from statistics equals the straightforward reference', { timeout: 120_000 }, () => {
  it('on the real digest, every judged query and more, first page of 100', async () => {
    const entries = realCorpus.entries;
    const index = indexOf(entries);
    let answered = 0;
    for (const query of [...judgedQueries, ...extraQueries]) {
      const { total } = await expectSameAsReference(entries, index, { query, offset: 0, limit: 100 });
      if (total > 0) answered++;
    }
    expect(answered).toBeGreaterThan(120);
  });

  describe('on a synthetic corpus of 3,000 entries (three volumes, dates not in id order)', () => {
    // Volume ids (volume × 1000 + heading) interleaved with dates, so ordinal, id and date orders differ.
    const entries = generateSyntheticCorpus(realCorpus.entries, { size: 3000, seed: 7 }).map((entry, i) => ({
      ...entry,
      id: 1000 * (1 + (i % 3)) + 1 + Math.floor(i / 3),
    }));
    const index = indexOf(entries);
    const broad = ['AI', '模型', 'claude', 'github', 'AI 模型', '的', 'cla'];

    it('has broad queries with thousands of candidates (more than any old cap of 200)', async () => {
      const totals = await Promise.all(
        broad.map(async (query) => (await expectSameAsReference(entries, index, { query, offset: 0, limit: 10 })).total),
      );
      expect(Math.max(...totals)).toBeGreaterThan(1000);
      expect(totals.filter((total) => total > 200).length).toBeGreaterThanOrEqual(4);
    });

    it('every judged query, first page of 10', async () => {
      for (const query of judgedQueries) await expectSameAsReference(entries, index, { query, offset: 0, limit: 10 });
    });

    it('pages through broad queries, past 200', async () => {
      for (const query of broad) {
        for (const offset of [0, 50, 190, 400, 1200]) await expectSameAsReference(entries, index, { query, offset, limit: 50 });
      }
    });

    it('with filters: author, date range, saved, has a note, and all together', async () => {
      const ids = entries.map((entry) => entry.id);
      const marks: UserMarks = {
        savedIds: new Set(ids.filter((_, i) => i % 7 === 0)),
        notedIds: new Set(ids.filter((_, i) => i % 11 === 0)),
      };
      const filterSets: EntryFilters[] = [
        { author: 'dotey' },
        { author: 'OP7418' },
        { from: '2021-03-01', to: '2022-06-30' },
        { isSavedOnly: true },
        { hasNote: true },
        { author: 'dotey', from: '2021-01-01', isSavedOnly: true },
      ];
      for (const filters of filterSets) {
        for (const query of [...broad, '提示词', 'prompt']) {
          for (const offset of [0, 30]) await expectSameAsReference(entries, index, { query, offset, limit: 30, filters, marks });
        }
      }
    });
  });
});
