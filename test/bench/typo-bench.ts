// Prints typo-correction figures for the real digest and synthetic 50k- and 200k-term vocabularies:
// vocabulary JSON size, load time, and p50/p95 per corrected word. `npx tsx test/bench/typo-bench.ts`.
import { gzipSync } from 'node:zlib';
import { foldText } from '../../lib/search/fold';
import { searchDocOf } from '../../lib/search/search-doc';
import { buildLatinVocabulary, correctLatinWord, loadLatinVocabulary, type LatinVocabulary } from '../../lib/search/typo-correction';
import { realCorpus } from '../support/seed';

/** Deterministic, so runs compare. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const random = seededRandom(42);
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
const LETTERS = 'etaoinshrdlcumwfgypbvkjxqz';

/** English-like letter frequencies, lengths 3–14. */
function syntheticWord(): string {
  const length = 3 + Math.floor(random() * random() * 12);
  let word = '';
  for (let i = 0; i < length; i++) word += LETTERS[Math.floor(random() * random() * LETTERS.length)];
  return word;
}

/** `count` distinct terms with Zipf-like document frequencies, as the build would ship them. */
function syntheticVocabulary(count: number): LatinVocabulary {
  const terms = new Set<string>();
  while (terms.size < count) terms.add(syntheticWord());
  const frequencies = [...terms].map((_, rank) => Math.max(1, Math.floor(5000 / (rank + 1))));
  const runs: number[] = [];
  for (const frequency of frequencies) {
    if (runs[runs.length - 2] === frequency) runs[runs.length - 1] = (runs[runs.length - 1] ?? 0) + 1;
    else runs.push(frequency, 1);
  }
  return { version: 1, terms: [...terms].join(' '), documentFrequencyRuns: runs };
}

/** One random edit: delete, insert, substitute or swap neighbours. */
function misspell(word: string): string {
  const at = Math.floor(random() * word.length);
  const letter = pick([...LETTERS]);
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + letter + word.slice(at);
    case 2:
      return word.slice(0, at) + letter + word.slice(at + 1);
    default:
      return at + 1 < word.length ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word + letter;
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

function measure(label: string, shipped: LatinVocabulary): void {
  const json = JSON.stringify(shipped);
  const loadStart = performance.now();
  const vocabulary = loadLatinVocabulary(JSON.parse(json));
  const loadMs = performance.now() - loadStart;
  const terms = shipped.terms.split(' ').filter((term) => term.length >= 4 && !/\d/.test(term));
  const words = [
    ...Array.from({ length: 400 }, () => misspell(misspell(pick(terms)))),
    ...Array.from({ length: 400 }, () => misspell(pick(terms))),
    ...Array.from({ length: 200 }, () => pick(terms)),
    ...Array.from({ length: 200 }, syntheticWord),
  ].filter((word) => word.length >= 4);
  for (const word of words.slice(0, 50)) correctLatinWord(vocabulary, word); // warm up the JIT
  const latencies: number[] = [];
  let corrected = 0;
  for (const word of words) {
    const start = performance.now();
    if (correctLatinWord(vocabulary, word).length > 0) corrected++;
    latencies.push(performance.now() - start);
  }
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  const plainJson = JSON.stringify({
    version: 1,
    terms: shipped.terms.split(' '),
    documentFrequency: [...vocabulary.documentFrequencies.values()],
  });
  console.log(`\n${label}: ${vocabulary.documentFrequencies.size} terms`);
  console.log(
    `  vocabulary JSON ${kib(Buffer.byteLength(json))} (gzip ${kib(gzipSync(json).length)}); as plain arrays ${kib(Buffer.byteLength(plainJson))}`,
  );
  console.log(`  load ${loadMs.toFixed(1)} ms`);
  console.log(
    `  correction over ${words.length} words (${corrected} corrected): p50 ${percentile(latencies, 50).toFixed(3)} ms, p95 ${percentile(latencies, 95).toFixed(3)} ms, max ${Math.max(...latencies).toFixed(3)} ms`,
  );
}

const docs = realCorpus.entries.map((entry) => {
  const doc = searchDocOf(entry);
  return { id: doc.id, text: foldText([doc.title, doc.author, doc.body].join('\n')) };
});
const buildStart = performance.now();
const real = buildLatinVocabulary(docs);
console.log(`real digest: ${docs.length} entries, vocabulary built in ${(performance.now() - buildStart).toFixed(1)} ms`);
measure('real digest', real);
measure('synthetic 50k', syntheticVocabulary(50_000));
measure('synthetic 200k', syntheticVocabulary(200_000));
