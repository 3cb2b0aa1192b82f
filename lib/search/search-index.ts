// Our typed wrapper around FlexSearch: builds the index with our encoder, exports/imports it,
// and answers "which entries contain this unit, in which fields". Ranking is not done here
// (FlexSearch has no term frequency, IDF or cross-field AND); see rank.ts.

import { Document, Encoder } from 'flexsearch';
import { foldText } from './fold';
import type { QueryUnit } from './query';
import { SEARCH_FIELDS, type SearchDoc, type SearchField } from './search-doc';
import { terms } from './tokenize';

/** Bump when the encoder, tokenizer or fields change: a persisted export with another version is rebuilt. */
export const SEARCH_INDEX_VERSION = 1;

/** Everything is a candidate: ranking needs the full candidate set to know how rare a unit is. */
const CANDIDATE_LIMIT = 1_000_000;

export type SearchIndexExport = {
  version: number;
  corpusHash: string;
  parts: Record<string, string>;
};

export class SearchIndexVersionError extends Error {
  constructor(found: unknown) {
    super(`search index export has version ${String(found)}, expected ${SEARCH_INDEX_VERSION}`);
    this.name = 'SearchIndexVersionError';
  }
}

type IndexedFields = Omit<SearchDoc, 'date'>;

function createDocument(): Document<IndexedFields> {
  const encoder = new Encoder({
    // Folding and splitting are ours; FlexSearch must not regroup digits or dedupe letters.
    normalize: false,
    numeric: false,
    dedupe: false,
    prepare: (text: string) => terms(foldText(text)).join(' '),
    split: ' ',
  });
  return new Document<IndexedFields>({
    document: {
      id: 'id',
      index: SEARCH_FIELDS.map((field) => ({ field, tokenize: 'forward' as const, encoder })),
    },
    // Ranking happens in rank.ts, so FlexSearch's score slots would only bloat the export.
    resolution: 1,
    fastupdate: false,
  });
}

/** Entry ids matching one unit, with the fields each matched in. */
export type UnitCandidates = Map<number, Set<SearchField>>;

export class SearchIndex {
  private constructor(
    private readonly document: Document<IndexedFields>,
    readonly corpusHash: string,
  ) {}

  static build(docs: SearchDoc[], corpusHash: string): SearchIndex {
    const document = createDocument();
    for (const doc of docs) document.add({ id: doc.id, title: doc.title, author: doc.author, body: doc.body });
    return new SearchIndex(document, corpusHash);
  }

  static fromExport(data: SearchIndexExport): SearchIndex {
    if (data.version !== SEARCH_INDEX_VERSION) throw new SearchIndexVersionError(data.version);
    const document = createDocument();
    for (const [key, value] of Object.entries(data.parts)) document.import(key, value);
    return new SearchIndex(document, data.corpusHash);
  }

  export(): SearchIndexExport {
    const parts: Record<string, string> = {};
    // With a synchronous handler FlexSearch exports synchronously.
    void this.document.export((key: string, value: string) => {
      parts[key] = value;
    });
    return { version: SEARCH_INDEX_VERSION, corpusHash: this.corpusHash, parts };
  }

  candidates(unit: QueryUnit): UnitCandidates {
    const fields: SearchField[] = unit.isAuthorOnly ? ['author'] : [...SEARCH_FIELDS];
    const byId: UnitCandidates = new Map();
    const results = this.document.search(unit.text, { index: fields, limit: CANDIDATE_LIMIT });
    for (const { field, result } of results) {
      for (const id of result) {
        const key = Number(id);
        const set = byId.get(key) ?? new Set<SearchField>();
        set.add(field as SearchField);
        byId.set(key, set);
      }
    }
    return byId;
  }
}
