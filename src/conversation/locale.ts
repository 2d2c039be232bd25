// The two languages Teller speaks, as the API names them and as the database enum stores them.
export type Locale = 'zh-CN' | 'en';
export type DbLocale = 'zh_CN' | 'en';

export const toDbLocale = (l: Locale): DbLocale => (l === 'zh-CN' ? 'zh_CN' : 'en');
export const fromDbLocale = (l: DbLocale | string): Locale => (l === 'zh_CN' || l === 'zh-CN' ? 'zh-CN' : 'en');

/** 'zh', 'zh-Hans-CN', 'en-US' ... → the nearest supported locale. */
export function nearestLocale(tag: string | undefined | null, fallback: Locale = 'zh-CN'): Locale {
  if (!tag) return fallback;
  const t = tag.toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('en')) return 'en';
  return fallback;
}
