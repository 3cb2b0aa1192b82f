// Builds the alias table shipped with the index: the curated glossary, the glosses the digest
// writes, and pinyin keys for Chinese names and terms. Build time only (imports pinyin-pro through
// pinyin-aliases.ts); the extension reads the table through alias-lookup.ts. Pure.

import type { Entry } from '../corpus/types';
import { aliasKeyOf } from './alias-key';
import { ALIAS_SOURCES, ALIAS_TABLE_VERSION, type AliasSource, type AliasTable, type AliasTableGroup } from './alias-lookup';
import { mineGlosses } from './alias-mining';
import type { GlossaryConcept } from './glossary';
import { pinyinAliasesOf, type PinyinSubject } from './pinyin-aliases';
import { searchDocOf } from './search-doc';
import { foldText } from './fold';
import { tokenize } from './tokenize';

export type { Alias, AliasLookup, AliasSource, AliasTable, PhraseAliases } from './alias-lookup';
export { aliasesOf, aliasesOfPhrase, createAliasLookup, loadAliasTable } from './alias-lookup';

export const ALIAS_TABLE_ASSET = 'alias-table.json';

const HAN_RUN = /\p{Script=Han}+/gu;

type GroupDraft = { kind: 'term' | 'name'; forms: { display: string; text: string; source: AliasSource }[] };

function sourceIndex(source: AliasSource): number {
  return ALIAS_SOURCES.indexOf(source);
}

/** Latin words the digest uses: a term's pinyin initials must not shadow one. */
function latinWordsOf(entries: Entry[]): Set<string> {
  const words = new Set<string>();
  for (const entry of entries) {
    const doc = searchDocOf(entry);
    for (const token of tokenize(foldText(`${doc.title}\n${doc.author}\n${doc.body}`), true)) words.add(token.term);
  }
  return words;
}

/** Chinese runs of every post's and quote's display name (`歸藏(guizang.ai)` → 归藏). */
function authorRunsOf(entries: Entry[]): string[] {
  const names = entries.flatMap((entry) => entry.posts.flatMap((post) => [post.author, post.quote?.author ?? '']));
  return [...new Set(names.flatMap((name) => foldText(name).match(HAN_RUN) ?? []))];
}

export function buildAliasTable(input: { entries: Entry[]; glossary: GlossaryConcept[] }): AliasTable {
  const drafts: GroupDraft[] = input.glossary.map((concept) => ({
    kind: concept.kind,
    forms: concept.forms.map((form) => ({ display: form.display, text: form.text, source: 'glossary' })),
  }));
  const glossaryKeys = new Set(drafts.flatMap((group) => group.forms.map((form) => form.text)));

  // The glossary decides any concept it knows: a mined gloss touching one of its forms is left
  // out (`人工智能（AI）` would undo a deliberate omission; `智能（AGI）` is a fragment).
  const chineseNames = input.glossary.filter((c) => c.kind === 'name').flatMap((c) => c.forms.map((form) => form.display));
  for (const gloss of mineGlosses(input.entries, { chineseNames })) {
    const forms = gloss.forms.map((display) => ({ display, text: aliasKeyOf(display).text, source: 'digest' as const }));
    if (forms.some((form) => glossaryKeys.has(form.text))) continue;
    drafts.push({ kind: 'term', forms });
  }

  // Pinyin for every one-run Chinese form, attached to its group; authors outside the glossary get a group of their own.
  const readings = new Map<string, string[]>();
  for (const concept of input.glossary) for (const form of concept.forms) if (form.reading) readings.set(form.text, form.reading);
  const groupOfChinese = new Map<string, number>();
  drafts.forEach((group, id) => {
    for (const form of group.forms) if (!groupOfChinese.has(form.text)) groupOfChinese.set(form.text, id);
  });
  for (const run of authorRunsOf(input.entries)) {
    if (groupOfChinese.has(run)) continue;
    groupOfChinese.set(run, drafts.length);
    drafts.push({ kind: 'name', forms: [{ display: run, text: run, source: 'digest' }] });
  }
  const subjects: PinyinSubject[] = [...groupOfChinese].map(([chinese, id]) => ({
    chinese,
    isName: drafts[id]?.kind === 'name',
    reading: readings.get(chinese),
  }));
  const ownKeys = new Set(drafts.flatMap((group) => group.forms.map((form) => form.text)));
  const reservedWords = new Set([...latinWordsOf(input.entries), ...ownKeys]);
  for (const alias of pinyinAliasesOf(subjects, { reservedWords })) {
    const group = drafts[groupOfChinese.get(alias.chinese) ?? -1];
    // Full pinyin that is already a form (阿里巴巴 → `alibaba`) adds nothing; one that is another
    // concept's form would join two concepts.
    if (group === undefined || ownKeys.has(alias.text)) continue;
    if (group.forms.some((form) => form.text === alias.text)) continue;
    group.forms.push({ display: alias.text, text: alias.text, source: alias.source });
  }

  const groups: AliasTableGroup[] = drafts
    .filter((group) => new Set(group.forms.map((form) => form.text)).size >= 2)
    .map((group) => ({ kind: group.kind, forms: group.forms.map((form) => [form.display, sourceIndex(form.source)]) }));
  return { version: ALIAS_TABLE_VERSION, groups };
}
