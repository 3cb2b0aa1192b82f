import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasKeyOf } from '../../lib/search/alias-key';
import { GlossaryFormatError, parseGlossary } from '../../lib/search/glossary';
import { parseQuery } from '../../lib/search/query';
import { SEEDS_DIR } from '../support/seed';

const GLOSSARY_FILE = 'seeds/glossary.tsv';
const realGlossary = parseGlossary(readFileSync(join(SEEDS_DIR, 'glossary.tsv'), 'utf8'), GLOSSARY_FILE);

/**
 * Chinese words that translate two English concepts; each may sit in one line per concept. Any
 * other form in two lines would silently merge two meanings, so it must be added here on purpose.
 */
const POLYSEMES = new Map([['推理', ['reasoning', 'inference']]]);

describe('the real glossary', () => {
  it('parses, with a couple of hundred concepts', () => {
    expect(realGlossary.length).toBeGreaterThanOrEqual(150);
    expect(realGlossary.length).toBeLessThanOrEqual(400);
  });

  it('gives every concept at least two distinct keys', () => {
    for (const concept of realGlossary) {
      expect(new Set(concept.forms.map((form) => form.text)).size, `line ${concept.line}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('puts no form in two concepts, except the listed polysemes', () => {
    const linesOf = new Map<string, number[]>();
    for (const concept of realGlossary) {
      for (const form of concept.forms) linesOf.set(form.text, [...(linesOf.get(form.text) ?? []), concept.line]);
    }
    const shared = [...linesOf].filter(([, lines]) => lines.length > 1).map(([text]) => text);
    expect(shared.sort()).toEqual([...POLYSEMES.keys()].sort());
    for (const [word, meanings] of POLYSEMES) {
      const partners = realGlossary
        .filter((concept) => concept.forms.some((form) => form.text === word))
        .map((concept) => concept.forms.filter((form) => form.text !== word).map((form) => form.text));
      expect(partners).toEqual(meanings.map((meaning) => [meaning]));
    }
  });

  it('keys every form as a query of that form would be split into units', () => {
    for (const concept of realGlossary) {
      for (const form of concept.forms) {
        // Hyphens count as spaces in keys (`text-to-image` ~ `text to image`), so compare the spaced query.
        const units = parseQuery(form.display.replace(/[-_]/g, ' ')).units.map((unit) => unit.text);
        // parseQuery drops a repeated word (`Fei-Fei`) and lists a word's CJK run after its Latin
        // part (`智谱AI`); the keys keep written order, so compare the sets.
        expect(new Set(form.words), form.display).toEqual(new Set(units));
      }
    }
  });

  it.each([
    ['歸藏', 'op7418'],
    ['黄仁勋', 'jensenhuang'],
    ['扎克伯格', 'zuckerberg'],
    ['字节跳动', 'bytedance'],
    ['智能体', 'agent'],
    ['提示词', 'prompt'],
    ['文生图', 'texttoimage'],
    ['微调', 'finetune'],
  ])('has %s together with %s', (a, b) => {
    const concept = realGlossary.find((c) => c.forms.some((form) => form.text === aliasKeyOf(a).text));
    expect(concept?.forms.map((form) => form.text)).toContain(b);
  });

  it('leaves AI ↔ 人工智能 out (see the note at the top of the file)', () => {
    const concept = realGlossary.find((c) => c.forms.some((form) => form.text === '人工智能'));
    expect(concept?.forms.map((form) => form.text)).not.toContain('ai');
  });

  it('keeps a reading for 歸藏 (藏 is zang here)', () => {
    const form = realGlossary.flatMap((c) => c.forms).find((f) => f.display === '歸藏');
    expect(form?.reading).toEqual(['gui', 'zang']);
    expect(form?.text).toBe('归藏');
  });
});

describe('parseGlossary', () => {
  it('reads kinds, forms, folded keys and phrase words', () => {
    const [concept] = parseGlossary('# comment\n\nname\t黃仁勳\tJensen Huang\n', 'g.tsv');
    expect(concept).toEqual({
      kind: 'name',
      line: 3,
      forms: [
        { display: '黃仁勳', text: '黄仁勋', words: ['黄仁勋'] },
        { display: 'Jensen Huang', text: 'jensenhuang', words: ['jensen', 'huang'] },
      ],
    });
  });

  it('keys hyphenated and spaced forms alike', () => {
    const [concept] = parseGlossary('term\t文生图\ttext-to-image', 'g.tsv');
    expect(concept?.forms[1]).toMatchObject({ text: 'texttoimage', words: ['text', 'to', 'image'] });
  });

  it.each([
    ['a line with one form', 'term\t智能体', 'g.tsv:1: a concept needs at least two forms, found 1'],
    ['an unknown kind', 'person\t老黄\tJensen', 'g.tsv:1: unknown kind "person"'],
    ['spaces instead of tabs', 'term 智能体 agent', 'g.tsv:1: unknown kind "term 智能体 agent"'],
    ['a form that folds to nothing', 'term\t智能体\t——', 'g.tsv:1: form "——" has nothing searchable'],
    ['an empty cell', 'term\t智能体\t\tagent', 'g.tsv:1: empty form'],
    ['a duplicate form', 'name\t歸藏\t归藏', 'g.tsv:1: forms "歸藏" and "归藏" are the same once folded ("归藏")'],
    [
      'a reading of the wrong length',
      'name\t归藏{gui}\top7418',
      'g.tsv:1: form "归藏" has 2 Chinese characters but its reading has 1 syllables',
    ],
    ['a reading on a Latin form', 'name\top7418{gui}\t归藏', 'g.tsv:1: form "op7418" has a reading but no Chinese characters'],
    ['a malformed reading', 'name\t归藏{Guì Zàng}\top7418', 'g.tsv:1: form "归藏{Guì Zàng}": a reading is written'],
  ])('rejects %s with file:line', (_label, text, message) => {
    expect(() => parseGlossary(text, 'g.tsv')).toThrow(GlossaryFormatError);
    expect(() => parseGlossary(text, 'g.tsv')).toThrow(message);
  });

  it('counts lines across comments and blanks', () => {
    expect(() => parseGlossary('# a\n\nterm\t智能体\tagent\nterm\tx', 'g.tsv')).toThrow('g.tsv:4:');
  });
});
