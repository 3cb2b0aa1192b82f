import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ALIAS_SOURCES,
  AliasTableFormatError,
  aliasesOf,
  aliasesOfPhrase,
  createAliasLookup,
  loadAliasTable,
  type AliasTable,
} from '../../lib/search/alias-lookup';
import { buildAliasTable } from '../../lib/search/alias-table';
import { foldText } from '../../lib/search/fold';
import { parseGlossary } from '../../lib/search/glossary';
import { parseQuery } from '../../lib/search/query';
import { realCorpus, SEEDS_DIR } from '../support/seed';

const glossary = parseGlossary(readFileSync(join(SEEDS_DIR, 'glossary.tsv'), 'utf8'), 'seeds/glossary.tsv');
const table = buildAliasTable({ entries: realCorpus.entries, glossary });
const texts = (unit: string) => aliasesOf(table, foldText(unit)).map((alias) => alias.text);

describe('the alias table of the real digest and glossary', () => {
  it.each([
    ['智能体', ['agent', 'aiagent']],
    ['agent', ['智能体']],
    ['提示词', ['prompt']],
    ['prompt', ['提示词', '提示']],
    ['文生图', ['texttoimage']],
    ['texttoimage', ['文生图']],
    ['微调', ['finetune', 'finetuning']],
    ['finetune', ['微调']],
    ['扎克伯格', ['小扎', 'zuckerberg']],
    ['小扎', ['扎克伯格', 'zuckerberg']],
    ['zuckerberg', ['扎克伯格', '小扎']],
    ['黄仁勋', ['老黄', 'jensenhuang']],
    ['老黄', ['黄仁勋', 'jensenhuang']],
    ['jensenhuang', ['黄仁勋', '老黄']],
    ['字节', ['字节跳动', 'bytedance']],
    ['字节跳动', ['字节', 'bytedance']],
    ['bytedance', ['字节跳动', '字节']],
    ['歸藏', ['op7418']],
    ['baoyu', ['宝玉', 'dotey']],
    ['guizang', ['归藏']],
    ['by', ['宝玉']],
    ['gz', ['归藏']],
    ['zjtd', ['字节跳动']],
    ['milestone', ['里程碑']],
    ['moonshotai', ['月之暗面']],
  ])('%s → %j among its aliases', (unit, expected) => {
    expect(texts(unit)).toEqual(expect.arrayContaining(expected));
  });

  it('folds a traditional query to the same aliases', () => {
    const [unit] = parseQuery('歸藏').units;
    expect(unit?.text).toBe('归藏');
    expect(aliasesOf(table, unit?.text ?? '')).toEqual(aliasesOf(table, '归藏'));
  });

  it('never returns the unit itself, nor a form twice', () => {
    for (const unit of ['智能体', 'agent', '黄仁勋', 'baoyu', 'llm', '推理']) {
      const found = texts(unit);
      expect(found).not.toContain(unit);
      expect(new Set(found).size).toBe(found.length);
    }
  });

  it('uses pinyin as a key only: 黄仁勋 does not expand to huangrenxun', () => {
    expect(texts('黄仁勋')).not.toContain('huangrenxun');
    expect(aliasesOf(table, '黄仁勋').every((alias) => alias.source === 'glossary')).toBe(true);
  });

  it('says where an alias came from and how to show it', () => {
    expect(aliasesOf(table, 'zuckerberg')).toContainEqual({ text: '扎克伯格', display: '扎克伯格', source: 'glossary' });
    expect(aliasesOf(table, '黄仁勋')).toContainEqual({
      text: 'jensenhuang',
      display: 'Jensen Huang',
      source: 'glossary',
      words: ['jensen', 'huang'],
    });
    expect(aliasesOf(table, 'milestone')).toEqual([{ text: '里程碑', display: '里程碑', source: 'digest' }]);
  });

  it('keeps the glossary in charge: AI and 人工智能 stay apart although the digest glosses one with the other', () => {
    expect(texts('ai')).not.toContain('人工智能');
    expect(texts('人工智能')).not.toContain('ai');
  });

  it('keeps the two meanings of 推理 apart in English', () => {
    expect(texts('推理')).toEqual(expect.arrayContaining(['reasoning', 'inference']));
    expect(texts('inference')).not.toContain('reasoning');
  });

  it('finds multi-word keys inside a query: jensen huang, text to image, fei-fei li', () => {
    const words = (query: string) => parseQuery(query).units.map((unit) => unit.text);
    const [jensen] = aliasesOfPhrase(table, words('jensen huang'));
    expect(jensen).toMatchObject({ start: 0, end: 2 });
    expect(jensen?.aliases.map((alias) => alias.text)).toContain('黄仁勋');
    const found = aliasesOfPhrase(table, words('最新 text to image 模型'));
    expect(found.map(({ start, end }) => [start, end])).toEqual([[1, 4]]);
    expect(found[0]?.aliases.map((alias) => alias.text)).toContain('文生图');
    expect(aliasesOfPhrase(table, words('Fei-Fei Li'))[0]?.aliases.map((alias) => alias.text)).toContain('李飞飞');
    expect(aliasesOfPhrase(table, words('jensen'))).toEqual([]);
  });

  it('survives a JSON round trip', () => {
    const json: unknown = JSON.parse(JSON.stringify(table));
    const lookup = loadAliasTable(json);
    for (const unit of ['智能体', 'jensenhuang', 'baoyu', 'milestone', '归藏'])
      expect(lookup.aliasesOf(unit)).toEqual(aliasesOf(table, unit));
  });

  it('stays small: tens of KB of JSON', () => {
    const bytes = Buffer.byteLength(JSON.stringify(table));
    expect(bytes).toBeLessThan(60_000);
  });

  it('has every source', () => {
    const sources = new Set(table.groups.flatMap((group) => group.forms.map(([, source]) => ALIAS_SOURCES[source])));
    expect([...sources].sort()).toEqual([...ALIAS_SOURCES].sort());
  });
});

