import { Parser, type Node } from 'commonmark';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignEntryUids } from '../../lib/corpus/entry-identity';
import type { Entry } from '../../lib/corpus/types';
import { createTranslator, EN, ZH_CN } from '../../lib/i18n/messages';
import { entryTitle } from '../../lib/search/search-doc';
import { escapeMarkdownLine, exportFileName, exportJson, exportMarkdown, planImport } from '../../lib/sync/export-file';
import { MAX_AHEAD_MS } from '../../lib/sync/hlc';
import { SyncFileChecksumError, SyncFileFormatError } from '../../lib/sync/sync-file';
import { emptySyncState, type SyncState } from '../../lib/sync/sync-state';
import { makeEntry } from '../support/entries';
import { propertyRuns } from '../support/property-runs';
import { realCorpus } from '../support/seed';
import { deepFreeze, DEVICES, NOW, stampAt, stateOf } from '../support/sync-states';

const [A, B] = DEVICES;
const en = createTranslator(EN);
const zh = createTranslator(ZH_CN);
const NBSP = '\u00a0';

function entryAt(index: number): Entry {
  const entry = realCorpus.entries[index];
  if (entry === undefined) throw new Error(`the real digest has no entry at ${index}`);
  return entry;
}

const noted = entryAt(10);
const onlyNoted = entryAt(20);
const unsaved = entryAt(30);
const edited = entryAt(40);
/** Entry 41 as it read before a typo fix: another uid, same author and day, nearly the same text. */
const [beforeFix] = assignEntryUids([
  { ...edited, posts: edited.posts.map((post, i) => (i === 0 ? { ...post, text: post.text.replace('翻译', '翻釋') } : post)) },
]);
const removed = makeEntry(900, '一条后来被删掉的条目 [link](javascript:alert(1))', { handle: 'dotey', author: '宝玉', date: '2024-02-28' });

const HOSTILE_NOTE = [
  '# not a heading',
  '<script>alert(1)</script>',
  '    four spaces are no code block',
  '[click](javascript:alert(1)) and ![img](x.png)',
  '1. not a list',
  '- nor this',
  '`code` and **bold** and _em_ and ~~gone~~ | a | b |',
  '',
  'Second paragraph &amp; &#35; \\ end',
].join('\n');

function userState(): SyncState {
  const state = stateOf({
    saved: {
      [noted.uid]: [true, stampAt(Date.UTC(2024, 2, 20, 9), 0, A)],
      [unsaved.uid]: [false, stampAt(Date.UTC(2024, 2, 21), 0, B)],
      [beforeFix?.uid ?? '']: [true, stampAt(Date.UTC(2024, 2, 16), 0, A)],
      [removed.uid]: [true, stampAt(Date.UTC(2024, 2, 1), 0, B)],
      'unknown-entry-5': [true, stampAt(Date.UTC(2024, 1, 1), 0, A)],
    },
    notes: {
      [noted.uid]: [HOSTILE_NOTE, stampAt(Date.UTC(2024, 2, 22, 23, 30), 0, B)],
      [onlyNoted.uid]: ['只有笔记，没有收藏。', stampAt(Date.UTC(2024, 2, 23), 0, A)],
      [unsaved.uid]: ['', stampAt(Date.UTC(2024, 2, 21), 0, B)],
      [edited.uid]: ['note on the fixed text', stampAt(Date.UTC(2024, 2, 17), 0, A)],
    },
  });
  for (const entry of [noted, onlyNoted, unsaved, edited, removed, beforeFix]) {
    if (entry !== undefined) state.anchors[entry.uid] = { entry, anchoredAt: stampAt(Date.UTC(2024, 2, 15), 0, A) };
  }
  state.anchors['unknown-entry-5'] = {
    entry: { uid: 'unknown-entry-5', id: 5, date: '', posts: [], urls: [] },
    anchoredAt: stampAt(Date.UTC(2024, 1, 1)),
  };
  return deepFreeze(state);
}

const markdown = exportMarkdown({ state: userState(), entries: realCorpus.entries, t: en, now: Date.UTC(2024, 3, 1) });
const lines = markdown.split('\n');

