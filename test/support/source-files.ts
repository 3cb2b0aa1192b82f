// The repository's own files, for tests that check a fact is stated in one place only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Paths (from the repository root) of the files under `dir` whose names match `name`. */
export function filesUnder(dir: string, name: RegExp): string[] {
  return readdirSync(join(REPO_ROOT, dir)).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(join(REPO_ROOT, path)).isDirectory()) return filesUnder(path, name);
    return name.test(entry) ? [path] : [];
  });
}

export const readRepoFile = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');
