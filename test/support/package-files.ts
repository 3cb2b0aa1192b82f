// The archives `npm run package` leaves in .output/, and unpacking them (with checksums checked) for
// the package checks and the install tests.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { packageFileNames, type PackageNames } from '../../lib/release/packages';
import { readZipEntries } from '../../lib/release/zip-entries';
import { REPO_ROOT } from './source-files';

const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** Absolute paths of the three archives a project at `root` packages into its .output/. */
export function packagePaths(root = REPO_ROOT): PackageNames {
  const names = packageFileNames(packageJson.name, packageJson.version);
  return {
    chrome: join(root, '.output', names.chrome),
    firefox: join(root, '.output', names.firefox),
    sources: join(root, '.output', names.sources),
  };
}

/** The archive's bytes, or a clear error if it has not been packaged. */
export function readPackage(path: string): Buffer {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run package\` first`);
  return readFileSync(path);
}

/** Writes every file of the zip under `dir`; throws on a damaged entry or a name leaving `dir`. */
export function unpackZip(zipPath: string, dir: string): string[] {
  const target = resolve(dir);
  return readZipEntries(readPackage(zipPath)).map((entry) => {
    const path = resolve(target, entry.name);
    if (!path.startsWith(target + sep)) throw new Error(`${zipPath}: ${entry.name} points outside the archive`);
    if (entry.method !== 0 && entry.method !== 8) throw new Error(`${zipPath}: ${entry.name} uses compression method ${entry.method}`);
    const contents = entry.method === 8 ? inflateRawSync(entry.data) : Buffer.from(entry.data);
    if (contents.length !== entry.size || crc32(contents) !== entry.crc32) throw new Error(`${zipPath}: ${entry.name} fails its checksum`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
    return entry.name;
  });
}
