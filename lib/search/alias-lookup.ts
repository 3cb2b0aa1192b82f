// The shipped alias table and its query-time lookup: which other words mean what a query unit
// means (`zuckerberg` → 扎克伯格, 小扎). Runs in the background worker: it must not import the
// mining or pinyin-pro (alias-table.ts builds the table at build time). Pure.

import { aliasKeyOf } from './alias-key';

export const ALIAS_SOURCES = ['digest', 'glossary', 'pinyin', 'pinyin-initials'] as const;
/** Where an alias came from: mined from the digest's glosses, the curated glossary, or pinyin. */
export type AliasSource = (typeof ALIAS_SOURCES)[number];
export const ALIAS_TABLE_VERSION = 1;

export type Alias = {
  /** Folded, unit-shaped: a Latin word without joiners or spaces (`jensenhuang`), or a CJK run. */
  text: string;
  /** As written, for "Zuckerberg ↔ 扎克伯格". */
  display: string;
  source: AliasSource;
  /** Folded words when the alias is several query units (`['jensen', 'huang']`): match them as a phrase. */
  words?: string[];
};

/** One form of a group: as written, and an index into ALIAS_SOURCES. Keys are derived on load. */
export type AliasTableForm = [display: string, source: number];

export type AliasTableGroup = { kind: 'term' | 'name'; forms: AliasTableForm[] };

/** JSON-serializable; one group per concept, each form written once. */
export type AliasTable = { version: typeof ALIAS_TABLE_VERSION; groups: AliasTableGroup[] };

export type PhraseAliases = { start: number; end: number; aliases: Alias[] };

export type AliasLookup = {
  /** Other forms of what the folded unit means; never the unit itself, no duplicates. */
  aliasesOf(foldedUnit: string): Alias[];
  /** Runs of two or more units that together are a key: `['jensen', 'huang']` → 黄仁勋. */
  aliasesOfPhrase(foldedWords: string[]): PhraseAliases[];
};

export class AliasTableFormatError extends Error {
  constructor(reason: string) {
    super(`alias table: ${reason}`);
    this.name = 'AliasTableFormatError';
  }
}

/** Longest run of query units tried as one key (`reinforcement learning from human feedback`). */
const MAX_PHRASE_UNITS = 6;

/**
 * Pinyin is a key, never an alternative: the digest is not written in pinyin, so matching
 * `huangrenxun` for 黄仁勋 would only cost time.
 */
function isLookupOnly(source: AliasSource): boolean {
  return source === 'pinyin' || source === 'pinyin-initials';
}

const NO_ALIASES: Alias[] = [];

/** Builds the index once (per worker wake); each lookup is then a Map read. */
export function createAliasLookup(table: AliasTable): AliasLookup {
  const groups = table.groups.map((group) =>
    group.forms.map(([display, sourceIndex]): Alias => {
      const key = aliasKeyOf(display);
      const source = ALIAS_SOURCES[sourceIndex] ?? 'glossary';
      return key.words.length > 1 ? { text: key.text, display, source, words: key.words } : { text: key.text, display, source };
    }),
  );
  const groupsOfKey = new Map<string, number[]>();
  groups.forEach((forms, groupId) => {
    for (const form of forms) {
      const ids = groupsOfKey.get(form.text) ?? [];
      if (!ids.includes(groupId)) ids.push(groupId);
      groupsOfKey.set(form.text, ids);
    }
  });
  const memo = new Map<string, Alias[]>();

  const aliasesOf = (foldedUnit: string): Alias[] => {
    const cached = memo.get(foldedUnit);
    if (cached !== undefined) return cached;
    const ids = groupsOfKey.get(foldedUnit);
    if (ids === undefined) return NO_ALIASES;
    const seen = new Set([foldedUnit]);
    const out: Alias[] = [];
    for (const id of ids) {
      const forms = groups[id] ?? [];
      // Reached through pinyin: every alternative carries that source, so the ranker can weigh
      // a guess from `by` less than a name the glossary wrote.
      const keySource = forms.find((form) => form.text === foldedUnit && isLookupOnly(form.source))?.source;
      const isTyped = forms.some((form) => form.text === foldedUnit && !isLookupOnly(form.source));
      for (const form of forms) {
        if (isLookupOnly(form.source) || seen.has(form.text)) continue;
        seen.add(form.text);
        out.push(keySource !== undefined && !isTyped ? { ...form, source: keySource } : form);
      }
    }
    memo.set(foldedUnit, out);
    return out;
  };

  const aliasesOfPhrase = (foldedWords: string[]): PhraseAliases[] => {
    const found: PhraseAliases[] = [];
    for (let start = 0; start < foldedWords.length - 1;) {
      let matched = 0;
      for (let end = Math.min(foldedWords.length, start + MAX_PHRASE_UNITS); end >= start + 2; end--) {
        const aliases = aliasesOf(foldedWords.slice(start, end).join(''));
        if (aliases.length === 0) continue;
        found.push({ start, end, aliases });
        matched = end - start;
        break;
      }
      start += matched > 0 ? matched : 1;
    }
    return found;
  };

  return { aliasesOf, aliasesOfPhrase };
}

const lookups = new WeakMap<AliasTable, AliasLookup>();

function lookupFor(table: AliasTable): AliasLookup {
  let lookup = lookups.get(table);
  if (lookup === undefined) {
    lookup = createAliasLookup(table);
    lookups.set(table, lookup);
  }
  return lookup;
}

/** Aliases of one folded query unit; the table's index is built on first use and kept. */
export function aliasesOf(table: AliasTable, foldedUnit: string): Alias[] {
  return lookupFor(table).aliasesOf(foldedUnit);
}

/** Multi-unit keys inside a query's units, left to right, longest first. */
export function aliasesOfPhrase(table: AliasTable, foldedWords: string[]): PhraseAliases[] {
  return lookupFor(table).aliasesOfPhrase(foldedWords);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkForm(form: unknown, where: string): AliasTableForm {
  if (!Array.isArray(form) || form.length !== 2) throw new AliasTableFormatError(`${where} is not [display, source]`);
  const [display, source] = form as unknown[];
  if (typeof display !== 'string' || display === '') throw new AliasTableFormatError(`${where} has no display text`);
  if (typeof source !== 'number' || ALIAS_SOURCES[source] === undefined) {
    throw new AliasTableFormatError(`${where} has an unknown source ${JSON.stringify(source)}`);
  }
  return [display, source];
}

/** Checks a parsed `alias-table.json` (an asset could be stale or damaged) and indexes it. */
export function loadAliasTable(json: unknown): AliasLookup {
  if (!isRecord(json)) throw new AliasTableFormatError('not an object');
  if (json.version !== ALIAS_TABLE_VERSION) {
    throw new AliasTableFormatError(`version ${JSON.stringify(json.version)}, expected ${ALIAS_TABLE_VERSION}`);
  }
  if (!Array.isArray(json.groups)) throw new AliasTableFormatError('groups is not a list');
  const groups = json.groups.map((group: unknown, index): AliasTableGroup => {
    if (!isRecord(group) || (group.kind !== 'term' && group.kind !== 'name') || !Array.isArray(group.forms)) {
      throw new AliasTableFormatError(`group ${index} is not { kind: 'term' | 'name', forms: [...] }`);
    }
    return { kind: group.kind, forms: group.forms.map((form: unknown, f) => checkForm(form, `group ${index} form ${f}`)) };
  });
  return createAliasLookup({ version: ALIAS_TABLE_VERSION, groups });
}
