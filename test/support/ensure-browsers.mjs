// Makes sure Debian's Chromium and Firefox ESR exist for the browser tests: installs them with
// apt-get when running as root, otherwise says exactly what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDED = [
  { binary: '/usr/bin/chromium', pkg: 'chromium' },
  { binary: '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
];

const missing = NEEDED.filter(({ binary }) => !existsSync(binary));
if (missing.length > 0) {
  const packages = missing.map(({ pkg }) => pkg);
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    console.error(`Browser tests need ${packages.join(' and ')} (${missing.map((m) => m.binary).join(', ')}).`);
    console.error(`Install them with: sudo apt-get install -y ${packages.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing ${packages.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
}
