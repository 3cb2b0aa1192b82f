import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUrlsInText } from '../../lib/corpus/extract-urls';
import { cutExcerpt } from '../../lib/render/excerpt';
import { parseBlocks, type Block } from '../../lib/render/markdown-lite';
import { propertyRuns } from '../support/property-runs';
import { realCorpus } from '../support/seed';

/** What the card cuts: an entry's posts, one after another. */
const cardTextOf = (id: number) => (realCorpus.entries.find((entry) => entry.id === id)?.posts ?? []).map((post) => post.text).join('\n\n');

const linksOf = (text: string) =>
  parseBlocks(text)
    .flatMap((block: Block) =>
      block.type === 'paragraph' || block.type === 'quote' ? block.lines : block.type === 'list' ? block.items : [],
    )
    .flat()
    .flatMap((part) => (part.type === 'link' ? [part.href] : []));

/** What every excerpt must be: a prefix of the text, no URL cut short, no half a character. */
function expectWholeExcerpt(text: string, maxLength: number): void {
  const excerpt = cutExcerpt(text, maxLength);
  if (excerpt === text) return;
  expect(excerpt.endsWith('…')).toBe(true);
  const body = excerpt.slice(0, -1);
  expect(text.startsWith(body)).toBe(true);
  const whole = new Map([...findUrlsInText(text)].map((found) => [found.index, found.url]));
  for (const found of findUrlsInText(body)) expect(found.url, `URL at ${found.index}`).toBe(whole.get(found.index));
  expect(body).not.toMatch(/[\ud800-\udbff]$/);
  const startsWithUrl = [...findUrlsInText(text)].some((found) => text.slice(0, found.index).trim() === '' && found.end > maxLength);
  if (!startsWithUrl) expect(body.length).toBeLessThanOrEqual(maxLength);
}

describe('cutExcerpt', () => {
  it("leaves entry 74's Kaggle link out of the card's 280 characters instead of linking half of it", () => {
    const text = cardTextOf(74);
    const kaggle = 'https://kaggle.com/code/iamleonie/advanced-rag-with-gemma-weaviate-and-llamaindex';
    expect(text.indexOf(kaggle)).toBeLessThan(280);
    expect(text.indexOf(kaggle) + kaggle.length).toBeGreaterThan(280);
    const excerpt = cutExcerpt(text, 280);
    expect(excerpt).toBe(`${text.slice(0, text.indexOf(kaggle)).trimEnd()}…`);
    expect(linksOf(excerpt)).toEqual([]);
  });

  it('cuts entry 74 whole at every length', () => {
    const text = cardTextOf(74);
    for (let length = 0; length <= text.length + 1; length++) expectWholeExcerpt(text, length);
  });

  it("links only URLs an entry cites, in every real entry's card", () => {
    for (const entry of realCorpus.entries) {
      const excerpt = cutExcerpt(cardTextOf(entry.id), 280);
      for (const href of linksOf(excerpt)) expect(entry.urls, `entry ${entry.id}`).toContain(href);
      expectWholeExcerpt(cardTextOf(entry.id), 280);
    }
  });

  it.each<[string, string, number, string]>([
    ['text that fits stays whole', '短文 https://a.com/x', 20, '短文 https://a.com/x'],
    ['a cut before a URL ends there', 'see https://a.com/long/path here', 10, 'see…'],
    ['a cut inside a URL leaves it out', 'see https://a.com/long/path here', 20, 'see…'],
    ['a cut after a URL keeps it', 'see https://a.com/x and more text', 24, 'see https://a.com/x and…'],
    ['a cut inside a markdown link leaves it out', '看 [标题](https://a.com/x) 后文', 8, '看…'],
    ['a URL that starts the text is kept whole', 'https://a.com/long/path and more', 10, 'https://a.com/long/path…'],
    ['an emoji at the cut is not halved', 'ab😀cd', 3, 'ab…'],
    ['an emoji before the cut stays', 'ab😀cd', 4, 'ab😀…'],
    ['CJK text cuts anywhere', '一二三四五六', 3, '一二三…'],
  ])('%s', (_label, text, maxLength, expected) => {
    expect(cutExcerpt(text, maxLength)).toBe(expected);
  });

  const piece = fc.constantFrom('https://a.com/x', '[t](https://b.com/(y))', ' ', '，', '中文', '😀', '👨‍👩‍👧', 'word', '.', ')', '\n');
  it('never cuts inside a URL or a surrogate pair, whatever the text and the length', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat({ max: 120 }), (pieces, maxLength) => {
        expectWholeExcerpt(pieces.join(''), maxLength);
      }),
      propertyRuns(2000),
    );
  });
});
