import { describe, expect, it } from 'vitest';
import { foldText } from '../../lib/search/fold';
import { searchDocOf } from '../../lib/search/search-doc';
import {
  boundedAlignmentDistance,
  buildLatinVocabulary,
  correctLatinWord,
  documentFrequencyOf,
  LatinVocabularyFormatError,
  loadLatinVocabulary,
} from '../../lib/search/typo-correction';
import { realCorpus } from '../support/seed';

const docs = realCorpus.entries.map((entry) => {
  const doc = searchDocOf(entry);
  return { id: doc.id, text: foldText([doc.title, doc.author, doc.body].join('\n')) };
});
const shipped = buildLatinVocabulary(docs);
// Through JSON, as the extension receives it.
const vocabulary = loadLatinVocabulary(JSON.parse(JSON.stringify(shipped)));

const bestTerm = (word: string) => correctLatinWord(vocabulary, word)[0]?.term;

describe('correcting Latin words against the digest', () => {
  it.each([
    ['a missing letter', 'midjourny', 'midjourney'],
    ['a missing letter', 'antropic', 'anthropic'],
    ['a transposition', 'karpahty', 'karpathy'],
    ['a transposition', 'cluade', 'claude'],
    ['a transposition beside a digit', 'gtp4', 'gpt4'],
    ['two edits in a long word', 'perplxty', 'perplexity'],
    ['two edits in a long word', 'trnsfomer', 'transformer'],
    ["the digest's own typo, once, into the common spelling", 'calude', 'claude'],
  ])('%s: %s → %s', (_label, word, expected) => {
    expect(bestTerm(word)).toBe(expected);
  });

  it.each([
    ['another first letter', 'mamba', 'jamba'],
    ['another first letter', 'hinton', 'minton'],
    ['a first letter dropped', 'ollama', 'llama'],
  ])('does not take a name that differs in its first letter for a typo (%s: %s is not %s)', (_label, word, other) => {
    expect(documentFrequencyOf(vocabulary, other)).toBeGreaterThan(0);
    expect(correctLatinWord(vocabulary, word).map((c) => c.term)).not.toContain(other);
  });

  it('still takes the first two letters swapped for a typo (lcaude → claude)', () => {
    expect(bestTerm('lcaude')).toBe('claude');
  });

  it('gives distance and frequency, best first', () => {
    expect(correctLatinWord(vocabulary, 'antropic')).toEqual([
      { term: 'anthropic', distance: 1, documentFrequency: documentFrequencyOf(vocabulary, 'anthropic') },
      { term: 'anthropics', distance: 2, documentFrequency: 1 },
    ]);
    expect(correctLatinWord(vocabulary, 'antropic', { maxResults: 1 })).toHaveLength(1);
  });

  it.each([
    ['a 3-letter word', 'gtp'],
    ['nonsense', 'xyzzyq'],
    ['digits only', '2025'],
    ['a frequent word spelled right', 'claude'],
    ['a word spelled right beside a slightly more frequent one', 'agent'],
    ['another version is no typo', 'gpt3'],
    ['a 7-letter word two edits away', 'antrpc'],
  ])('nothing for %s (%s)', (_label, word) => {
    expect(correctLatinWord(vocabulary, word)).toEqual([]);
  });

  it('tells how many entries contain a word, so the caller can tell absent or rare', () => {
    expect(documentFrequencyOf(vocabulary, 'claude')).toBeGreaterThanOrEqual(10);
    expect(documentFrequencyOf(vocabulary, 'calude')).toBe(1);
    expect(documentFrequencyOf(vocabulary, 'midjourny')).toBe(0);
  });

  it('drops a one-off spelling beside a common term at the same distance', () => {
    const small = loadLatinVocabulary(
      buildLatinVocabulary([
        ...Array.from({ length: 20 }, (_, id) => ({ id, text: 'nvidia gpu' })),
        { id: 20, text: 'nvida' },
        { id: 21, text: 'nvidiaa' },
      ]),
    );
    expect(correctLatinWord(small, 'nvdia').map((c) => c.term)).toEqual(['nvidia']);
  });
});

describe('the shipped vocabulary', () => {
  it('holds Latin terms only, most frequent first, with digits-only terms left out', () => {
    const terms = shipped.terms.split(' ');
    expect(terms[0]).toBe('https');
    expect(terms).toContain('midjourney');
    expect(terms.some((term) => /^\d+$/.test(term))).toBe(false);
    expect(terms.some((term) => /[\u4e00-\u9fff]/.test(term))).toBe(false);
    const total = shipped.documentFrequencyRuns.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0);
    expect(total).toBe(terms.length);
  });

  it('refuses another version', () => {
    expect(() => loadLatinVocabulary({ ...shipped, version: 2 as 1 })).toThrow(LatinVocabularyFormatError);
  });
});

describe('boundedAlignmentDistance', () => {
  it.each([
    ['claude', 'claude', 2, 0],
    ['calude', 'claude', 2, 1],
    ['midjourny', 'midjourney', 2, 1],
    ['ca', 'abc', 3, 3],
    ['abcdef', 'badcfe', 3, 3],
    ['kitten', 'sitting', 3, 3],
    ['kitten', 'sitting', 1, 2],
  ])('%s → %s within %i is %i', (a, b, max, expected) => {
    expect(boundedAlignmentDistance(a, b, max)).toBe(expected);
  });
});
