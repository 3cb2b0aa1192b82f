import { describe, expect, it } from 'vitest';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator } from '../../lib/i18n/messages';
import { readerDocumentTitle, type ShownEntry } from '../../lib/reader/document-title';
import { parseRoute } from '../../lib/reader/route';

const locales = buildLocales();
const en = createTranslator(locales.en);
const zhCN = createTranslator(locales.zh_CN);
const zhTW = createTranslator(locales.zh_TW);

const claude: ShownEntry = { id: 50, title: 'Claude 3 的长文本能力实测' };
const long: ShownEntry = { id: 7, title: 'A'.repeat(100) };

describe('readerDocumentTitle', () => {
  it.each([
    ['#/', undefined, 'Timeline – Sidenote'],
    ['#/entry/50', undefined, 'Entry #50 – Sidenote'],
    ['#/entry/50', claude, '#50 Claude 3 的长文本能力实测 – Sidenote'],
    ['#/entry/51', claude, 'Entry #51 – Sidenote'],
    ['#/entry/999', { id: 999, isMissing: true }, 'Entry #999 – Sidenote'],
    ['#/entry/1007', { id: 1007, title: '第二卷' }, '#2-07 第二卷 – Sidenote'],
    ['#/entry/7', long, `#7 ${'A'.repeat(59)}… – Sidenote`],
    ['#/search?q=ComfyUI', undefined, 'ComfyUI – Sidenote'],
    ['#/search?q=%E9%95%BF%E6%96%87%E6%9C%AC', undefined, '长文本 – Sidenote'],
    ['#/search?q=%20%20ComfyUI%20%20video%20', undefined, 'ComfyUI video – Sidenote'],
    ['#/search?saved=1', undefined, 'Saved – Sidenote'],
    ['#/search?note=1', undefined, 'Has a note – Sidenote'],
    ['#/search?saved=1&note=1', undefined, 'Saved · Has a note – Sidenote'],
    ['#/search?q=ComfyUI&author=op7418&saved=1', undefined, 'ComfyUI · @op7418 · Saved – Sidenote'],
    ['#/search?from=2024-03-01&to=2024-03-10', undefined, '2024-03-01 – 2024-03-10 – Sidenote'],
    ['#/search?from=2024-03-01', undefined, 'From 2024-03-01 – Sidenote'],
    ['#/search?to=2024-03-10', undefined, 'To 2024-03-10 – Sidenote'],
    ['#/search?q=', undefined, 'Timeline – Sidenote'],
    ['#/orphans', undefined, 'No longer in the digest – Sidenote'],
    ['#/nowhere', undefined, 'Page not found – Sidenote'],
  ] as const)('%s (%o) → %s', (hash, shown, expected) => {
    expect(readerDocumentTitle(en, parseRoute(hash), shown)).toBe(expected);
  });

  it.each([
    [zhCN, '#/', undefined, '时间线 – Sidenote 旁注'],
    [zhCN, '#/entry/50', claude, '#50 Claude 3 的长文本能力实测 – Sidenote 旁注'],
    [zhCN, '#/search?saved=1', undefined, '已收藏 – Sidenote 旁注'],
    [zhTW, '#/search?note=1', undefined, '有筆記 – Sidenote 旁註'],
    [zhTW, '#/entry/3', undefined, '第 3 條 – Sidenote 旁註'],
  ] as const)('%#: in Chinese, %s → %s', (t, hash, shown, expected) => {
    expect(readerDocumentTitle(t, parseRoute(hash), shown)).toBe(expected);
  });

  it('gives every kind of view its own title', () => {
    const hashes = ['#/', '#/entry/50', '#/entry/51', '#/search?q=a', '#/search?saved=1', '#/search?note=1', '#/orphans', '#/x'];
    const titles = hashes.map((hash) => readerDocumentTitle(en, parseRoute(hash)));
    expect(new Set(titles).size).toBe(hashes.length);
  });
});
