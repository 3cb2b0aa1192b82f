// Deterministic reader-scale corpora (1k–50k entries) made from the real digest's text, for the
// scale benchmark. Each entry keeps a real entry's shape (posts, quote, notes, first line) but mixes
// in lines and sentences of other real entries, so texts and term statistics vary as they would
// across many monthly volumes, instead of repeating 119 texts verbatim.

import { assignEntryUids, entryPlainText } from '../../lib/corpus/entry-identity';
import { extractUrls } from '../../lib/corpus/extract-urls';
import type { Entry, ParsedEntry, Post } from '../../lib/corpus/types';
import { createSeededRandom } from '../support/seeded-random';

export type SyntheticCorpusOptions = {
  size: number;
  /** Default 1. */
  seed?: number;
  /** First day of the spread; default 2020-01-01. */
  firstDate?: string;
  /** Dates are spread evenly over this many years (several volumes); default 5. */
  years?: number;
};

const KEEP_TITLE = 0.5;
/** Chances for each non-blank line after the first: keep it, swap in another entry's line, or splice sentences. */
const KEEP_LINE = 0.45;
const SWAP_LINE = 0.75;
/** Chance that a post keeps its own author; otherwise another real author writes it. */
const KEEP_AUTHOR = 0.6;
const DAY_MS = 86_400_000;

// A sentence ends after Chinese end punctuation, or Latin end punctuation before a space (not inside a URL).
const SENTENCE_END = /(?<=[。！？；])|(?<=[.!?])\s+/u;

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

type TextPools = { lines: string[]; sentences: string[]; authors: { author: string; handle: string }[] };

function textPoolsOf(real: Entry[]): TextPools {
  const lines = real.flatMap((entry) => entry.posts.flatMap((post) => post.text.split('\n').filter((line) => line.trim() !== '')));
  const sentences = lines.flatMap((line) => line.split(SENTENCE_END).filter((sentence) => sentence.trim().length >= 4));
  const byHandle = new Map(real.flatMap((entry) => entry.posts.map((post) => [post.handle, { author: post.author, handle: post.handle }])));
  return { lines, sentences, authors: [...byHandle.values()] };
}

function mixText(random: () => number, text: string, pools: TextPools): string {
  let isFirst = true;
  return text
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return line;
      // The first line is the entry's title: half keep theirs, half take another entry's line.
      if (isFirst) {
        isFirst = false;
        return random() < KEEP_TITLE ? line : pick(random, pools.lines);
      }
      const roll = random();
      if (roll < KEEP_LINE) return line;
      if (roll < SWAP_LINE) return pick(random, pools.lines);
      const count = 2 + Math.floor(random() * 2);
      // Chinese sentences join directly; after Latin text a space keeps words (and URLs) apart.
      return Array.from({ length: count }, () => pick(random, pools.sentences)).reduce((joined, sentence) =>
        /[\x21-\x7e]$/.test(joined) ? `${joined} ${sentence}` : joined + sentence,
      );
    })
    .join('\n');
}

function mixPost(random: () => number, post: Post, pools: TextPools, date: string): Post {
  const writer = random() < KEEP_AUTHOR ? { author: post.author, handle: post.handle } : pick(random, pools.authors);
  return {
    ...post,
    ...writer,
    text: mixText(random, post.text, pools),
    notes: post.notes.map((note) => ({ ...note, date })),
  };
}

function urlsOf(posts: Post[]): string[] {
  const urls = posts.flatMap((post) => [
    ...(post.sourceUrl ? [post.sourceUrl] : []),
    ...extractUrls(post.text),
    ...(post.quote ? extractUrls(post.quote.text) : []),
    ...post.notes.flatMap((note) => extractUrls(note.text)),
  ]);
  return [...new Set(urls)];
}

/**
 * `size` entries numbered 1..size, dated evenly (newest last) over `years` years, each built on a
 * random real entry: same posts, quote and notes, real authors and URLs, mixed text. Same options,
 * same corpus.
 */
export function generateSyntheticCorpus(real: Entry[], options: SyntheticCorpusOptions): Entry[] {
  const { size, seed = 1, firstDate = '2020-01-01', years = 5 } = options;
  const random = createSeededRandom(seed);
  const pools = textPoolsOf(real);
  const start = Date.parse(`${firstDate}T00:00:00Z`);
  const spanDays = Math.round(years * 365.25);
  const parsed: ParsedEntry[] = Array.from({ length: size }, (_, i) => {
    const base = pick(random, real);
    const date = new Date(start + Math.floor((i * spanDays) / size) * DAY_MS).toISOString().slice(0, 10);
    const posts = base.posts.map((post) => mixPost(random, post, pools, date));
    return { id: i + 1, date, posts, urls: urlsOf(posts) };
  });
  return assignEntryUids(parsed);
}

/** The corpus text: every post, quote and editor note (`entryPlainText`), in UTF-16 chars and UTF-8 bytes. */
export function measureCorpusText(entries: Entry[]): { chars: number; utf8Bytes: number } {
  let chars = 0;
  let utf8Bytes = 0;
  for (const entry of entries) {
    const text = entryPlainText(entry);
    chars += text.length;
    utf8Bytes += Buffer.byteLength(text, 'utf8');
  }
  return { chars, utf8Bytes };
}
