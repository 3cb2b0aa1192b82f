// `npm run screenshots`: renders the built extension in Chromium and saves the README's pictures
// to docs/. Needs a CJK font for the Chinese text (Debian: fonts-noto-cjk).
import { join } from 'node:path';
import { launchChromium, ROOT } from './browsers';
import { PopupPage } from './popup-page';
import { ReaderPage } from './reader-page';

const DOCS = join(ROOT, 'docs');
const session = await launchChromium();
try {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 440, height: 520 });
    await page.emulateMedia({ colorScheme: scheme });
    const popup = new PopupPage(page);
    await popup.open(session.extensionUrl('popup.html'));
    await popup.search('長文本');
    await page.screenshot({ path: join(DOCS, `popup-search-${scheme}.png`) });
    await page.close();

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