describe('alias lookup', () => {
  const small: AliasTable = {
    version: 1,
    groups: [
      {
        kind: 'name',
        forms: [
          ['扎克伯格', 1],
          ['Zuckerberg', 1],
          ['zhakeboge', 2],
        ],
      },
      {
        kind: 'name',
        forms: [
          ['小扎', 1],
          ['Zuckerberg', 1],
        ],
      },
    ],
  };

  it('unions the groups of a key, without duplicates', () => {
    expect(
      createAliasLookup(small)
        .aliasesOf('zuckerberg')
        .map((alias) => alias.text),
    ).toEqual(['扎克伯格', '小扎']);
  });

  it('returns nothing for an unknown unit', () => {
    expect(createAliasLookup(small).aliasesOf('nobody')).toEqual([]);
  });

  it.each([
    ['not an object', [], 'alias table: not an object'],
    ['another version', { version: 2, groups: [] }, 'alias table: version 2, expected 1'],
    ['groups missing', { version: 1 }, 'alias table: groups is not a list'],
    ['a bad kind', { version: 1, groups: [{ kind: 'place', forms: [] }] }, 'alias table: group 0 is not'],
    ['a bad form', { version: 1, groups: [{ kind: 'term', forms: [['x']] }] }, 'alias table: group 0 form 0 is not [display, source]'],
    [
      'an unknown source',
      { version: 1, groups: [{ kind: 'term', forms: [['x', 9]] }] },
      'alias table: group 0 form 0 has an unknown source 9',
    ],
  ])('refuses %s', (_label, json, message) => {
    expect(() => loadAliasTable(json)).toThrow(AliasTableFormatError);
    expect(() => loadAliasTable(json)).toThrow(message);
  });
});

describe('the runtime side', () => {
  it('reaches neither pinyin-pro nor the mining from alias-lookup.ts', () => {
    const libSearch = join(SEEDS_DIR, '..', 'lib', 'search');
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(join(libSearch, `${file}.ts`), 'utf8');
      for (const [, specifier] of source.matchAll(/^import (?!type )[^'"]*['"]([^'"]+)['"]/gm)) {
        expect(specifier, `${file}.ts`).not.toMatch(/pinyin|alias-mining|alias-table/);
        if (specifier?.startsWith('./')) visit(specifier.slice(2));
      }
    };
    visit('alias-lookup');
    expect([...seen].sort()).toEqual(['alias-key', 'alias-lookup', 'fold', 'tokenize']);
  });
});
