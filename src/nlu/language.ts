/** The languages Teller answers in. */
export type Language = 'zh-CN' | 'en';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /\p{Script=Latin}+/gu;

/**
 * A Chinese word is on average about 1.5 characters, so a Latin word is weighed as 1.5 Han characters:
 * "我的visa卡丢了" is Chinese, "my 信用卡 was stolen" is English.
 */
const HAN_CHARS_PER_LATIN_WORD = 1.5;

/**
 * Guesses the language of one customer message from its script mix. Text with neither Han characters
 * nor Latin letters (digits, emoji, other scripts) gives `fallback`, usually the conversation's locale.
 */
export function detectLanguage(text: string, fallback: Language): Language {
  const han = text.match(HAN)?.length ?? 0;
  const latinWords = text.match(LATIN_WORD)?.length ?? 0;
  if (han === 0 && latinWords === 0) return fallback;
  const latinWeight = latinWords * HAN_CHARS_PER_LATIN_WORD;
  if (han === latinWeight) return fallback;
  return han > latinWeight ? 'zh-CN' : 'en';
}
