import { describe, expect, it } from 'vitest';
import { annotateMatches } from '../../lib/assets/shipped-files';
import { canonicalHost } from '../../lib/url/hosts';
import { buildShippedAssets } from '../support/seed';
import {
  documentedHosts,
  documentedManifestRows,
  HOST_LIST,
  hostOfPattern,
  manifestFromConfig,
  manifestRows,
  permissionDocProblems,
  readStoreDoc,
} from '../support/store-docs';

const doc = readStoreDoc('permissions.md');
const assets = buildShippedAssets();
const matches = annotateMatches(assets);

describe('permissions.md, the host table', () => {
  it('lists exactly the hosts of the host permissions, each once', () => {
    const listed = documentedHosts(doc);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(matches.map(hostOfPattern).sort());
  });

  it('states the counts the build gives', () => {
    const sites = new Set(assets.corpus.entries.flatMap((entry) => entry.urls.map((url) => canonicalHost(new URL(url).hostname))));
    expect(doc).toContain(`${matches.length} patterns`);
    expect(doc).toContain(`${sites.size} hosts`);
    expect(doc).toContain(`${assets.corpus.entries.length} entries`);
  });
});

describe.each(['chrome', 'firefox'] as const)('permissions.md and the %s manifest', (browser) => {
  it('name the same permissions, host permissions and commands, and declare no content script', async () => {
    const manifest = await manifestFromConfig(browser);
    expect(manifest.content_scripts ?? []).toEqual([]);
    const actual = manifestRows(manifest, matches);
    expect(permissionDocProblems(documentedManifestRows(doc, browser), actual)).toEqual([]);
  });
});

describe('the comparison of permissions.md with a manifest', () => {
  const documented = documentedManifestRows(doc, 'chrome');
  const base = {
    permissions: ['contextMenus', 'storage', 'alarms', 'scripting'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  };
  const complete = { ...base, host_permissions: matches, commands: { 'toggle-card': {} } };

  it('fails on a permission the document does not name, and on one it names that is gone', () => {
    expect(permissionDocProblems(documented, manifestRows({ ...complete, permissions: [...base.permissions, 'tabs'] }, matches))).toEqual([
      '"permissions tabs" is in the manifest but not in permissions.md',
    ]);
    expect(
      permissionDocProblems(documented, manifestRows({ ...complete, permissions: ['storage', 'alarms', 'scripting'] }, matches)),
    ).toEqual(['"permissions contextMenus" is in permissions.md but not in the manifest']);
  });

  it('fails once a pending row lands, until the document says yes', () => {
    // The document as it was before the card's injection landed: two rows still pending.
    const beforeLanding = doc
      .replace(/(\| `permissions` +\| `scripting` +\| )yes/, '$1pending')
      .replace(/(\| `host_permissions` +\| the host list below \| )yes/, '$1pending');
    const pending = documentedManifestRows(beforeLanding, 'chrome');
    const landed = complete;
    expect(permissionDocProblems(pending, manifestRows(landed, matches))).toEqual([
      '"permissions scripting" is in the manifest now: mark its row yes and update its paragraph',
      `"host_permissions ${HOST_LIST}" is in the manifest now: mark its row yes and update its paragraph`,
    ]);
    expect(permissionDocProblems(documented, manifestRows(landed, matches))).toEqual([]);
  });

  it('names a host that is not in the host list, and a content script the document does not know', () => {
    const wider = { ...complete, host_permissions: [...matches, '*://example.org/*'] };
    expect(permissionDocProblems(documented, manifestRows(wider, matches))).toEqual([
      '"host_permissions *://example.org/*" is in the manifest but not in permissions.md',
    ]);
    const declared = { ...complete, content_scripts: [{ matches }] };
    expect(permissionDocProblems(documented, manifestRows(declared, matches))).toEqual([
      `"content_scripts.matches ${HOST_LIST}" is in the manifest but not in permissions.md`,
    ]);
  });
});
