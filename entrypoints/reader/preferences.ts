// Reading preferences kept in this browser's localStorage (per device, not synced): theme and
// text size, applied to <html> so the first paint already has them.
import { useEffect, useState } from 'preact/hooks';

export type Theme = 'system' | 'light' | 'dark';
export const FONT_SIZES = [14, 16, 18, 20, 22] as const;
const THEME_KEY = 'sidenote:theme';
const FONT_KEY = 'sidenote:font-size';

export function readTheme(storage: Storage): Theme {
  const value = storage.getItem(THEME_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function readFontSize(storage: Storage): number {
  const value = Number(storage.getItem(FONT_KEY));
  return (FONT_SIZES as readonly number[]).includes(value) ? value : 18;
}

export function usePreferences(storage: Storage) {
  const [theme, setTheme] = useState<Theme>(() => readTheme(storage));
  const [fontSize, setFontSize] = useState(() => readFontSize(storage));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    storage.setItem(THEME_KEY, theme);
  }, [theme]);
  useEffect(() => {
    document.documentElement.style.setProperty('--reader-font-size', `${fontSize}px`);
    storage.setItem(FONT_KEY, String(fontSize));
  }, [fontSize]);
  const step = (direction: 1 | -1) => {
    const at = FONT_SIZES.indexOf(fontSize as (typeof FONT_SIZES)[number]);
    const next = FONT_SIZES[Math.min(FONT_SIZES.length - 1, Math.max(0, at + direction))];
    if (next !== undefined) setFontSize(next);
  };
  return { theme, setTheme, fontSize, smaller: () => step(-1), larger: () => step(1) };
}
