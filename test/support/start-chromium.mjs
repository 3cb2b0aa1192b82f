// `npm start`: opens Chromium with the freshly built extension loaded, or, where there is no
// display, says how to load it by hand.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const extensionDir = resolve('.output/chrome-mv3');
const browser = ['/usr/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'darwin';

if (!browser || !hasDisplay) {
  console.log(`Sidenote is built in ${extensionDir}`);
  console.log(browser ? 'No display found, so no browser was opened.' : 'No Chromium or Chrome found in /usr/bin.');
  console.log('To load it by hand: open chrome://extensions, switch on "Developer mode",');
  console.log(`click "Load unpacked" and choose ${extensionDir}.`);
  console.log('Firefox: open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…",');
  console.log(`and choose ${resolve('.output/firefox-mv2/manifest.json')}.`);
  process.exit(0);
}

/** Chromium derives an unpacked extension's id from its path: sha256, first 32 hex digits, 0-f → a-p. */
function unpackedExtensionId(path) {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + parseInt(digit, 16))).join('');
}

const profile = mkdtempSync(join(tmpdir(), 'sidenote-start-'));
console.log(`Opening ${browser} with Sidenote loaded (profile ${profile}). Click the toolbar icon to search.`);
spawn(
  browser,
  [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    // Chromium refuses to run as root with its sandbox on (root is what this project's machines use).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    `chrome-extension://${unpackedExtensionId(extensionDir)}/popup.html`,
  ],
  { stdio: 'inherit' },
).on('exit', (code) => process.exit(code ?? 0));
