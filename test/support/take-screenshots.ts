// `npm run screenshots`: renders the built extension in Chromium and saves the README's pictures
// to docs/ and the stores' (1280×800) to docs/store/screenshots/; `-- readme` or `-- store` takes
// one set. Needs a CJK font for the Chinese text (Debian: fonts-noto-cjk).
import { join } from 'node:path';
import { launchChromium, ROOT } from './browsers';
import { CardPage } from './card-page';
import { serveFixtures } from './fixture-pages';
import { PopupPage } from './popup-page';
import { ReaderPage } from './reader-page';
import { STORE_SCREENSHOTS_DIR, takeStoreScreenshots } from './store-screenshots';

const DOCS = join(ROOT, 'docs');
const wanted = process.argv[2];
if (wanted !== undefined && wanted !== 'readme' && wanted !== 'store') throw new Error(`unknown set ${wanted}: readme or store`);

async function takeReadmeScreenshots(): Promise<void> {
  const session = await launchChromium();
  try {
    // The annotated page: github.com served from a fixture (no network), the card in its corner.
    await serveFixtures(session.context, () => ({
      css: 'body { font: 16px/1.5 sans-serif; margin: 0; } #site-header { background: #24292f; color: #fff; padding: 16px 32px; } main { padding: 24px 32px; max-width: 720px; }',
      body: '<h2>myshell-ai / AIlice</h2><p>AIlice is a fully autonomous, general-purpose AI agent.</p><p>(A fixture standing in for the repository page.)</p>',
    }));
    for (const scheme of ['light', 'dark'] as const) {
      const page = await session.context.newPage();
      await page.setViewportSize({ width: 440, height: 520 });
      await page.emulateMedia({ colorScheme: scheme });
      const popup = new PopupPage(page);
      await popup.open(session.extensionUrl('popup.html'));
      await popup.search('長文本');
      await page.screenshot({ path: join(DOCS, `popup-search-${scheme}.png`) });
      await page.close();

      const annotated = await session.context.newPage();
      await annotated.setViewportSize({ width: 1200, height: 700 });
      await annotated.emulateMedia({ colorScheme: scheme });
      await annotated.goto('https://github.com/myshell-ai/AIlice');
      // The card's shadow root is closed: Playwright's locators stop there, the DevTools protocol does not.
      await (await CardPage.attach(annotated)).waitFor('.card', 'attached', 30_000);
      await annotated.screenshot({ path: join(DOCS, `annotated-page-${scheme}.png`) });
      await annotated.close();

      const readerTab = await session.context.newPage();
      await readerTab.setViewportSize({ width: 1200, height: 820 });
      await readerTab.emulateMedia({ colorScheme: scheme });
      const reader = new ReaderPage(readerTab, session.extensionUrl('reader.html'));
      await reader.open();
      await reader.waitForList('#/');
      await readerTab.screenshot({ path: join(DOCS, `reader-timeline-${scheme}.png`) });
      await reader.openEntry(50);
      await readerTab.screenshot({ path: join(DOCS, `reader-entry-${scheme}.png`) });
      await readerTab.close();
    }
  } finally {
    await session.close();
  }
  console.log(`Screenshots written to ${DOCS}`);
}

if (wanted !== 'store') await takeReadmeScreenshots();
if (wanted !== 'readme') {
  await takeStoreScreenshots();
  console.log(`Store screenshots written to ${STORE_SCREENSHOTS_DIR}`);
}
