// Every UI language the build writes to _locales/: the hand-written dictionaries and the generated
// Traditional Chinese. Build time and tests only (it loads OpenCC's dictionaries).
import { LOCALES, type Messages } from './messages';
import { traditionalChineseMessages } from './traditional-chinese';

export type Locale = keyof typeof LOCALES | 'zh_TW';

/**
 * Traditional-Chinese browsers (zh_TW, and zh_HK through Chrome's fallback) read the UI in
 * traditional characters rather than falling back to English.
 */
export function buildLocales(): Record<Locale, Messages> {
  return { ...LOCALES, zh_TW: traditionalChineseMessages() };
}
