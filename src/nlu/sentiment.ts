// A small lexicon sentiment score in [-1, 1] for zh-CN and en, enough to see a conversation turning
// sour (a handoff trigger and a line in the agent's context), not a general sentiment model.
import type { Locale } from '../conversation/locale.js';

const NEGATIVE_ZH = ['垃圾', '太差', '差劲', '气死', '生气', '愤怒', '恶心', '骗子', '坑人', '投诉', '不满', '失望', '无语', '离谱', '受够', '烦死', '什么破', '破银行', '没人管', '不管', '忽悠', '欺骗', '黑心', '滚', '太慢', '不靠谱', '搞什么', '凭什么'];
const STRONG_ZH = ['垃圾', '气死', '骗子', '受够', '恶心', '黑心', '滚', '破银行', '什么破'];
const POSITIVE_ZH = ['谢谢', '感谢', '好的', '满意', '不错', '很好', '太好了', '方便', '解决了', '棒'];
const NEGATIVE_EN = ['terrible', 'awful', 'horrible', 'useless', 'ridiculous', 'angry', 'furious', 'disgusting', 'scam', 'rip-off', 'ripoff', 'unacceptable', 'worst', 'hate', 'fed up', 'sick of', 'disappointed', 'annoyed', 'frustrated', 'nobody', 'incompetent', 'pathetic', 'joke', 'rubbish', 'stupid', 'complaint'];
const STRONG_EN = ['worst', 'hate', 'furious', 'disgusting', 'pathetic', 'fed up', 'sick of', 'incompetent', 'useless', 'unacceptable'];
const POSITIVE_EN = ['thanks', 'thank you', 'great', 'good', 'helpful', 'perfect', 'excellent', 'appreciate', 'solved', 'awesome'];

function count(text: string, words: string[]) {
  return words.reduce((n, w) => n + (text.includes(w) ? 1 : 0), 0);
}

export function sentimentScore(text: string, locale: Locale): number {
  const t = text.toLowerCase();
  const [neg, strong, pos] = locale === 'zh-CN' ? [NEGATIVE_ZH, STRONG_ZH, POSITIVE_ZH] : [NEGATIVE_EN, STRONG_EN, POSITIVE_EN];
  // Both lexicons apply to mixed-language text; the locale only decides which goes first.
  const n = count(t, neg) + count(t, locale === 'zh-CN' ? NEGATIVE_EN : NEGATIVE_ZH);
  const s = count(t, strong) + count(t, locale === 'zh-CN' ? STRONG_EN : STRONG_ZH);
  const p = count(t, pos) + count(t, locale === 'zh-CN' ? POSITIVE_EN : POSITIVE_ZH);
  const exclaim = (text.match(/[!！]/g) ?? []).length >= 2 ? 0.5 : 0;
  const raw = p - n - s - exclaim;
  return Math.max(-1, Math.min(1, raw / 3));
}
