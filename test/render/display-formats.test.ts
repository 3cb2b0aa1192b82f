import { describe, expect, it } from 'vitest';
import { formatEntryDate, formatHandle, formatMoment, formatTimeOfDay } from '../../lib/render/display-formats';
import { filesUnder, readRepoFile } from '../support/source-files';

describe('display formats', () => {
  it.each([
    ['dotey', '@dotey'],
    ['op7418', '@op7418'],
  ])('writes the handle %s as %s', (handle, shown) => {
    expect(formatHandle(handle)).toBe(shown);
  });

  it.each([
    ['2024-03-18', '2024-03-18'],
    ['', '—'],
  ])('shows the entry date %j as %s', (date, shown) => {
    expect(formatEntryDate(date)).toBe(shown);
  });

  it('writes moments in the locale, the day included only where asked', () => {
    const ms = Date.UTC(2024, 2, 18, 14, 2, 0);
    expect(formatMoment(ms)).toBe(new Date(ms).toLocaleString());
    expect(formatTimeOfDay(ms)).toBe(new Date(ms).toLocaleTimeString());
  });

  // Outside the formatters, only the seed's own syntax (the parser) and search's `@dotey` query
  // terms write an `@` before a handle; nothing else writes a moment in the locale.
  it('are the only place a UI writes a handle or a moment', () => {
    const offenders = [...filesUnder('lib', /\.tsx?$/), ...filesUnder('entrypoints', /\.tsx?$/)]
      .filter((path) => !/^lib\/(search\/|corpus\/parse-digest\.ts|render\/display-formats\.ts)/.test(path))
      .flatMap((path) => {
        const text = readRepoFile(path);
        return [/@\{[^}]*handle/, /@\$\{[^}]*handle/, /toLocale(?:Date|Time)?String\(/, /=== '' \? '—'/]
          .filter((pattern) => pattern.test(text))
          .map((pattern) => `${path}: ${pattern.source}`);
      });
    expect(offenders).toEqual([]);
  });
});
