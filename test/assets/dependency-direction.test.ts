// lib/ layers: the corpus (parsing the digest) knows nothing of search or of what ships; the build
// step in lib/assets uses both; the background reads the assets without loading the build step.
import { describe, expect, it } from 'vitest';
import { importsOf, reachableFrom } from '../support/import-graph';
import { filesUnder } from '../support/source-files';

const corpusModules = filesUnder('lib/corpus', /\.tsx?$/);

/** Build-time code: the index build and the file list, alias mining, pinyin, the glossary, OpenCC's UI strings. */
const BUILD_STEP = [
  'lib/assets/build-assets.ts',
  'lib/assets/shipped-files.ts',
  'lib/search/alias-table.ts',
  'lib/search/alias-mining.ts',
  'lib/search/pinyin-aliases.ts',
  'lib/search/glossary.ts',
  'lib/i18n/build-locales.ts',
];

describe('dependency direction', () => {
  it('finds the imports it checks (the reader of imports works)', () => {
    expect(importsOf('lib/assets/build-assets.ts').map((found) => found.path)).toEqual(
      expect.arrayContaining(['lib/corpus/build-corpus.ts', 'lib/search/search-index.ts', 'lib/assets/shipped-assets.ts']),
    );
    expect(importsOf('lib/assets/shipped-assets.ts')).toContainEqual({ path: 'lib/search/search-index.ts', kind: 'type' });
    expect(corpusModules).toContain('lib/corpus/build-corpus.ts');
  });

  it('lib/corpus imports nothing from lib/search or lib/assets, not even a type, not even through another module', () => {
    const reached = [...reachableFrom(corpusModules)];
    expect(reached.filter((path) => /^lib\/(search|assets)\//.test(path))).toEqual([]);
  });

  it("the background's code never loads the build step", () => {
    const reached = reachableFrom(['entrypoints/background.ts'], ['runtime']);
    expect(reached).toContain('lib/assets/read-assets.ts');
    expect([...reached].filter((path) => BUILD_STEP.includes(path))).toEqual([]);
  });
});