/** The text a CommonMark reader shows, and every kind of node it made. */
function render(text: string): { text: string; nodeTypes: Set<string> } {
  const walker = new Parser().parse(text).walker();
  const nodeTypes = new Set<string>();
  const parts: string[] = [];
  let previousParagraph: Node | null = null;
  for (let event = walker.next(); event !== null; event = walker.next()) {
    const { node } = event;
    if (!event.entering) continue;
    nodeTypes.add(node.type);
    if (node.type === 'paragraph') {
      if (previousParagraph !== null) parts.push('\n\n');
      previousParagraph = node;
    }
    if (node.type === 'text') parts.push(node.literal ?? '');
    if (node.type === 'softbreak' || node.type === 'linebreak') parts.push('\n');
  }
  return { text: parts.join(''), nodeTypes };
}

describe('Markdown export', () => {
  it('lists saved and noted entries, newest first, then those no longer in the digest', () => {
    const headings = lines.filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '# Sidenote: saved entries and notes',
      '## In the digest',
      `### ${edited.date} · Entry #${edited.id} · 宝玉 @dotey`,
      `### ${onlyNoted.date} · Entry #${onlyNoted.id} · 歸藏 @op7418`,
      `### ${noted.date} · Entry #${noted.id} · 歸藏 @op7418`,
      '## No longer in the digest',
      '### Formerly #900 · 2024-02-28 · 宝玉 @dotey',
      '### Formerly #5 · —',
    ]);
    expect(markdown).toContain('Saved entries: 4 · Notes: 3 · Exported on 2024-04-01');
    expect(markdown).not.toContain(`#${unsaved.id} `);
  });

  it('gives each entry its title line, save date, note and links', () => {
    const section = markdown.slice(markdown.indexOf(`Entry #${noted.id}`), markdown.indexOf('## No longer'));
    expect(section).toContain(escapeMarkdownLine(entryTitle(noted)));
    expect(section).toContain('- Saved on 2024-03-20');
    expect(section).toContain('- Note of 2024-03-22:');
    expect(section).toContain('Links:\n\n- <https://res-adapter.github.io>');
  });

  it('follows an edited entry: the save under its old uid and the note under the new one show together', () => {
    const section = markdown.slice(markdown.indexOf(`Entry #${edited.id}`), markdown.indexOf(`Entry #${onlyNoted.id}`));
    expect(section).toContain('- Saved on 2024-03-16');
    expect(section).toContain('> note on the fixed text');
    for (const url of edited.urls) expect(section).toContain(`- <${url}>`);
  });

  it('keeps the note as text: escaped, so it renders as written', () => {
    const quote = lines.filter((line) => line.startsWith('>'));
    expect(quote).toEqual([
      '> note on the fixed text',
      '> 只有笔记，没有收藏。',
      '> \\# not a heading',
      '> \\<script\\>alert(1)\\</script\\>',
      '> &nbsp;&nbsp;&nbsp;&nbsp;four spaces are no code block',
      '> \\[click\\](javascript:alert(1)) and !\\[img\\](x.png)',
      '> 1\\. not a list',
      '> \\- nor this',
      '> \\`code\\` and \\*\\*bold\\*\\* and \\_em\\_ and \\~\\~gone\\~\\~ \\| a \\| b \\|',
      '>',
      '> Second paragraph \\&amp; \\&#35; \\\\ end',
    ]);
    const rendered = render(quote.slice(2).join('\n'));
    expect(rendered.text).toBe(HOSTILE_NOTE.replace('    four', `${NBSP.repeat(4)}four`));
    expect([...rendered.nodeTypes].sort()).toEqual(['block_quote', 'document', 'paragraph', 'softbreak', 'text']);
  });

  it('renders as nothing but headings, paragraphs, lists, quotes and links to http(s)', () => {
    const types = new Set<string>();
    const hrefs: string[] = [];
    const walker = new Parser().parse(markdown).walker();
    for (let event = walker.next(); event !== null; event = walker.next()) {
      types.add(event.node.type);
      if (event.node.type === 'link' && event.entering) hrefs.push(event.node.destination ?? '');
    }
    expect([...types].sort()).toEqual(['block_quote', 'document', 'heading', 'item', 'link', 'list', 'paragraph', 'softbreak', 'text']);
    expect(hrefs.every((href) => /^https?:\/\//.test(href))).toBe(true);
    expect(markdown).not.toMatch(/(?<!\\)<script/);
  });

  it('writes its headings in Chinese, and dates with the function given', () => {
    const text = exportMarkdown({
      state: userState(),
      entries: realCorpus.entries,
      t: zh,
      now: Date.UTC(2024, 3, 1),
      formatDate: (ms) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10),
    });
    expect(text.startsWith('# Sidenote：收藏与笔记\n\n收藏：4 · 笔记：3 · 导出于 2024-04-01\n\n## 摘要中的条目\n')).toBe(true);
    expect(text).toContain(`### ${noted.date} · 第 ${noted.id} 条 · `);
    expect(text).toContain('## 已不在摘要中');
    // 23:30 UTC on 22 March is 23 March in Beijing.
    expect(text).toContain('- 2024-03-23 的笔记：');
    expect(text).toContain('链接：\n\n- <https://res-adapter.github.io>');
  });

  it.each([
    [en, 'Entry #2-07'],
    [zh, '第 2-07 条'],
  ])('labels an entry of a later volume by volume and heading number (%#)', (t, label) => {
    const later = makeEntry(1007, '第二卷的第七条', { handle: 'dotey', author: '宝玉', date: '2024-04-02' });
    const state = stateOf({ saved: { [later.uid]: [true, stampAt(Date.UTC(2024, 3, 3), 0, A)] } });
    const text = exportMarkdown({ state, entries: [...realCorpus.entries, later], t, now: Date.UTC(2024, 3, 4) });
    expect(text).toContain(`### 2024-04-02 · ${label} · 宝玉 @dotey`);
  });

  it('says so when there is nothing to export', () => {
    expect(exportMarkdown({ state: emptySyncState(), entries: realCorpus.entries, t: en, now: NOW })).toBe(
      '# Sidenote: saved entries and notes\n\nSaved entries: 0 · Notes: 0 · Exported on 2024-03-10\n',
    );
  });
});

