import { describe, expect, it } from 'vitest';
import { isAcronymOf, mineGlosses } from '../../lib/search/alias-mining';
import type { Entry } from '../../lib/corpus/types';
import { realCorpus } from '../support/seed';

const mined = mineGlosses(realCorpus.entries, { chineseNames: ['月之暗面', '奥特曼'] });
const show = (forms: string[]) => forms.join(' | ');
const shown = new Map(mined.map((gloss) => [show(gloss.forms), gloss.entryIds]));

function entryWith(text: string): Entry {
  return { uid: 'u', id: 1, date: '2024-03-01', urls: [], posts: [{ author: 'a', handle: 'a', text, notes: [] }] };
}

describe('mineGlosses on the real digest', () => {
  it.each([
    ['基础智能体 | Foundation Agent', [1]],
    ['milestone | 里程碑', [2]],
    ['月之暗面 | Moonshot AI', [3]],
    ['分辨率适配器 | ResAdapter', [11]],
    ['矫正流 | Rectified Flow | RF', [14]],
    ['GPU | 图形处理单元', [16]],
    ['大语言模型 | LLM', [21, 44, 106, 112]],
    ['梯度低秩投影 | Gradient Low-Rank Projection | GaLore', [25]],
    ['General Computer Control | GCC', [27]],
    ['Docker 客户端 | Docker Client', [28]],
    ['零样本 | zero-shot', [38, 51, 81]],
    ['监督式微调 | Supervised Fine-Tuning | SFT', [38]],
    ['CoT | Chain of Thought', [41]],
    ['KPU | 知识处理单元', [53]],
    ['旋转式嵌入表示 | Rotary Position Embeddings | RoPE', [56]],
    ['通用人工智能 | AGI', [57, 67, 116]],
    ['首席执行官 | CEO', [57]],
    ['具身化 | Embodiment', [88]],
  ])('finds %s in entries %j', (gloss, entryIds) => {
    expect(shown.get(gloss)).toEqual(entryIds);
  });

  it('finds the acronym and its Chinese head in one bracket: 低秩自适应 (Low-Rank Adaptation, LoRA), not 如低秩自适应', () => {
    expect(shown.get('低秩自适应 | Low-Rank Adaptation | LoRA')).toEqual([25]);
  });

  it.each([
    ['a citation', '公式'],
    ['a quantity', '内容'],
    ['a label, not a translation (用我们的名字（Magnific）)', '名字'],
    ['a verb with a one-character object (用于处理键（key）)', '处理键'],
    ['a run that starts after a number (8位数字精度量化)', '位数字精度量化'],
    ['a clause (模型进行推理（inference）)', '模型进行推理'],
    ['a clause (代码完全开源（MIT）)', '代码完全开源'],
    ['an aside in brackets (（重点）, （例如代码块）)', '重点'],
    ['the AI of a long English aside (AI all of the time at full tilt)', 'AI all of the time at full tilt'],
    ['a Chinese gloss of a Chinese word (反思（让模型检查和修正自己的输出）)', '反思'],
  ])('does not mine %s', (_label, form) => {
    expect(mined.filter((gloss) => gloss.forms.includes(form)).map((gloss) => show(gloss.forms))).toEqual([]);
  });

  it('drops Chinese glosses written as lists or descriptions (architecture（可扩展、通用的系统结构）)', () => {
    expect(mined.filter((gloss) => gloss.forms.some((form) => form.includes('、')))).toEqual([]);
  });

  it('merges one gloss written both ways: AGI（人工通用智能） and 人工通用智能（AGI）', () => {
    expect(mined.filter((gloss) => gloss.forms.includes('人工通用智能')).map((gloss) => gloss.entryIds)).toEqual([[18, 97]]);
  });

  it('mines only a few dozen glosses from 119 entries', () => {
    expect(mined.length).toBeGreaterThan(40);
    expect(mined.length).toBeLessThan(80);
  });
});

describe('mineGlosses on small texts', () => {
  it.each([
    ['full-width brackets', '这是提示工程（prompt engineering）的要点', ['提示工程', 'prompt engineering']],
    ['half-width brackets with a space', '使用了检索增强生成 (RAG) 方案', ['检索增强生成', 'RAG']],
    ['English first', '一个新的milestone（里程碑）', ['milestone', '里程碑']],
    ['简称 before the short form', '混合专家 (Mixture of Experts,简称 MoE)', ['混合专家', 'Mixture of Experts', 'MoE']],
  ])('%s', (_label, text, forms) => {
    expect(mineGlosses([entryWith(text)]).map((gloss) => gloss.forms)).toEqual([forms]);
  });

  it('keeps a name with a middle dot whole, and takes a known name out of a longer run', () => {
    const text = 'OpenAI的首席执行官(CEO)萨姆·奥特曼(Sam Altman)警告。成立于3月1日的大模型公司月之暗面（Moonshot AI）';
    expect(mineGlosses([entryWith(text)], { chineseNames: ['月之暗面'] }).map((gloss) => gloss.forms)).toEqual([
      ['首席执行官', 'CEO'],
      ['萨姆·奥特曼', 'Sam Altman'],
      ['月之暗面', 'Moonshot AI'],
    ]);
  });

  it.each([
    ['an English aside', 'It works (can happen often) well'],
    ['a URL', '项目（https://example.com/a）'],
    ['a year', '方法（Liu et al., 2022）'],
    ['an example list', '模型（例如 GPT-4）'],
  ])('ignores %s', (_label, text) => {
    expect(mineGlosses([entryWith(text)])).toEqual([]);
  });

  it.each([
    ['CoT', 'Chain of Thought', true],
    ['LoRA', 'Low-Rank Adaptation', true],
    ['PMF', 'Product/Market Fit', true],
    ['GPU', 'RTX 4090', false],
    ['AI', 'AI all of the time at full tilt', false],
  ])('isAcronymOf(%s, %s) is %s', (short, long, expected) => {
    expect(isAcronymOf(short, long)).toBe(expected);
  });
});
