/*
 * Chinese side of the knowledge tokeniser. Without a segmenter, overlapping character unigrams and
 * bigrams are the standard robust choice for short queries: bigrams carry most of the meaning
 * ("分期", "挂失"), unigrams rescue single-character words and segmentation-free matches ("卡", "费").
 */

// Particles and question words: never a term, and never half of a bigram ("怎么开通" must not yield
// "么开"). 请 is not here because of 申请.
const BREAK_CHARS = new Set('的了吗呢吧啊呀哦嘛么怎啥咋呗哈嗯诶'.split(''));

// Pronouns and light verbs: too common to count alone, but kept inside bigrams ("下载", "过期", "能用").
const WEAK_CHARS = new Set('我你您他她它们是在和与或就都也这那个一请问想要能会可以样什如何下有给把被让得着过为该今刚'.split(''));

// Bigrams that only frame the question ("怎么", "请问") and would otherwise match every entry.
const STOP_BIGRAMS = new Set(
  [
    '怎么', '么办', '什么', '如何', '请问', '可以', '一下', '我的', '我想', '我要', '你们', '您好', '你好',
    '那个', '这个', '一个', '怎样', '么样', '是不', '不是', '为什', '咋办', '能不', '有没', '需要',
    '要怎', '想问', '问一', '问下', '下我', '想要', '我们', '的话', '了吗', '的吗', '多少', '少钱',
    // Time words say when, not what: "今天" must not tie a message to the one entry that mentions today.
    '今天', '明天', '昨天', '前天', '后天', '现在', '刚才', '刚刚', '最近', '上午', '下午', '晚上', '早上',
  ],
);

// Variant characters that customers and forms use interchangeably.
const VARIANTS: Record<string, string> = { 帐: '账', 彔: '录', 週: '周', 裏: '里', 麼: '么' };

export function normaliseHan(run: string): string {
  return run.replace(/[帐彔週裏麼]/g, (ch) => VARIANTS[ch] ?? ch);
}

/** Unigrams and bigrams of one run of Han characters, minus the stop lists. */
export function hanTerms(run: string, emit: (term: string, kind: 'unigram' | 'bigram') => void): void {
  const chars = [...normaliseHan(run)];
  for (let i = 0; i < chars.length; i++) {
    if (BREAK_CHARS.has(chars[i])) continue;
    if (!WEAK_CHARS.has(chars[i])) emit(chars[i], 'unigram');
    if (i + 1 < chars.length && !BREAK_CHARS.has(chars[i + 1])) {
      const bigram = chars[i] + chars[i + 1];
      if (!STOP_BIGRAMS.has(bigram)) emit(bigram, 'bigram');
    }
  }
}
