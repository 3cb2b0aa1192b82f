// Small hand-made entries for ranking tests.
import type { Entry } from '../../lib/corpus/types';

export function makeEntry(id: number, text: string, options: { handle?: string; author?: string; date?: string } = {}): Entry {
  return {
    id,
    date: options.date ?? '2024-03-01',
    posts: [{ author: options.author ?? options.handle ?? 'someone', handle: options.handle ?? 'someone', text, notes: [] }],
    urls: [],
  };
}
