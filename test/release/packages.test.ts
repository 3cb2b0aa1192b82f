// What the AMO sources archive must hold: everything the build reads, and (a build-time module) no
// part of the extension itself.
import { describe, expect, it } from 'vitest';
import { packageFileNames, SOURCES_INCLUDE } from '../../lib/release/packages';
import { reachableFrom } from '../support/import-graph';
import { filesUnder } from '../support/source-files';

function isInSources(path: string): boolean {
  return SOURCES_INCLUDE.some((pattern) => (pattern.endsWith('/**') ? path.startsWith(pattern.slice(0, -2)) : path === pattern));
}

const entrypoints = filesUnder('entrypoints', /\.(tsx?|html|css)$/);

describe('the sources archive', () => {
  it('holds every module the build imports (wxt.config.ts, the entrypoints and all they reach)', () => {
    const reached = [...reachableFrom(['wxt.config.ts', ...entrypoints.filter((path) => /\.tsx?$/.test(path))])];
    expect(reached.length).toBeGreaterThan(100);
    expect(reached.filter((path) => !isInSources(path))).toEqual([]);
  });

  it('holds what a reviewer needs to install and build, and no tests', () => {
    for (const path of [
      'package.json',
      'package-lock.json',
      '.nvmrc',
      'tsconfig.json',
      'README.md',
      'CHANGELOG.md',
      'seeds/glossary.tsv',
      'public/icon/128.png',
    ]) {
      expect(isInSources(path), path).toBe(true);
    }
    expect(isInSources('test/support/browsers.ts')).toBe(false);
    expect(isInSources('vitest.config.ts')).toBe(false);
  });
});

describe('lib/release', () => {
  it('is never part of the extension (build time only)', () => {
    const shipped = reachableFrom(entrypoints.filter((path) => /\.tsx?$/.test(path)));
    expect([...shipped].filter((path) => path.startsWith('lib/release/'))).toEqual([]);
  });

  it('names the archives after the project and its version', () => {
    expect(packageFileNames('sidenote', '0.1.0')).toEqual({
      chrome: 'sidenote-0.1.0-chrome.zip',
      firefox: 'sidenote-0.1.0-firefox.zip',
      sources: 'sidenote-0.1.0-sources.zip',
    });
  });
});
