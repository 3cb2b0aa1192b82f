// Mines the glosses the digest writes itself: `人工智能（AI）`, `milestone（里程碑）`,
// `梯度低秩投影 (Gradient Low-Rank Projection, GaLore)`, `CoT（Chain of Thought）`. Build time only;
// pure. Precision over recall: only bracketed glosses, only pairs across scripts or an acronym and
// its expansion, and each gloss keeps the entries it came from so a test can show them.

import type { Entry } from '../corpus/types';
import { aliasKeyOf } from './alias-key';

export type MinedGloss = {
  /** The forms as written, the term before the bracket first (`['梯度低秩投影', 'Gradient Low-Rank Projection', 'GaLore']`). */
  forms: string[];
  /** Entries that write this gloss, ascending. */
  entryIds: number[];
};

/** Knowledge the mining may use: Chinese names whose boundaries it cannot guess (`…公司月之暗面`). */
export type MiningHints = { chineseNames?: Iterable<string> };

const BRACKETED = /[（(]([^（）()\n]{1,80})[）)]/g;
const HAN_RUN = /[\p{Script=Han}·]+$/u;
const LATIN_TAIL = /[A-Za-z0-9][A-Za-z0-9.+'’/&-]*(?: [A-Za-z0-9][A-Za-z0-9.+'’/&-]*)*$/;
const HAN = /\p{Script=Han}/u;
const CLEAN_CHINESE = /^[\p{Script=Han}·]{2,8}$/u;
const CLEAN_LATIN = /^[A-Za-z0-9][A-Za-z0-9 .+'’/&-]*$/;
const MAX_LATIN_WORDS = 5;

/** Characters after which a Chinese term starts: particles, prepositions, measure words, conjunctions. */
const TERM_STARTS_AFTER = new Set([...'的了是在和与及或着从对把被将为以让由向给个种于并而每各这那其该此即都也就还']);
/** Words that end a clause inside a run: `代码完全开源（MIT）` glosses 开源 at most, `模型进行推理` 推理. */
const CLAUSE_BREAKS = ['完全', '非常', '已经', '目前', '正在', '主要', '进行'];

/**
 * Verbs and adverbs that lead into a term in running text (`训练大语言模型（LLM）` glosses
 * 大语言模型, not the training); stripped from the front of a head, longest first.
 */
const LEADING_VERBS = [
  ...['训练', '利用', '通过', '支持', '采用', '考虑', '构建', '设计', '进行', '使用', '包括', '提供', '处理', '用于', '基于'],
  ...['借助', '引入', '推出', '发布', '提出', '如何', '一种', '一个', '称为', '叫做', '名为', '建立', '实现', '例如', '比如', '如'],
].sort((a, b) => b.length - a.length);

/**
 * Nouns that announce a label (`用我们的名字（Magnific）`): the bracket gives the label itself,
 * not a translation of the noun.
 */
const LABEL_NOUNS = new Set(['名字', '名称', '代号', '型号', '版本', '地址', '链接', '协议', '许可', '许可证']);
/** A bracket that cites (`Liu et al.,2022`, `Peebles & Xie`) rather than glosses. */
const CITATION = /\bet al\b|\s&\s|\b(19|20)\d\d\b/;

/** Words that open an aside rather than a gloss: `（例如 …）`, `（详见 …）`, `（约 …）`. */
const ASIDE_START = /^(如|例如|比如|譬如|详见|参见|见|约|从|按|或|和|也|这|那|需要|不|可能|包括|通常|最多|少了|甚至|尤其|当前|以前)/;
/** Words that introduce the gloss itself and are not part of it: `（简称 MMDiT）`. */
const GLOSS_LEAD = /^(简称|即|也叫|又称|又叫|全称|英文|英文名|中文)\s*/;

type Segment = { text: string; isChinese: boolean };

function wordCount(latin: string): number {
  return latin.split(/\s+/).filter((word) => word !== '').length;
}

/** The Chinese term a bracket glosses: the tail of the run before it, cut where a term starts. */
function chineseHeadOf(run: string): string | undefined {
  let head = run;
  for (let i = head.length - 1; i >= 0; i--) {
    if (TERM_STARTS_AFTER.has(head[i] as string)) {
      head = head.slice(i + 1);
      break;
    }
  }
  for (const word of CLAUSE_BREAKS) {
    const at = head.lastIndexOf(word);
    if (at >= 0) head = head.slice(at + word.length);
  }
  for (let stripped = true; stripped;) {
    stripped = false;
    for (const verb of LEADING_VERBS) {
      if (!head.startsWith(verb)) continue;
      // `用于处理键（key）`: a verb with a one-character object is a clause, not a term.
      if (head.length - verb.length < 2) return undefined;
      head = head.slice(verb.length);
      stripped = true;
      break;
    }
  }
  head = head.replace(/^·+|·+$/g, '');
  return CLEAN_CHINESE.test(head) && !LABEL_NOUNS.has(head) ? head : undefined;
}

type Head = { text: string; isChinese: boolean };

function headBefore(before: string, gloss: string, chineseNames: string[]): Head | undefined {
  const text = before.replace(/\s+$/, '');
  const run = HAN_RUN.exec(text)?.[0];
  if (run !== undefined) {
    const name = chineseNames.find((known) => run.endsWith(known));
    if (name !== undefined) return { text: name, isChinese: true };
    // `8位数字精度量化`, `48个注意力机制单元`: a run after a number starts with its unit.
    if (/[0-9]$/.test(text.slice(0, text.length - run.length))) return undefined;
    const head = chineseHeadOf(run);
    if (head === undefined) return undefined;
    // `Docker 客户端 (Docker Client)`: the Latin word before the run belongs to the head.
    if (head === run) {
      const latinBefore = /([A-Za-z][A-Za-z0-9]*) ?$/.exec(text.slice(0, text.length - run.length))?.[1];
      if (latinBefore !== undefined && gloss.split(/\s+/).includes(latinBefore)) {
        return { text: `${latinBefore} ${head}`, isChinese: true };
      }
    }
    return { text: head, isChinese: true };
  }
  const latin = LATIN_TAIL.exec(text)?.[0];
  if (latin === undefined || !/[A-Za-z]/.test(latin) || wordCount(latin) > MAX_LATIN_WORDS) return undefined;
  // A Latin head at the end of an English sentence is prose, not a term being glossed.
  if (/[.!?:;,]\s*$/.test(latin)) return undefined;
  return { text: latin.replace(/[.'’/&-]+$/, ''), isChinese: false };
}

/** Clean parts of a bracket: `Product/Market Fit，产品/市场契合` → the Latin part only. */
function segmentsOf(gloss: string): Segment[] {
  const segments: Segment[] = [];
  for (const raw of gloss.split(/[，,；;]/)) {
    const part = raw
      .trim()
      .replace(GLOSS_LEAD, '')
      .replace(/^["“”'‘’「」]+|["“”'‘’「」]+$/g, '')
      .trim();
    if (part === '' || ASIDE_START.test(part)) continue;
    // `链式思考 Chain of Though`: a Chinese term and its English side by side inside one bracket.
    const sideBySide = /^([\p{Script=Han}·]{2,8}) ([A-Za-z][A-Za-z0-9 .+'’/&-]*)$/u.exec(part);
    if (sideBySide !== null) {
      segments.push({ text: sideBySide[1] as string, isChinese: true }, { text: (sideBySide[2] as string).trim(), isChinese: false });
      continue;
    }
    if (CLEAN_CHINESE.test(part)) segments.push({ text: part, isChinese: true });
    // A Latin gloss starts with a letter: `21K Token` is a quantity, not a name.
    else if (CLEAN_LATIN.test(part) && /^[A-Za-z]/.test(part) && wordCount(part) <= MAX_LATIN_WORDS) {
      segments.push({ text: part, isChinese: false });
    }
  }
  return segments;
}

/** `CoT` ~ `Chain of Thought`, `LoRA` ~ `Low-Rank Adaptation`: the short form's capitals (or all its letters) are the long form's initials. */
export function isAcronymOf(short: string, long: string): boolean {
  if (/\s/.test(short) || !/\s|-|\//.test(long)) return false;
  const initials = long
    .split(/[\s/-]+/)
    .filter((word) => word !== '')
    .map((word) => (word[0] as string).toLowerCase())
    .join('');
  const letters = short.replace(/[^A-Za-z]/g, '');
  const capitals = short.replace(/[^A-Z]/g, '');
  return initials.length >= 2 && (letters.toLowerCase() === initials || capitals.toLowerCase() === initials);
}

function isGlossOf(head: Head, segment: Segment): boolean {
  if (head.isChinese !== segment.isChinese) return true;
  if (head.isChinese) return false;
  return isAcronymOf(head.text, segment.text) || isAcronymOf(segment.text, head.text);
}

/** Glosses of one text: the head and every bracket part that glosses it. */
function glossesIn(text: string, chineseNames: string[]): string[][] {
  const found: string[][] = [];
  for (const match of text.matchAll(BRACKETED)) {
    const inside = match[1] as string;
    if (/https?:|www\./.test(inside) || CITATION.test(inside)) continue;
    const head = headBefore(text.slice(0, match.index), inside, chineseNames);
    if (head === undefined) continue;
    const glosses = segmentsOf(inside).filter((segment) => isGlossOf(head, segment));
    if (glosses.length > 0) found.push([head.text, ...glosses.map((segment) => segment.text)]);
  }
  return found;
}

function textsOf(entry: Entry): string[] {
  return entry.posts.flatMap((post) => [post.text, post.quote?.text ?? '', ...post.notes.map((note) => note.text)]);
}

/**
 * Glosses the digest writes, merged by folded key (`（AI）` in three entries is one gloss with
 * three entry ids). Forms that fold to the same key keep their first spelling.
 */
export function mineGlosses(entries: Entry[], hints: MiningHints = {}): MinedGloss[] {
  const chineseNames = [...new Set(hints.chineseNames ?? [])].filter((name) => HAN.test(name)).sort((a, b) => b.length - a.length);
  const byKey = new Map<string, { forms: string[]; entryIds: Set<number> }>();
  for (const entry of entries) {
    for (const text of textsOf(entry)) {
      for (const forms of glossesIn(text, chineseNames)) {
        const keyed = new Map<string, string>();
        for (const form of forms) {
          const key = aliasKeyOf(form).text;
          if (key !== '' && !keyed.has(key)) keyed.set(key, form);
        }
        if (keyed.size < 2) continue;
        // `AGI（人工通用智能）` and `人工通用智能（AGI）` are one gloss.
        const groupKey = [...keyed.keys()].sort().join('\u0000');
        const group = byKey.get(groupKey) ?? { forms: [...keyed.values()], entryIds: new Set<number>() };
        group.entryIds.add(entry.id);
        byKey.set(groupKey, group);
      }
    }
  }
  return [...byKey.values()].map((group) => ({ forms: group.forms, entryIds: [...group.entryIds].sort((a, b) => a - b) }));
}
