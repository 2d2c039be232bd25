/** The two UI languages the widget speaks; anything else falls back to English. */
export type Locale = 'zh-CN' | 'en';

/** Maps a BCP 47-ish tag ("zh", "zh-Hans-CN", "en_GB") to a supported locale, or null. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase().replace(/_/g, '-');
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return null;
}

export interface LocaleSources {
  /** `data-teller-locale` on the script tag. */
  attribute?: string | null;
  /** `<html lang>`. */
  htmlLang?: string | null;
  /** navigator.languages (or [navigator.language]). */
  navigatorLanguages?: readonly string[];
}

/** Explicit attribute, then the page's language, then the browser's: Chinese → zh-CN, else English. */
export function chooseLocale(sources: LocaleSources): Locale {
  const explicit = matchLocale(sources.attribute) ?? matchLocale(sources.htmlLang);
  if (explicit) return explicit;
  for (const language of sources.navigatorLanguages ?? []) {
    const found = matchLocale(language);
    if (found) return found;
  }
  return 'en';
}
