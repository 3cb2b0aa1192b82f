// docs/store/permissions.md against the built manifests (npm test builds before the browser suite):
// the unit test reads the same from wxt.config.ts, this catches whatever WXT adds at build time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROME_BUILD, FIREFOX_BUILD } from '../support/browsers';
import {
  documentedHosts,
  documentedManifestRows,
  hostOfPattern,
  manifestRows,
  permissionDocProblems,
  readStoreDoc,
} from '../support/store-docs';

const doc = readStoreDoc('permissions.md');
const hostPatterns = documentedHosts(doc).map((host) => `*://${host}/*`);

describe.each([
  ['chrome', CHROME_BUILD],
  ['firefox', FIREFOX_BUILD],
] as const)('the built %s manifest', (browser, buildDir) => {
  const manifest = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: { matches?: string[] }[];
    host_permissions?: string[];
    permissions?: string[];
  };

  it('asks for what permissions.md says: host access to the hosts it lists, no content script', () => {
    // MV2 (Firefox) lists host patterns among the permissions.
    const hosts = (manifest.host_permissions ?? manifest.permissions ?? []).filter((value) => value.includes('://'));
    expect(hosts.map(hostOfPattern).sort()).toEqual(documentedHosts(doc).sort());
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect(permissionDocProblems(documentedManifestRows(doc, browser), manifestRows(manifest, hostPatterns))).toEqual([]);
  });
});
