// Which of the repository's modules a module imports, read from the source (relative specifiers
// only; packages are not followed). For tests that keep the dependency direction of lib/.
import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { REPO_ROOT, readRepoFile } from './source-files';

export type ImportKind = 'runtime' | 'type';
export type ModuleImport = { path: string; kind: ImportKind };

const STATIC_IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[\w*{}\s,$]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

/** The repository path a relative specifier names; throws if no such file, so a typo cannot hide an import. */
function resolveSpecifier(from: string, specifier: string): string {
  const base = normalize(join(dirname(from), specifier.replace(/\?.*$/, '')));
  if (/\.(css|json)$/.test(base) && existsSync(join(REPO_ROOT, base))) return base;
  for (const extension of EXTENSIONS) if (existsSync(join(REPO_ROOT, base + extension))) return base + extension;
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

/** The repository modules `path` imports directly (`import type` and `export type … from` as 'type'). */
export function importsOf(path: string): ModuleImport[] {
  const source = readRepoFile(path);
  const found: ModuleImport[] = [];
  for (const [, , typeOnly, specifier] of source.matchAll(STATIC_IMPORT)) {
    if (specifier?.startsWith('.')) found.push({ path: resolveSpecifier(path, specifier), kind: typeOnly ? 'type' : 'runtime' });
  }
  for (const [, specifier] of source.matchAll(DYNAMIC_IMPORT)) {
    if (specifier?.startsWith('.')) found.push({ path: resolveSpecifier(path, specifier), kind: 'runtime' });
  }
  return found;
}

/** Every repository module reachable from `roots`, the roots included; `kinds` says which imports to follow. */
export function reachableFrom(roots: string[], kinds: ImportKind[] = ['runtime', 'type']): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    if (seen.has(path)) continue;
    seen.add(path);
    if (!/\.tsx?$/.test(path)) continue;
    for (const next of importsOf(path)) if (kinds.includes(next.kind)) queue.push(next.path);
  }
  return seen;
}
