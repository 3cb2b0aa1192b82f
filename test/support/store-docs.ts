// Reads the store listing material in docs/store/ (listings, the permission table, the host table)
// and lays a manifest out the way docs/store/permissions.md states it, so the unit tests (manifest
// from wxt.config.ts) and the browser suite (the built manifest) compare the same things.
import type { Wxt, WxtHooks } from 'wxt';
import config from '../../wxt.config';
import { readRepoFile } from './source-files';

export const STORE_DIR = 'docs/store';

/** The listing languages, as the file names spell them, with the `_locales` folder each matches. */
export const LISTING_LOCALES = [
  { lang: 'en', locale: 'en' },
  { lang: 'zh-CN', locale: 'zh_CN' },
  { lang: 'zh-TW', locale: 'zh_TW' },
] as const;

export const readStoreDoc = (name: string): string => readRepoFile(`${STORE_DIR}/${name}`);

/** Each `## ` section of a listing and the text of its first ```text block (undefined if it has none). */
export function listingFields(markdown: string): Map<string, string | undefined> {
  const fields = new Map<string, string | undefined>();
  for (const section of markdown.split(/^## /m).slice(1)) {
    const heading = section.slice(0, section.indexOf('\n')).trim();
    fields.set(heading, /^```text\n([\s\S]*?)\n```$/m.exec(section)?.[1]);
  }
  return fields;
}

/** The lines of the first markdown table after `heading`, cells trimmed, header and rule left out. */
function tableAfter(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  if (start === -1) throw new Error(`no "${heading}" in the document`);
  const lines = markdown.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const table: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    table.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return table.slice(2);
}

/** A manifest entry as the permission table names it: the key and one value. */
export type ManifestRow = `${string} ${string}`;
export type Browser = 'chrome' | 'firefox';
export type DocumentedRows = Record<'yes' | 'pending', Set<ManifestRow>>;

/** The value the table uses for "every pattern of the content script's host list". */
export const HOST_LIST = 'the host list below';

const unquote = (cell: string) => cell.replace(/^`(.*)`$/, '$1');

/** The rows of "What the manifest asks for" that say `yes` (or `pending`) for `browser`. */
export function documentedManifestRows(markdown: string, browser: Browser): DocumentedRows {
  const rows: DocumentedRows = { yes: new Set(), pending: new Set() };
  for (const [key = '', value = '', chrome = '', firefox = ''] of tableAfter(markdown, '## What the manifest asks for')) {
    const status = browser === 'chrome' ? chrome : firefox;
    if (status === 'yes' || status === 'pending') rows[status].add(`${unquote(key)} ${unquote(value)}`);
    else if (status !== '—') throw new Error(`"${status}" is neither yes, pending nor —`);
  }
  return rows;
}

/** The hosts named (in backquotes) in the Hosts column of the table between the hosts markers. */
export function documentedHosts(markdown: string): string[] {
  const section = /<!-- hosts:start -->([\s\S]*?)<!-- hosts:end -->/.exec(markdown)?.[1];
  if (section === undefined) throw new Error('no hosts:start … hosts:end section');
  return tableAfter(section, '|').flatMap((cells) => [...(cells[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ''));
}

/** `*://github.com/*` → `github.com`; anything else is not a host pattern of the content script. */
export function hostOfPattern(pattern: string): string {
  const host = /^\*:\/\/([^/*]+)\/\*$/.exec(pattern)?.[1];
  if (host === undefined) throw new Error(`not a *://host/* pattern: ${pattern}`);
  return host;
}

type ManifestLike = {
  permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  host_permissions?: string[];
  commands?: Record<string, unknown>;
  content_scripts?: { matches?: string[] }[];
};

/**
 * What a manifest asks for, as table rows. Where a list holds every pattern of the host list, those
 * patterns are one row with the value HOST_LIST (the host table checks each).
 */
export function manifestRows(manifest: ManifestLike, hostPatterns: readonly string[]): Set<ManifestRow> {
  const rows = new Set<ManifestRow>();
  const add = (key: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    const hasHostList = hostPatterns.length > 0 && hostPatterns.every((pattern) => values.includes(pattern));
    if (hasHostList) rows.add(`${key} ${HOST_LIST}`);
    for (const value of values) if (!(hasHostList && hostPatterns.includes(value))) rows.add(`${key} ${value}`);
  };
  add('permissions', manifest.permissions);
  add('optional_permissions', manifest.optional_permissions);
  add('optional_host_permissions', manifest.optional_host_permissions);
  add('host_permissions', manifest.host_permissions);
  add('commands', Object.keys(manifest.commands ?? {}));
  for (const script of manifest.content_scripts ?? []) add('content_scripts.matches', script.matches);
  return rows;
}

type ManifestFn = Extract<typeof config.manifest, (...args: never[]) => unknown>;
type GeneratedManifest = Parameters<WxtHooks['build:manifestGenerated']>[1];

/**
 * The manifest's permission keys as `wxt build` writes them, without a build: the config's manifest,
 * the config's own `build:manifestGenerated` hook (which adds the host permissions), and the two steps WXT 0.21 takes for MV2
 * (node_modules/wxt/dist/core/utils/manifest.mjs: `moveHostPermissionsToPermissions`, and
 * `stripKeys`, which drops `optional_host_permissions`). WXT adds permissions of its own only for
 * a side panel, runtime-registered content scripts and dev mode; the browser suite checks the real
 * build (test/e2e/store-listing.e2e.ts).
 */
export async function manifestFromConfig(browser: Browser): Promise<ManifestLike> {
  const env = { browser, manifestVersion: browser === 'chrome' ? 3 : 2, mode: 'production', command: 'build' } as const;
  const declared = await (config.manifest as ManifestFn)(env as Parameters<ManifestFn>[0]);
  const manifest = {
    ...declared,
    manifest_version: env.manifestVersion,
    name: 'Sidenote',
    version: '0.0.0',
  } as GeneratedManifest;
  // Our hook reads only the manifest; the WXT instance is not needed.
  await (config.hooks as Partial<WxtHooks> | undefined)?.['build:manifestGenerated']?.({} as Wxt, manifest);
  const result = manifest as ManifestLike & GeneratedManifest;
  if (env.manifestVersion === 2) {
    const { host_permissions: hosts = [], optional_host_permissions: _dropped, ...rest } = result;
    return {
      ...rest,
      permissions: [...(rest.permissions ?? []), ...hosts.filter((host: string) => !(rest.permissions ?? []).includes(host))],
    };
  }
  return result;
}

/** What differs between the documented rows and a manifest's, in words (empty when they agree). */
export function permissionDocProblems(documented: DocumentedRows, actual: Set<ManifestRow>): string[] {
  const problems: string[] = [];
  for (const row of actual) {
    if (documented.pending.has(row)) problems.push(`"${row}" is in the manifest now: mark its row yes and update its paragraph`);
    else if (!documented.yes.has(row)) problems.push(`"${row}" is in the manifest but not in permissions.md`);
  }
  for (const row of documented.yes) if (!actual.has(row)) problems.push(`"${row}" is in permissions.md but not in the manifest`);
  return problems;
}
