import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_SCREENSHOT_SIZE, STORE_SCREENSHOTS_DIR } from '../support/store-screenshots';
import { readStoreDoc } from '../support/store-docs';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Small enough for the repository and the stores' upload forms, large enough for a full-page shot. */
const MAX_BYTES = 400 * 1024;

/** Width and height from a PNG's header: the IHDR chunk comes first (PNG spec § 11.2.2). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const files = readdirSync(STORE_SCREENSHOTS_DIR).filter((name) => name.endsWith('.png'));
/** docs/store/README.md's screenshot table: file, whether the Chrome Web Store gets it, AMO's caption. */
const listed = [...readStoreDoc('README.md').matchAll(/^\| `screenshots\/([^`]+)`\s*\|\s*(\S+)\s*\|\s*(.*?)\s*\|$/gm)].map(
  ([, name = '', chrome = '', caption = '']) => ({ name, chrome, caption }),
);

describe('the store screenshots', () => {
  it.each(files)('%s is 1280×800 and not too large', (name) => {
    const bytes = readFileSync(join(STORE_SCREENSHOTS_DIR, name));
    expect(pngSize(bytes)).toEqual(STORE_SCREENSHOT_SIZE);
    expect(bytes.length).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('are each listed in docs/store/README.md with a caption, and all listed exist', () => {
    expect(listed.map((shot) => shot.name).sort()).toEqual([...files].sort());
    for (const shot of listed) expect(shot.caption, shot.name).not.toBe('');
  });

  it('give the Chrome Web Store one to five', () => {
    const chrome = listed.filter((shot) => shot.chrome === 'yes');
    expect(chrome.length).toBeGreaterThanOrEqual(1);
    expect(chrome.length).toBeLessThanOrEqual(5);
    expect(listed.every((shot) => shot.chrome === 'yes' || shot.chrome === '—')).toBe(true);
  });

  it('show every UI language and both colour schemes', () => {
    const tags = files.flatMap((name) => /-(en|zh-CN|zh-TW)-(light|dark)\.png$/.exec(name)?.slice(1) ?? []);
    expect(new Set(tags)).toEqual(new Set(['en', 'zh-CN', 'zh-TW', 'light', 'dark']));
  });
});
