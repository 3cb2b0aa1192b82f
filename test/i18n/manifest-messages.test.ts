import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { buildLocales } from '../../lib/i18n/build-locales';

type ManifestFn = Extract<typeof config.manifest, (...args: never[]) => unknown>;

async function manifestFor(browser: 'chrome' | 'firefox'): Promise<Record<string, unknown>> {
  const manifest = config.manifest as ManifestFn;
  const env = { browser, manifestVersion: browser === 'chrome' ? 3 : 2, mode: 'production', command: 'build' };
  return (await manifest(env as Parameters<ManifestFn>[0])) as Record<string, unknown>;
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

describe.each(['chrome', 'firefox'] as const)('the %s manifest', (browser) => {
  it('describes every keyboard command in the UI language', async () => {
    const commands = (await manifestFor(browser)).commands as Record<string, { description: string }>;
    expect(Object.keys(commands).length).toBeGreaterThan(0);
    for (const [name, command] of Object.entries(commands)) expect(command.description, name).toMatch(/^__MSG_\w+__$/);
  });

  it.each(Object.entries(buildLocales()))('has every __MSG_…__ it uses in %s', async (_locale, messages) => {
    const keys = stringsOf(await manifestFor(browser)).flatMap((text) => [...text.matchAll(/__MSG_(\w+)__/g)].map((match) => match[1]));
    expect(keys).toContain('extensionName');
    for (const key of keys) expect(messages, key).toHaveProperty(key as string);
  });
});
