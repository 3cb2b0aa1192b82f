// `npm run lint:firefox`, after `npm run package`: Mozilla's linter (web-ext lint, which runs
// addons-linter as AMO does) on the Firefox zip's own files, unpacked. Warnings fail it too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePaths, unpackZip } from './package-files';
import { REPO_ROOT } from './source-files';

const sourceDir = mkdtempSync(join(tmpdir(), 'sidenote-firefox-zip-'));
try {
  unpackZip(packagePaths().firefox, sourceDir);
  const webExt = join(REPO_ROOT, 'node_modules', '.bin', 'web-ext');
  // No config discovery (a web-ext config elsewhere must not change the verdict); no update check (no network).
  const { status, error } = spawnSync(webExt, ['lint', '--source-dir', sourceDir, '--warnings-as-errors', '--no-config-discovery'], {
    stdio: 'inherit',
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  });
  if (error) throw error;
  process.exitCode = status ?? 1;
} finally {
  rmSync(sourceDir, { recursive: true, force: true });
}
