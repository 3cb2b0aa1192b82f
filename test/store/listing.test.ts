import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLocales } from '../../lib/i18n/build-locales';
import { TAIWAN_TERMS } from '../../lib/i18n/traditional-chinese';
import { realCorpus } from '../support/seed';
import { REPO_ROOT } from '../support/source-files';
import { LISTING_LOCALES, listingFields, readStoreDoc, STORE_DIR } from '../support/store-docs';

const locales = buildLocales();

/**
 * The stores' limits, in UTF-16 code units (never fewer than the characters a store counts).
 * Chrome Web Store: the summary is the manifest's description, at most 132 characters (Chrome's
 * manifest reference). AMO: a summary of at most 250 characters, a name of at most 50
 * (mozilla/addons#15268: still 50 in 2026).
 */
const LIMITS = { Summary: 132, 'AMO summary': 250, Name: 50 } as const;

describe.each(LISTING_LOCALES)('the store listing in $lang', ({ lang, locale }) => {
  const fields = listingFields(readStoreDoc(`listing.${lang}.md`));

  it('has a name, both summaries and a description, each a text block', () => {
    expect([...fields.keys()]).toEqual(['Name', 'Summary', 'AMO summary', 'Description']);
    for (const [heading, text] of fields) expect(text?.trim(), heading).toBeTruthy();
  });

  it.each(Object.entries(LIMITS))('keeps the %s within %i characters', (heading, limit) => {
    expect(fields.get(heading)?.length).toBeLessThanOrEqual(limit);
  });

  it("gives the manifest's name and description, which the Chrome Web Store shows", () => {
    expect(fields.get('Name')).toBe(locales[locale].extensionName);
    expect(fields.get('Summary')).toBe(locales[locale].extensionDescription);
  });

  it('counts the entries the digest has', () => {
    expect(fields.get('Description')).toContain(` ${realCorpus.entries.length} `);
  });

  it('has a privacy policy in the same language', () => {
    const name = lang === 'en' ? 'privacy-policy.md' : `privacy-policy.${lang}.md`;
    expect(existsSync(join(REPO_ROOT, STORE_DIR, name)), name).toBe(true);
  });
});

describe('the Traditional Chinese material', () => {
  it.each(['listing.zh-TW.md', 'privacy-policy.zh-TW.md'])('%s uses Taiwan terms, as the UI does', (name) => {
    const text = readStoreDoc(name);
    for (const [mainland, taiwan] of TAIWAN_TERMS) {
      // 同步儲存 is the start of Taiwan's 同步儲存空間: look for each term outside its own replacement.
      expect(text.replaceAll(taiwan, ''), `${mainland} (Taiwan: ${taiwan})`).not.toContain(mainland);
    }
  });
});
