// The stores' screenshots (docs/store/screenshots/, 1280×800, the size both stores take): the
// built extension in Chromium, in each UI language. Extension pages fill the viewport themselves;
// the popup (440 px wide) is shown at its own size on a tinted stage beside a caption, never scaled.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { formatRoute, parseRoute } from '../../lib/reader/route';
import { paletteColor } from '../../lib/ui/palette';
import { launchChromium, ROOT, type ChromiumSession } from './browsers';
import { CardPage } from './card-page';
import { PopupPage } from './popup-page';
import { ReaderPage } from './reader-page';

export const STORE_SCREENSHOTS_DIR = join(ROOT, 'docs', 'store', 'screenshots');
export const STORE_SCREENSHOT_SIZE = { width: 1280, height: 800 } as const;

type Scheme = 'light' | 'dark';
type Locale = 'en-US' | 'zh-CN' | 'zh-TW';

/** The stage's caption for the popup, in the UI language of the shot (short and literally true). */
const POPUP_CAPTIONS: Record<Locale, { title: string; text: string }> = {
  'en-US': {
    title: 'Search the digest from the toolbar',
    text: 'Chinese, English or both, traditional or simplified; pinyin, other names and spelling slips too. Everything runs in your browser.',
  },
  'zh-CN': {
    title: '在工具栏搜索摘要',
    text: '中文、英文或混合输入，繁体简体皆可；也认得拼音、别名和拼写错误。一切都在你的浏览器里完成。',
  },
  'zh-TW': {
    title: '在工具列搜尋摘要',
    text: '中文、英文或混合輸入，繁體簡體皆可；也認得漢語拼音、其他名稱和拼字錯誤。一切都在你的瀏覽器中完成。',
  },
};

const palette = readFileSync(join(ROOT, 'lib', 'ui', 'palette.css'), 'utf8');
const color = (token: string, scheme: Scheme) => paletteColor(palette, token, scheme);

/** A stand-in for the repository page (no network), its address shown in the page itself. */
function repositoryStandIn(url: string): string {
  const line = (width: number) => `<div class="line" style="width:${width}%"></div>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>myshell-ai/AIlice</title><style>
  :root { color-scheme: light dark; font: 15px/1.5 system-ui, sans-serif; }
  body { margin: 0; background: light-dark(#fff, #0d1117); color: light-dark(#1f2328, #e6edf3); }
  .address { padding: 10px 24px; background: light-dark(#f0f1f3, #161b22); border-bottom: 1px solid light-dark(#d0d7de, #30363d); font-size: 14px; }
  .address span { display: inline-block; padding: 4px 14px; border-radius: 14px; background: light-dark(#fff, #0d1117); border: 1px solid light-dark(#d0d7de, #30363d); }
  main { padding: 28px 40px; max-width: 760px; }
  h1 { font-size: 24px; font-weight: 600; margin: 0 0 6px; }
  .standin { color: light-dark(#59636e, #9198a1); font-size: 13px; margin: 0 0 24px; }
  .line { height: 12px; border-radius: 6px; background: light-dark(#eaeef2, #21262d); margin: 14px 0; }
  </style></head><body>
  <div class="address"><span>${url}</span></div>
  <main><h1>myshell-ai / AIlice</h1>
  <p class="standin">A stand-in for the repository page, served by the screenshot script; the card is Sidenote's.</p>
  <p>AIlice is a fully autonomous, general-purpose AI agent.</p>
  ${[92, 85, 96, 60, 0, 88, 94, 70, 0, 90, 82].map((width) => (width === 0 ? '<br>' : line(width))).join('')}
  </main></body></html>`;
}

async function newTab(
  session: ChromiumSession,
  scheme: Scheme,
  size: { width: number; height: number } = STORE_SCREENSHOT_SIZE,
): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme: scheme });
  return page;
}

async function save(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  if (size?.width !== STORE_SCREENSHOT_SIZE.width || size.height !== STORE_SCREENSHOT_SIZE.height) {
    throw new Error(`${name}: the viewport is ${JSON.stringify(size)}, not 1280×800`);
  }
  await page.screenshot({ path: join(STORE_SCREENSHOTS_DIR, name) });
}