describe('escapeMarkdownLine', () => {
  it.each([
    ['plain text and Chinese stay as they are', 'ComfyUI 长文本 能力', 'ComfyUI 长文本 能力'],
    ['a heading', '## title', '\\## title'],
    ['a list item', '- item', '\\- item'],
    ['an ordered item', '12) item', '12\\) item'],
    ['a quote', '> quoted', '\\> quoted'],
    ['raw HTML', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['a link', '[a](http://x)', '\\[a\\](http://x)'],
    ['code', '`x`', '\\`x\\`'],
    ['an entity', 'a &lt; b & c', 'a \\&lt; b & c'],
    ['a backslash', 'C:\\path', 'C:\\\\path'],
    ['indentation', '  two', '&nbsp;&nbsp;two'],
    ['a tab', '\tx', '&nbsp;&nbsp;&nbsp;&nbsp;x'],
    ['trailing blanks', 'x  \t', 'x'],
    ['only blanks', ' \t ', ''],
    ['a hash inside a line', 'issue #8', 'issue #8'],
  ])('%s', (_label, line, escaped) => {
    expect(escapeMarkdownLine(line)).toBe(escaped);
  });

  const TOKENS = [
    ...'\\`*_[]()<>~|&#+-=.!:"\'{}$^',
    '**',
    '__',
    '~~',
    '```',
    '&amp;',
    '&#35;',
    '&copy;',
    '1.',
    '2)',
    ' ',
    '    ',
    '\t',
    'a',
    '长文本',
    'https://x.com/a_b*c',
    '<https://x.com>',
    'www.x.com',
    '<b>',
    '<!--',
    '---',
    '===',
    '***',
  ];
  /** What a reader should see: the line, its leading blanks as no-break spaces, trailing blanks dropped (Markdown drops them). */
  const shown = (line: string) => {
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    return lead.replace(/\t/g, NBSP.repeat(4)).replace(/ /g, NBSP) + line.slice(lead.length).replace(/[ \t]+$/, '');
  };
  const lineArb = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 12 }).map((tokens) => tokens.join(''));

  it('renders in CommonMark as exactly the text, one line or several in a quote, with no markup', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (textLines, isQuoted) => {
        fc.pre(textLines.every((line) => line.trim() !== ''));
        const source = textLines.map((line) => (isQuoted ? `> ${escapeMarkdownLine(line)}` : escapeMarkdownLine(line))).join('\n');
        const { text, nodeTypes } = render(source);
        expect(text).toBe(textLines.map(shown).join('\n'));
        for (const type of nodeTypes) expect(['document', 'paragraph', 'block_quote', 'text', 'softbreak', 'linebreak']).toContain(type);
      }),
      propertyRuns(2000),
    );
  });
});

