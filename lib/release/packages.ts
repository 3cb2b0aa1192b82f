// What `npm run package` writes: the three archives' names and what goes into the AMO sources
// archive. Build time only: wxt.config.ts passes this to WXT's zip, and the package checks read
// the names from here. Never imported by the extension.

/** WXT fills in the project name, the manifest's version (package.json's) and the browser. */
const ARTIFACT_TEMPLATE = '{{name}}-{{version}}-{{browser}}.zip';
const SOURCES_TEMPLATE = '{{name}}-{{version}}-sources.zip';

/**
 * What a reviewer needs to rebuild the Firefox zip with `npm ci && npm run package`, and nothing else.
 * An allowlist, so a stray file in the checkout (test-results/, a scratch note) never ships.
 * Left out: test/ and the vitest configs (tests, not build inputs; the package scripts that need
 * them are not the build), docs/ (screenshots and store texts, ~1 MB, not read by the build).
 */
export const SOURCES_INCLUDE = [
  'package.json',
  'package-lock.json',
  '.nvmrc',
  'tsconfig.json',
  'wxt.config.ts',
  'eslint.config.js',
  '.prettierrc.json',
  '.prettierignore',
  'README.md',
  'CHANGELOG.md',
  'entrypoints/**',
  'lib/**',
  'seeds/**',
  'public/**',
];

/** WXT's `zip` options (templates, the sources allowlist); its zip writer is already deterministic. */
export const PACKAGE_ZIP_OPTIONS = {
  artifactTemplate: ARTIFACT_TEMPLATE,
  sourcesTemplate: SOURCES_TEMPLATE,
  includeSources: SOURCES_INCLUDE,
};

export type PackageNames = { chrome: string; firefox: string; sources: string };

/** The file names `npm run package` gives the three archives in `.output/`. */
export function packageFileNames(name: string, version: string): PackageNames {
  const fill = (template: string, browser: string) =>
    template.replaceAll('{{name}}', name).replaceAll('{{version}}', version).replaceAll('{{browser}}', browser);
  return {
    chrome: fill(ARTIFACT_TEMPLATE, 'chrome'),
    firefox: fill(ARTIFACT_TEMPLATE, 'firefox'),
    sources: fill(SOURCES_TEMPLATE, 'firefox'),
  };
}
