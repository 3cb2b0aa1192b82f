// Keeps the folded text (and, once asked, Latin tokens and offset maps) of recently shown
// entries, so typing a query letter by letter does not fold the same entries again. Bounded:
// the oldest entries are forgotten first. Pure.

import type { Entry } from '../corpus/types';
import { analyzeDoc, type AnalyzedDoc } from './rank';
import { searchDocOf } from './search-doc';

/** About 5 MB of folded text at the digest's average entry size. */
const DEFAULT_CAPACITY = 1_000;

export class AnalyzedDocCache {
  private readonly docs = new Map<string, AnalyzedDoc>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Keyed by uid: an entry whose text changed has another uid. */
  get(entry: Entry): AnalyzedDoc {
    const key = `${entry.id}:${entry.uid}`;
    let doc = this.docs.get(key);
    if (doc !== undefined) {
      // Most recently used last, so the first key is the one to forget.
      this.docs.delete(key);
    } else {
      doc = analyzeDoc(searchDocOf(entry));
      if (this.docs.size >= this.capacity) {
        const oldest = this.docs.keys().next();
        if (oldest.done !== true) this.docs.delete(oldest.value);
      }
    }
    this.docs.set(key, doc);
    return doc;
  }

  get size(): number {
    return this.docs.size;
  }
}
