import { describe, expect, it } from 'vitest';
import { AnalyzedField, matchTerm } from '../../lib/search/rank';
import { buildSnippet, highlightField } from '../../lib/search/snippet';
import { parseQuery } from '../../lib/search/query';

function rangesFor(text: string, query: string) {
  const field = new AnalyzedField(text);
  return {
    field,
    ranges: parseQuery(query).units.flatMap((unit) =>
      matchTerm(field, { text: unit.text, isCjk: unit.isCjk, allowsPrefix: unit.allowsPrefix }),
    ),
  };
}

const marked = (value: { text: string; highlights: [number, number][] }) => value.highlights.map(([s, e]) => value.text.slice(s, e));

describe('snippets and highlights', () => {
  it.each([
    ['a traditional query on simplified text', '我们讨论长文本的意义', '長文本', ['长文本']],
    ['a simplified query on traditional text', '作者：歸藏(guizang.ai)', '归藏', ['歸藏']],
    ['full-width text', 'ＧＰＴ－４ 很强', 'gpt-4', ['ＧＰＴ－４']],
    ['a prefix', 'ComfyUI workflow', 'comf', ['Comf']],
    ['markup stays characters', '<prompt_explanation> 说明', 'prompt_explanation', ['prompt_explanation']],
  ])('%s', (_label, text, query, expected) => {
    const { field, ranges } = rangesFor(text, query);
    expect(marked(highlightField(field, ranges))).toEqual(expected);
  });

  it('centres a long text on its matches and marks the cuts', () => {
    const text = `${'前'.repeat(300)}关键词${'后'.repeat(300)}`;
    const { field, ranges } = rangesFor(text, '关键词');
    const snippet = buildSnippet(field, ranges);
    expect(snippet.isCutStart).toBe(true);
    expect(snippet.isCutEnd).toBe(true);
    expect(marked(snippet)).toEqual(['关键词']);
    expect(snippet.text.length).toBeLessThanOrEqual(120);
  });

  it('starts after the title line when nothing matched in the body', () => {
    const { field } = rangesFor('标题行\n\n正文第一句', 'x');
    expect(buildSnippet(field, [], true)).toEqual({ text: '正文第一句', highlights: [], isCutStart: false, isCutEnd: false });
    expect(buildSnippet(new AnalyzedField('标题行\n\n> 问：同样一篇文章'), [], true).text).toBe('问：同样一篇文章');
    expect(buildSnippet(new AnalyzedField('只有一行'), [], true).text).toBe('');
  });

  it('turns newlines into spaces without moving highlights', () => {
    const { field, ranges } = rangesFor('第一行\n关键词\n第三行', '关键词');
    const snippet = buildSnippet(field, ranges);
    expect(snippet.text).toBe('第一行 关键词 第三行');
    expect(marked(snippet)).toEqual(['关键词']);
  });
});
