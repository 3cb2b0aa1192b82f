// `npm run package:check`, after `npm run package`: (1) each extension zip holds exactly its build
// folder, so the browser tests of .output/*/ test what ships; (2) the AMO sources archive,
// unpacked elsewhere and packaged again (another directory, time zone and language: what a
// reviewer does), gives the same three archives byte for byte. Prints the sha256s; exits 1 on any
// difference, naming the entries that differ.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { diffZipEntries, readZipEntries } from '../../lib/release/zip-entries';
import { packagePaths, readPackage, unpackZip } from './package-files';
import { filesUnder, REPO_ROOT } from './source-files';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Names whose bytes differ between the zip and the folder it was made from, or that only one has. */
function differencesFromFolder(zipPath: string, folder: string): string[] {
  const entries = new Map(readZipEntries(readPackage(zipPath)).map((entry) => [entry.name, entry]));
  const files = filesUnder(folder, /./).map((path) => path.slice(folder.length + 1).replaceAll('\\', '/'));
  const differences = files.flatMap((name) => {
    const entry = entries.get(name);
    entries.delete(name);
    if (entry === undefined) return [`${name}: in ${folder} but not in the zip`];
    return crc32(readFileSync(join(REPO_ROOT, folder, name))) === entry.crc32 ? [] : [`${name}: differs from ${folder}`];
  });
  return [...differences, ...[...entries.keys()].map((name) => `${name}: in the zip but not in ${folder}`)];
}

/** Unpacks the sources archive in `root` and packages it there, as a reviewer would. */
function packageFromSources(sourcesZip: string, root: string): void {
  unpackZip(sourcesZip, root);
  // The same dependencies as `npm ci` from the archive's lockfile would install, without the network.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TZ: 'Pacific/Kiritimati',
    LANG: 'zh_CN.UTF-8',
    LANGUAGE: 'zh_CN',
    LC_ALL: 'zh_CN.UTF-8',
  };
  delete env.SIDENOTE_SEEDS_DIR;
  const wxt = join(REPO_ROOT, 'node_modules', '.bin', 'wxt');
  for (const args of [['zip'], ['zip', '-b', 'firefox']]) {
    execFileSync(wxt, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

function main(): number {
  const original = packagePaths();
  const failures: string[] = [];
  for (const [zip, folder] of [
    [original.chrome, '.output/chrome-mv3'],
    [original.firefox, '.output/firefox-mv2'],
  ] as const) {
    failures.push(...differencesFromFolder(zip, folder).map((difference) => `${basename(zip)}: ${difference}`));
  }

  const scratch = mkdtempSync(join(tmpdir(), 'sidenote-rebuild-'));
  try {
    const root = join(scratch, 'sources');
    packageFromSources(original.sources, root);
    const rebuilt = packagePaths(root);
    console.log('sha256 (packaged here | packaged again from the sources archive in another directory):');
    for (const key of ['chrome', 'firefox', 'sources'] as const) {
      const before = readPackage(original[key]);
      const after = readPackage(rebuilt[key]);
      const isSame = before.equals(after);
      console.log(`  ${basename(original[key])}  ${sha256(before)}  ${isSame ? 'same' : sha256(after)}`);
      if (isSame) continue;
      const differences = diffZipEntries(readZipEntries(before), readZipEntries(after));
      failures.push(
        `${basename(original[key])} is not reproducible: ${differences.length > 0 ? differences.join('; ') : 'same entries, other bytes'}`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  for (const failure of failures) console.error(`✗ ${failure}`);
  if (failures.length === 0) console.log('✓ the zips hold their build folders, and the sources archive rebuilds all three byte for byte');
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = main();
