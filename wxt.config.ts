import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { buildAssets, GLOSSARY_FILE } from './lib/assets/build-assets';
import type { ShippedAssets } from './lib/assets/shipped-assets';
import { annotateMatches, shippedFiles } from './lib/assets/shipped-files';
import { MANIFEST_COMMANDS } from './lib/annotate/card-command';
import { manifestMessage } from './lib/i18n/messages';
import { htmlSinkGuard } from './lib/release/html-sinks';
import { PACKAGE_ZIP_OPTIONS } from './lib/release/packages';

/** Another seeds folder builds another digest (the render benchmark builds worst-case entries). */
const SEEDS_DIR = process.env.SIDENOTE_SEEDS_DIR ?? 'seeds';

/**
 * Parses seeds/*.txt (and the glossary beside them) once per build; a malformed seed throws CorpusFormatError (file:line) and fails the build.
 * Files are read as bytes: the lib decodes them strictly (`utf8` here would turn bad bytes into U+FFFD).
 */
let builtAssets: ShippedAssets | undefined;
function shippedAssets(): ShippedAssets {
  const glossaryPath = join(SEEDS_DIR, GLOSSARY_FILE);
  builtAssets ??= buildAssets(
    readdirSync(SEEDS_DIR)
      .filter((name) => name.endsWith('.txt'))
      .map((name) => ({ name: join(SEEDS_DIR, name), bytes: readFileSync(join(SEEDS_DIR, name)) })),
    existsSync(glossaryPath) ? { name: glossaryPath, bytes: readFileSync(glossaryPath) } : undefined,
  );
  return builtAssets;
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    // htmlSinkGuard: no HTML written anywhere in the output, Preact's unused innerHTML branch included.
    plugins: [preact(), htmlSinkGuard()],
    resolve: {
      // FlexSearch's default bundle carries a worker that uses import.meta; the compact build has none.
      alias: { flexsearch: resolve('node_modules/flexsearch/dist/flexsearch.compact.module.min.js') },
    },
  }),
  manifest: ({ browser }) => ({
    name: manifestMessage('extensionName'),
    description: manifestMessage('extensionDescription'),
    default_locale: 'en',
    // contextMenus: the toolbar button's "Open reader" item. storage: storage.session keeps which
    // entries each tab's card shows, so the background can refuse anything else from that page.
    // alarms: periodic sync. scripting (MV3): the card's UI is injected into a page only when it
    // matches (Firefox's MV2 build uses tabs.executeScript, which needs no permission of its own).
    // The WebDAV server's origin is asked for when the user connects (optional host permissions),
    // never at install.
    permissions: ['contextMenus', 'storage', 'alarms', ...(browser === 'firefox' ? [] : ['scripting'])],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    commands: MANIFEST_COMMANDS,
    ...(browser === 'firefox'
      ? {
          // WXT 0.21 drops optional_host_permissions from the MV2 manifest: MV2 lists origins here.
          optional_permissions: ['https://*/*', 'http://*/*'],
          browser_specific_settings: {
            gecko: {
              id: 'sidenote@sidenote.invalid',
              // The first Firefox that reads data_collection_permissions (which AMO requires).
              strict_min_version: '140.0',
              // Sidenote collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
            // Not tested on Android; if AMO offers it there, 142 is the first that reads that key.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  // `npm run package`: archive names and the AMO sources allowlist (lib/release/packages.ts).
  zip: PACKAGE_ZIP_OPTIONS,
  hooks: {
    'build:before': () => {
      // A rebuild (dev mode) must see edited seeds.
      builtAssets = undefined;
    },
    'build:manifestGenerated': (_wxt, manifest) => {
      // Host access to the hosts the corpus cites, and no others: it lets the background read the
      // URL of a tab on those hosts (tabs.onUpdated) and run the card's script there on a match.
      // No content script is declared: nothing of Sidenote runs in a page it does not discuss.
      // MV2 lists origins in permissions.
      const matches = annotateMatches(shippedAssets());
      if (manifest.manifest_version === 3) manifest.host_permissions = matches;
      else manifest.permissions = [...(manifest.permissions ?? []), ...matches];
    },
    'build:publicAssets': (_wxt, files) => {
      files.push(...shippedFiles(shippedAssets()).map(({ path, contents }) => ({ relativeDest: path, contents })));
    },
  },
});
