import { join } from 'node:path';
import { preprocessCSS, resolveConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import { paletteColor } from '../../lib/ui/palette';
import { filesUnder, readRepoFile, REPO_ROOT } from '../support/source-files';

const PALETTE = 'lib/ui/palette.css';

/** A sheet as the build bundles it: Vite inlines its @imports (the card's `card.css?inline` too). */
async function bundledCss(path: string): Promise<string> {
  const config = await resolveConfig({ root: REPO_ROOT, configFile: false, logLevel: 'silent' }, 'serve');
  const file = join(REPO_ROOT, path);
  return (await preprocessCSS(readRepoFile(path), file, config)).code;
}

/** The custom properties declared by rules for `selector` (`:root` or `:host`), by name. */
function tokensFor(css: string, selector: string): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const [, selectors = '', body = ''] of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (!selectors.split(',').some((s) => s.trim() === selector)) continue;
    for (const [, name = '', value = ''] of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);?/g)) tokens[name] = value.replace(/\s+/g, ' ').trim();
  }
  return tokens;
}

describe('the palette', () => {
  it('is the same in the page card (its shadow root) and on the extension pages', async () => {
    const palette = tokensFor(readRepoFile(PALETTE), ':root');
    expect(Object.keys(palette)).toEqual(expect.arrayContaining(['--bg', '--fg', '--muted', '--line', '--accent', '--error']));
    expect(tokensFor(await bundledCss('entrypoints/annotate/card.css'), ':host')).toEqual(palette);
    expect(tokensFor(await bundledCss('lib/ui/theme.css'), ':root')).toEqual(palette);
  });

  it('comes with the same links, focus rings and hidden text in the card and on the pages', async () => {
    const base = readRepoFile('lib/ui/base.css');
    const rules = [...base.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/[^{}@;]+\{[^{}]*\}/g)].map(([rule]) => rule.replace(/\s+/g, ''));
    expect(rules.length).toBeGreaterThanOrEqual(3);
    for (const sheet of ['entrypoints/annotate/card.css', 'lib/ui/theme.css']) {
      const bundled = (await bundledCss(sheet)).replace(/\s+/g, '');
      for (const rule of rules) expect(bundled, sheet).toContain(rule);
    }
  });

  it('is the only sheet that chooses a colour or sets a palette token', () => {
    const tokens = Object.keys(tokensFor(readRepoFile(PALETTE), ':root'));
    const sheets = [...filesUnder('lib', /\.css$/), ...filesUnder('entrypoints', /\.css$/)].filter((path) => path !== PALETTE);
    expect(sheets).toContain('entrypoints/annotate/card.css');
    const colours = sheets.flatMap((path) =>
      [...readRepoFile(path).matchAll(/light-dark\(|#[0-9a-f]{3,8}\b|(--[\w-]+)\s*:/gi)]
        .filter(([, token]) => token === undefined || tokens.includes(token))
        .map(([found]) => `${path}: ${found}`),
    );
    expect(colours).toEqual([]);
  });

  it("gives the toolbar badge the palette's accent and error colours", () => {
    const css = readRepoFile(PALETTE);
    expect(paletteColor(css, '--accent', 'light')).toBe('#2452c4');
    expect(paletteColor(css, '--error', 'light')).toBe('#b3261e');
    expect(paletteColor(css, '--accent', 'dark')).toBe('#94b3ff');
    expect(() => paletteColor(css, '--nothing', 'light')).toThrow(RangeError);
    // No script writes one of the palette's colours itself.
    const colours = new Set(Object.values(tokensFor(css, ':root')).flatMap((value) => value.match(/#[0-9a-f]{3,8}\b/gi) ?? []));
    const scripts = [...filesUnder('lib', /\.tsx?$/), ...filesUnder('entrypoints', /\.tsx?$/)];
    const written = scripts.flatMap((path) =>
      (readRepoFile(path).match(/#[0-9a-f]{3,8}\b/gi) ?? []).filter((hex) => colours.has(hex)).map((hex) => `${path}: ${hex}`),
    );
    expect(written).toEqual([]);
  });
});