/** The popup after `query`, at its own size on a stage with a caption: an honest 1280×800. */
async function popupOnStage(session: ChromiumSession, locale: Locale, scheme: Scheme, query: string, name: string): Promise<void> {
  const tab = await newTab(session, scheme, { width: 440, height: 600 });
  const popup = new PopupPage(tab);
  await popup.open(session.extensionUrl('popup.html'));
  await popup.search(query);
  const shot = await tab.locator('.popup').screenshot();
  const { width, height } = (await tab.locator('.popup').boundingBox()) ?? { width: 0, height: 0 };
  await tab.close();

  const stage = await newTab(session, scheme);
  const caption = POPUP_CAPTIONS[locale];
  const lang = locale === 'en-US' ? 'en' : locale;
  await stage.setContent(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>
    body { margin: 0; width: 1280px; height: 800px; display: flex; align-items: center; justify-content: center; gap: 72px;
      background: ${color('--active', scheme)}; color: ${color('--fg', scheme)}; font-family: system-ui, sans-serif; }
    .caption { width: 460px; }
    h1 { font-size: 38px; line-height: 1.25; margin: 0 0 20px; color: ${color('--accent', scheme)}; }
    p { font-size: 21px; line-height: 1.6; margin: 0; color: ${color('--fg', scheme)}; }
    img { border-radius: 10px; border: 1px solid ${color('--line', scheme)}; box-shadow: 0 12px 40px rgb(0 0 0 / 0.25); }
  </style></head><body><div class="caption"><h1></h1><p></p></div><img alt=""></body></html>`);
  await stage.evaluate(
    ({ title, text, src, w, h }) => {
      document.querySelector('h1')?.append(title);
      document.querySelector('p')?.append(text);
      Object.assign(document.querySelector('img') ?? {}, { src, width: w, height: h });
    },
    { ...caption, src: `data:image/png;base64,${shot.toString('base64')}`, w: Math.round(width), h: Math.round(height) },
  );
  await stage.waitForFunction(() => document.querySelector('img')?.complete === true);
  await save(stage, name);
  await stage.close();
}

async function readerView(session: ChromiumSession, scheme: Scheme, hash: string, name: string): Promise<void> {
  const tab = await newTab(session, scheme);
  const reader = new ReaderPage(tab, session.extensionUrl('reader.html'));
  const route = parseRoute(hash);
  if (route.view === 'entry') {
    await reader.openEntry(route.id);
  } else {
    await reader.open(hash);
    // The list names its view as the reader writes it (`jensen+huang`, not `jensen%20huang`).
    await reader.waitForList(formatRoute(route));
  }
  await save(tab, name);
  await tab.close();
}

async function cardOnRepository(session: ChromiumSession, scheme: Scheme, name: string): Promise<void> {
  const url = 'https://github.com/myshell-ai/AIlice';
  const serve = (route: Route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: repositoryStandIn(route.request().url()) });
  await session.context.route(/^https?:\/\//, serve);
  const tab = await newTab(session, scheme);
  await tab.goto(url);
  // The card's shadow root is closed: the DevTools protocol reaches it, Playwright's locators do not.
  // A cold worker (a fresh browser) takes a while to answer the first page.
  const card = await CardPage.attach(tab);
  await card.waitForHost('attached');
  await card.waitFor('.card', 'attached', 30_000);
  await save(tab, name);
  await tab.close();
  await session.context.unroute(/^https?:\/\//, serve);
}

async function optionsPage(session: ChromiumSession, scheme: Scheme, name: string): Promise<void> {
  const tab = await newTab(session, scheme);
  await tab.goto(session.extensionUrl('options.html'));
  await tab.waitForSelector('[data-sync-state]');
  await save(tab, name);
  await tab.close();
}

/**
 * Each UI language in its own browser; the file names say what, language and scheme. No Chinese
 * view has a date field: Debian's Chromium without chromium-l10n shows them as mm/dd/yyyy in any
 * UI language, which a Chinese browser would not.
 */
const SHOTS: Record<Locale, (session: ChromiumSession) => Promise<void>> = {
  'en-US': async (session) => {
    await popupOnStage(session, 'en-US', 'light', '归藏 ComfyUI', '01-popup-search-mixed-en-light.png');
    await cardOnRepository(session, 'light', '02-card-on-repository-en-light.png');
    await readerView(session, 'light', '#/', '03-reader-timeline-en-light.png');
    await readerView(session, 'light', '#/search?q=jensen%20huang', '04-reader-search-other-names-en-light.png');
    await optionsPage(session, 'light', '09-options-en-light.png');
  },
  'zh-CN': async (session) => {
    await cardOnRepository(session, 'dark', '05-card-on-repository-zh-CN-dark.png');
    await popupOnStage(session, 'zh-CN', 'light', 'baoyu 提示词', '07-popup-search-pinyin-zh-CN-light.png');
  },
  'zh-TW': async (session) => {
    await popupOnStage(session, 'zh-TW', 'dark', '長文本', '06-popup-search-traditional-zh-TW-dark.png');
    await readerView(session, 'dark', '#/entry/50', '08-reader-entry-zh-TW-dark.png');
  },
};

export async function takeStoreScreenshots(): Promise<void> {
  // Regenerated whole: a shot dropped from the list does not linger.
  rmSync(STORE_SCREENSHOTS_DIR, { recursive: true, force: true });
  mkdirSync(STORE_SCREENSHOTS_DIR, { recursive: true });
  for (const [locale, take] of Object.entries(SHOTS)) {
    const session = await launchChromium({ locale });
    try {
      await take(session);
    } finally {
      await session.close();
    }
  }
}
