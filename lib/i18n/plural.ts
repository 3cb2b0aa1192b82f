// Counts in words: the one way a message with a count is made. Picks the plural form for the UI's
// language with Intl.PluralRules and writes the number as that language does. browser.i18n has no
// plurals, so each form is its own message: `<key>_one`, `<key>_other`. Pure.
import type { MessageKey, Translate } from './messages';

/** The forms our languages use (English: one, other; Chinese: other only). A new language may add few, many… */
export const PLURAL_FORMS = ['one', 'other'] as const;
type PluralForm = (typeof PLURAL_FORMS)[number];

/** A message with a count: `latestOf` for `latestOf_one` / `latestOf_other`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;

function isPluralForm(category: string): category is PluralForm {
  return (PLURAL_FORMS as readonly string[]).includes(category);
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** `translateCount(t, 'latestOf', 1)` → "Latest of 1 entry"; further substitutions follow the count ($2…). */
export function translateCount(t: Translate, key: PluralKey, count: number, ...more: (string | number)[]): string {
  // The dictionary's own language, not the browser's: a German browser reads the English messages.
  const locale = t('htmlLang');
  let rules = pluralRules.get(locale);
  if (rules === undefined) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  let numbers = numberFormats.get(locale);
  if (numbers === undefined) numberFormats.set(locale, (numbers = new Intl.NumberFormat(locale)));
  const category = rules.select(count);
  return t(`${key}_${isPluralForm(category) ? category : 'other'}`, numbers.format(count), ...more);
}
