import { describe, expect, it } from 'vitest';
import {
  hasNoteWords,
  isByHandles,
  isNoteMatch,
  noteExcerpt,
  parseNoteQuery,
  prepareNotes,
  splitPage,
  type NoteQuery,
} from '../../lib/search/note-search';
import { makeEntry } from '../support/entries';

const noteOf = (text: string) => {
  const note = prepareNotes([{ entryId: 1, text }]).get(1);
  if (note === undefined) throw new Error('blank note');
  return note;
};

const marked = (value: { text: string; highlights: [number, number][] }) => value.highlights.map(([s, e]) => value.text.slice(s, e));

describe('parseNoteQuery', () => {
  it.each<[string, NoteQuery]>([
    ['', { words: [], handles: [] }],
    ['長文本', { words: ['长文本'], handles: [] }],
    ['ＧＰＴ－４o  Agent', { words: ['gpt-4o', 'agent'], handles: [] }],
    ['@dotey 提示词', { words: ['提示词'], handles: ['dotey'] }],
    ['@dotey', { words: [], handles: ['dotey'] }],
    ['@ 提示词', { words: ['提示词'], handles: [] }],
    // One Latin letter or digit would match nearly every note; a lone CJK character is a word.
    ['a 3 好', { words: ['好'], handles: [] }],
    // Punctuation alone: the index lists the timeline for it, so notes must not add to it.
    ['， ... ！', { words: [], handles: [] }],
    ['agent Agent AGENT', { words: ['agent'], handles: [] }],
  ])('%j', (query, expected) => {
    expect(parseNoteQuery(query)).toEqual(expected);
  });

  it('has words only when there is something to look for in a note', () => {
    expect(hasNoteWords(parseNoteQuery('@dotey'))).toBe(false);
    expect(hasNoteWords(parseNoteQuery('复读'))).toBe(true);
  });
});

describe('isNoteMatch', () => {
  it.each<[string, string, boolean]>([
    ['値得再讀：長文本的評測', '长文本', true],
    ['值得再读：长文本的评测', '長文本 评测', true],
    ['值得再读：长文本的评测', '长文本 视频', false],
    ['Try the ComfyUI workflow', 'comfyui WORKFLOW', true],
    ['Try the ComfyUI workflow', 'comfy', true],
    ['ＧＰＴ－４o is fast', 'gpt-4o', true],
  ])('%j for %j: %s', (note, query, expected) => {
    expect(isNoteMatch(noteOf(note), parseNoteQuery(query))).toBe(expected);
  });

  it('leaves out blank notes', () => {
    expect(
      prepareNotes([
        { entryId: 1, text: '  \n ' },
        { entryId: 2, text: 'x' },
      ]).size,
    ).toBe(1);
  });
});

describe('isByHandles', () => {
  const entry = makeEntry(7, 'text', { handle: 'op7418' });
  it.each<[string[], boolean]>([
    [[], true],
    [['op7418'], true],
    [['op74'], true],
    [['dotey'], false],
  ])('%j: %s', (handles, expected) => {
    expect(isByHandles(entry, handles)).toBe(expected);
  });
});

describe('noteExcerpt', () => {
  it('highlights the query in the note as written (traditional note, simplified query)', () => {
    const excerpt = noteExcerpt(noteOf('這篇講長文本，值得再讀'), parseNoteQuery('长文本 再读').words);
    expect(marked(excerpt)).toEqual(['長文本', '再讀']);
    expect(excerpt.isCutStart).toBe(false);
  });

  it('starts a long note near its match, and at its beginning without words', () => {
    const note = noteOf(`${'前'.repeat(300)}关键词${'后'.repeat(300)}`);
    const found = noteExcerpt(note, ['关键词']);
    expect(marked(found)).toEqual(['关键词']);
    expect(found).toMatchObject({ isCutStart: true, isCutEnd: true });
    const start = noteExcerpt(note);
    expect(start.text.startsWith('前')).toBe(true);
    expect(start).toMatchObject({ isCutStart: false, isCutEnd: true, highlights: [] });
    expect(start.text.length).toBeLessThanOrEqual(120);
  });

  it('puts a note of several lines on one line, offsets kept', () => {
    const excerpt = noteExcerpt(noteOf('第一行\n第二行 agent'), ['agent']);
    expect(excerpt.text).toBe('第一行 第二行 agent');
    expect(marked(excerpt)).toEqual(['agent']);
  });
});

describe('splitPage: note matches first, then the index', () => {
  it.each<[offset: number, limit: number, notes: number, expected: ReturnType<typeof splitPage>]>([
    [0, 10, 0, { notes: [0, 0], index: { offset: 0, limit: 10 }, isIndexShown: true }],
    [0, 10, 3, { notes: [0, 3], index: { offset: 0, limit: 7 }, isIndexShown: true }],
    [0, 3, 3, { notes: [0, 3], index: { offset: 0, limit: 1 }, isIndexShown: false }],
    [0, 2, 3, { notes: [0, 2], index: { offset: 0, limit: 1 }, isIndexShown: false }],
    [2, 2, 3, { notes: [2, 3], index: { offset: 0, limit: 1 }, isIndexShown: true }],
    [3, 2, 3, { notes: [3, 3], index: { offset: 0, limit: 2 }, isIndexShown: true }],
    [10, 5, 3, { notes: [3, 3], index: { offset: 7, limit: 5 }, isIndexShown: true }],
  ])('offset %d, limit %d, %d note matches', (offset, limit, notes, expected) => {
    expect(splitPage(offset, limit, notes)).toEqual(expected);
  });

  it('walks one list: every page of note matches and index rows, in order, each once', () => {
    const notes = ['n0', 'n1', 'n2', 'n3', 'n4'];
    const index = Array.from({ length: 23 }, (_, i) => `i${i}`);
    const whole = [...notes, ...index];
    for (const limit of [1, 2, 3, 4, 5, 7, 100]) {
      const walked: string[] = [];
      for (let offset = 0; offset < whole.length; offset += limit) {
        const page = splitPage(offset, limit, notes.length);
        walked.push(...notes.slice(...page.notes));
        if (page.isIndexShown) walked.push(...index.slice(page.index.offset, page.index.offset + page.index.limit));
      }
      expect(walked, `limit ${limit}`).toEqual(whole);
    }
  });
});
