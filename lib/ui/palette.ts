// Reads a colour of the palette (palette.css) for what is not styled by CSS: the toolbar badge.
// Pure: it takes the sheet's text, so the colour is chosen in the sheet alone.

/** The light or dark side of `token`'s `light-dark(…)` in `css`; throws if the palette lacks it. */
export function paletteColor(css: string, token: string, scheme: 'light' | 'dark'): string {
  const match = new RegExp(`${token}\\s*:\\s*light-dark\\(\\s*([^,\\s]+)\\s*,\\s*([^)\\s]+)\\s*\\)`).exec(css);
  if (match === null) throw new RangeError(`the palette has no light-dark colour ${token}`);
  return (scheme === 'light' ? match[1] : match[2]) as string;
}
