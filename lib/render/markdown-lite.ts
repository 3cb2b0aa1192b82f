// Turns post text (markdown remnants and all) into a small block/inline tree for display.
// Pure. It never produces HTML: every leaf is a string that the UI renders as a text node, and
// only http(s) URLs become links, so `<img onerror=…>` or `[x](javascript:…)` stay inert text.

import { findUrlsInText } from '../corpus/extract-urls';

export type Inline = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

export type Block =
  | { type: 'paragraph'; lines: Inline[][] }
  | { type: 'heading'; level: number; content: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'quote'; lines: Inline[][] }
  | { type: 'code'; text: string }
  | { type: 'rule' };

const ESCAPE = /\\([\\`*_{}[\]()#+\-.!<>|~$])/g;
const HEADING = /^(#{1,6})\s+(.*)$/;
const RULE = /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/;
const BULLET = /^\s*[-*+•]\s+(.*)$/;
/** `1. x`, `2) x`, `3、x`; not `3.5-turbo`. */
const NUMBERED = /^\s*\d{1,3}(?:[.)]\s+|、\s*)(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;
const FENCE = /^\s*```/;

/** Keeps only http(s) URLs; anything else (javascript:, data:) is not a link. */
export function isSafeHref(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    // Not a URL at all: not a link.
    return false;
  }
}

function pushText(out: Inline[], text: string): void {
  if (text === '') return;
  const last = out.at(-1);
  if (last?.type === 'text') last.text += text;
  else out.push({ type: 'text', text });
}

const unescapeMarkdown = (text: string) => text.replace(ESCAPE, '$1');

/**
 * One line of text → text and links (markdown links and bare URLs). `\#` escapes lose their
 * backslash in text and titles; a URL stays as written, since the corpus cites it that way.
 */
export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  // Where a URL ends is the corpus's rule, so a link goes exactly where the entry cites.
  for (const { url, index, end, title } of findUrlsInText(line)) {
    // Not http(s) after parsing: it stays in the text around it.
    if (!isSafeHref(url)) continue;
    pushText(out, unescapeMarkdown(line.slice(at, index)));
    out.push({ type: 'link', text: title === undefined ? url : unescapeMarkdown(title), href: url });
    at = end;
  }
  pushText(out, unescapeMarkdown(line.slice(at)));
  return out;
}

/** Splits post text into blocks: paragraphs, `#` headings (also `\#` at line start), lists, quotes, rules, code. */
export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let paragraph: Inline[][] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', lines: paragraph });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '') {
      flush();
      continue;
    }
    if (FENCE.test(raw)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i] as string); i++) code.push(lines[i] as string);
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    if (RULE.test(raw)) {
      flush();
      blocks.push({ type: 'rule' });
      continue;
    }
    // The digest escapes headings as `\## 标题`; both forms read as headings.
    const heading = HEADING.exec(raw.replace(/^\\(?=#)/, ''));
    if (heading) {
      flush();
      blocks.push({ type: 'heading', level: (heading[1] as string).length, content: parseInline(heading[2] as string) });
      continue;
    }
    const bullet = BULLET.exec(raw);
    const numbered = bullet ? null : NUMBERED.exec(raw);
    if (bullet || numbered) {
      flush();
      const ordered = numbered !== null;
      const item = parseInline(((bullet ?? numbered) as RegExpExecArray)[1] as string);
      const last = blocks.at(-1);
      if (last?.type === 'list' && last.ordered === ordered) last.items.push(item);
      else blocks.push({ type: 'list', ordered, items: [item] });
      continue;
    }
    const quote = QUOTE.exec(raw);
    if (quote) {
      flush();
      const last = blocks.at(-1);
      const line = parseInline(quote[1] as string);
      if (last?.type === 'quote') last.lines.push(line);
      else blocks.push({ type: 'quote', lines: [line] });
      continue;
    }
    paragraph.push(parseInline(raw));
  }
  flush();
  return blocks;
}