describe('JSON export and import', () => {
  const device = { id: A, name: 'Firefox on laptop' };
  const local = () => deepFreeze(stateOf({ saved: { u1: [true, stampAt(NOW - 100, 0, A)], u2: [true, stampAt(NOW - 100, 0, A)] } }));

  it('is lossless: the export imports into an empty device as exactly its state', async () => {
    const state = userState();
    const text = await exportJson({ device, writtenAt: stampAt(NOW, 0, A), state });
    expect(text).toContain('\n "format": "sidenote-sync"');
    const plan = await planImport(text, emptySyncState(), Date.UTC(2024, 3, 1));
    expect(plan.file.state).toEqual(state);
    expect(plan.changes).toEqual(state);
    expect(plan.needsConfirmation).toBe(false);
    expect(plan.refused).toEqual([]);
  });

  it('merges, never replaces: an older import changes nothing, a newer one only what it changed', async () => {
    const older = await exportJson({
      device: { id: B, name: 'old' },
      writtenAt: stampAt(NOW, 0, B),
      state: stateOf({ saved: { u1: [false, stampAt(NOW - 200, 0, B)] } }),
    });
    expect((await planImport(older, local(), NOW)).changes).toEqual(emptySyncState());
    const newer = await exportJson({
      device: { id: B, name: 'new' },
      writtenAt: stampAt(NOW, 0, B),
      state: stateOf({ saved: { u1: [false, stampAt(NOW - 1, 0, B)] } }),
    });
    const plan = await planImport(newer, local(), NOW);
    expect(plan.changes).toEqual(stateOf({ saved: { u1: [false, stampAt(NOW - 1, 0, B)] } }));
    expect(plan.diff.unsaved).toEqual(['u1']);
  });

  it('lists what it refused and asks before a mass unsave', async () => {
    const many = stateOf({});
    const tombstones = stateOf({});
    for (let i = 0; i < 10; i++) {
      many.saved[`s${i}`] = { isSaved: true, stamp: stampAt(NOW - 100, 0, A) };
      tombstones.saved[`s${i}`] = { isSaved: false, stamp: stampAt(NOW - 1, 0, B) };
    }
    tombstones.saved.future = { isSaved: true, stamp: stampAt(NOW + MAX_AHEAD_MS + 5, 0, B) };
    const plan = await planImport(
      await exportJson({ device: { id: B, name: 'b' }, writtenAt: stampAt(NOW, 0, B), state: tombstones }),
      deepFreeze(many),
      NOW,
    );
    expect(plan.needsConfirmation).toBe(true);
    expect(plan.refused).toEqual([{ kind: 'saved', key: 'future', stamp: stampAt(NOW + MAX_AHEAD_MS + 5, 0, B) }]);
  });

  it.each([
    ['a truncated file', (text: string) => text.slice(0, 200), SyncFileChecksumError],
    ['a Markdown export', () => markdown, SyncFileFormatError],
    ['an edited note without a new checksum', (text: string) => text.replace('"isSaved": true', '"isSaved": false'), SyncFileChecksumError],
  ])('refuses %s and changes nothing', async (_label, damage, errorClass) => {
    const text = await exportJson({ device, writtenAt: stampAt(NOW, 0, A), state: stateOf({ saved: { u3: [true, stampAt(NOW, 0, A)] } }) });
    const before = local();
    await expect(planImport(damage(text), before, NOW)).rejects.toBeInstanceOf(errorClass);
    expect(before).toEqual(local());
  });

  it('names files by day', () => {
    expect(exportFileName('md', NOW)).toBe('sidenote-2024-03-10.md');
    expect(exportFileName('json', NOW)).toBe('sidenote-2024-03-10.json');
  });
});
