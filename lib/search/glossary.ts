// Parses the curated bilingual glossary (`seeds/glossary.tsv`): one concept per line, its forms
// tab-separated after a kind. Pure: text in, concepts out; a malformed line throws
// GlossaryFormatError naming the file and line, so a bad edit fails the build, not a search.

import { aliasKeyOf } from './alias-key';

export const GLOSSARY_KINDS = ['term', 'name'] as const;
export type GlossaryKind = (typeof GLOSSARY_KINDS)[number];

export type GlossaryForm = {
  /** As written in the file, for display (`Jensen Huang`). */
  display: string;
  /** Folded unit-shaped key (`jensenhuang`). */
  text: string;
  /** Folded query units of the form (`['jensen', 'huang']`). */
  words: string[];
  /** Pinyin syllables written after a Chinese form (`歸藏{gui zang}`), where the library's reading is wrong. */
  reading?: string[];
};

export type GlossaryConcept = {
  kind: GlossaryKind;
  forms: GlossaryForm[];
  /** 1-based line in the file, for messages and tests. */
  line: number;
};

export class GlossaryFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'GlossaryFormatError';
  }
}

const READING = /^(.*?)\{([a-z ]+)\}$/;
const HAN = /\p{Script=Han}/u;

function isGlossaryKind(value: string): value is GlossaryKind {
  return (GLOSSARY_KINDS as readonly string[]).includes(value);
}

function parseForm(cell: string, fail: (reason: string) => never): GlossaryForm {
  const written = cell.trim();
  if (written === '') fail('empty form (two tabs in a row, or a trailing tab)');
  const withReading = READING.exec(written);
  const display = (withReading?.[1] ?? written).trim();
  const key = aliasKeyOf(display);
  if (key.text === '') fail(`form "${display}" has nothing searchable (it folds to no letters, digits or Chinese)`);
  if (withReading === null) {
    if (/[{}]/.test(written)) fail(`form "${written}": a reading is written "中文{pin yin}", lowercase syllables without tones`);
    return { display, text: key.text, words: key.words };
  }
  const syllables = (withReading[2] ?? '').trim().split(/\s+/);
  const hanCount = [...display].filter((char) => HAN.test(char)).length;
  if (hanCount === 0) fail(`form "${display}" has a reading but no Chinese characters`);
  if (syllables.length !== hanCount) {
    fail(`form "${display}" has ${hanCount} Chinese characters but its reading has ${syllables.length} syllables`);
  }
  return { display, text: key.text, words: key.words, reading: syllables };
}

/** Concepts of a glossary file. `#` starts a comment line; blank lines are skipped. */
export function parseGlossary(text: string, fileName: string): GlossaryConcept[] {
  const concepts: GlossaryConcept[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const fail = (reason: string): never => {
      throw new GlossaryFormatError(fileName, line, reason);
    };
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const [kind = '', ...cells] = raw.split('\t');
    if (!isGlossaryKind(kind)) {
      fail(`unknown kind "${kind}" (the first column is one of: ${GLOSSARY_KINDS.join(', ')}; columns are tab-separated)`);
      return;
    }
    const forms = cells.map((cell) => parseForm(cell, fail));
    if (forms.length < 2) fail(`a concept needs at least two forms, found ${forms.length}`);
    const seen = new Map<string, string>();
    for (const form of forms) {
      const earlier = seen.get(form.text);
      if (earlier !== undefined) fail(`forms "${earlier}" and "${form.display}" are the same once folded ("${form.text}")`);
      seen.set(form.text, form.display);
    }
    concepts.push({ kind, forms, line });
  });
  return concepts;
}
