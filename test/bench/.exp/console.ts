import { launchChromium } from '../../support/browsers';
import { serveFixtures } from '../../support/fixture-pages';
const s = await launchChromium({ extensionDir: process.argv[2] });
await serveFixtures(s.context);
const p = await s.context.newPage();
p.on('console', (m) => console.log('console:', m.type(), m.text()));
await p.goto('https://github.com/some-owner/some-repo');
await new Promise((r) => setTimeout(r, 1500));
await s.close();
