// The agent's summary of what happened before the handoff, without an LLM: the customer's most
// informative sentences (in their own words, already masked), the reason for the handoff, the
// intents detected along the way, the linked complaint and how the customer's mood went.
// Pure: everything arrives as data.
import type { HandoffReason } from '../conversation/turn-types.js';
import type { Locale } from '../conversation/locale.js';

export interface SummaryMessage {
  author: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  intent?: string | null;
}

export interface SummaryComplaint {
  reference: string;
  category: string;
  severity: string;
  status: string;
}

export type SentimentDirection = 'improving' | 'worsening' | 'stable' | 'unknown';

export interface SentimentTrend {
  /** Recent customer turns, oldest first, -1 (angry) … 1 (happy). */
  values: number[];
  latest: number | null;
  average: number | null;
  direction: SentimentDirection;
}

export function sentimentTrend(values: readonly number[]): SentimentTrend {
  const v = values.filter((x) => Number.isFinite(x));
  if (!v.length) return { values: [], latest: null, average: null, direction: 'unknown' };
  const round = (x: number) => Math.round(x * 100) / 100;
  const average = v.reduce((a, b) => a + b, 0) / v.length;
  let direction: SentimentDirection = 'stable';
  if (v.length >= 2) {
    // Compare the newest half with the older half, so one odd turn does not flip the trend.
    const half = Math.floor(v.length / 2);
    const older = v.slice(0, half), newer = v.slice(v.length - half);
    const delta = newer.reduce((a, b) => a + b, 0) / newer.length - older.reduce((a, b) => a + b, 0) / older.length;
    direction = delta <= -0.2 ? 'worsening' : delta >= 0.2 ? 'improving' : 'stable';
  }
  return { values: v.map(round), latest: round(v[v.length - 1]), average: round(average), direction };
}

const REASON_TEXT: Record<Locale, Record<HandoffReason, string>> = {
  'zh-CN': {
    customer_request: '客户主动要求人工',
    urgent: '紧急事项（挂失/盗刷/诈骗等）',
    complaint_severity: '投诉严重程度高',
    repeated_fallback: '机器人多次未能理解',
    negative_sentiment: '客户情绪明显负面',
  },
  en: {
    customer_request: 'the customer asked for a person',
    urgent: 'urgent matter (lost card, fraud, scam...)',
    complaint_severity: 'high-severity complaint',
    repeated_fallback: 'the bot failed to understand several times',
    negative_sentiment: 'strongly negative sentiment',
  },
};

const MOOD_TEXT: Record<Locale, Record<SentimentDirection, string>> = {
  'zh-CN': { improving: '好转', worsening: '变差', stable: '平稳', unknown: '未知' },
  en: { improving: 'improving', worsening: 'worsening', stable: 'stable', unknown: 'unknown' },
};

export const reasonText = (reason: HandoffReason, locale: Locale) => REASON_TEXT[locale][reason] ?? reason;

/** Messages that carry no facts for the agent: asking for a person, greetings, thanks. */
const NOISE_INTENT = /^(handoff\.request|smalltalk\.)/;
const NOISE_TEXT = new RegExp(
  [
    '^(转人工|转接人工|人工|人工客服|找人工|我要人工|要人工|真人|客服|你好|您好|在吗|谢谢|好的|嗯|是的|对)[\\s!！。.?？]*$',
    "^(please |pls )?((i want|i'd like|i need|can i|could i|let me) )?((to )?(talk|speak|chat) (to|with) )?(an? |the |a real |some )?(agent|human|person|someone|operator|representative)( please| now)?[\\s!.?]*$",
    "^(hi|hello|hey|thanks?|thank you|ok|okay|yes|no|sure)[\\s!.?]*$",
  ].join('|'),
  'i',
);
const SENTENCE_END = /(?<=[。！？!?；;\n])|(?<=\.)\s+/;

function informativeScore(sentence: string): number {
  const cjk = (sentence.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const words = sentence.split(/\s+/).filter(Boolean).length;
  const length = cjk > 0 ? cjk / 2 + words : words;
  let score = Math.min(length, 20);
  if (/\d/.test(sentence)) score += 4; // amounts, dates, times
  if (/[?？]|怎么|如何|为什么|多少|能不能|是否|how|why|what|when|can i|could/i.test(sentence)) score += 3;
  if (/投诉|扣|退|错|没人|不满|盗|丢|冻结|骗|complain|charged|refund|wrong|lost|stolen|fraud|blocked|frozen|scam/i.test(sentence)) score += 5;
  return score;
}

/** The customer's key sentences, most informative first chosen, returned in the order said. */
export function keyCustomerSentences(messages: readonly SummaryMessage[], max = 3): string[] {
  const candidates: Array<{ text: string; order: number; score: number }> = [];
  const seen = new Set<string>();
  let order = 0;
  for (const m of messages) {
    if (m.author !== 'customer' || (m.intent && NOISE_INTENT.test(m.intent))) continue;
    for (const raw of m.text.split(SENTENCE_END)) {
      const text = raw.trim().replace(/\s+/g, ' ');
      const key = text.toLowerCase().replace(/[\s\p{P}]/gu, '');
      order++;
      if (!text || NOISE_TEXT.test(text) || key.length < 3 || seen.has(key)) continue;
      seen.add(key);
      candidates.push({ text: text.length > 160 ? `${text.slice(0, 157)}...` : text, order, score: informativeScore(text) });
    }
  }
  return candidates
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, max)
    .sort((a, b) => a.order - b.order)
    .map((c) => c.text);
}

/** Intents in the order first seen, without repeats, noise left out. */
export function distinctIntents(intents: readonly string[], max = 6): string[] {
  const out: string[] = [];
  for (const i of intents) if (i && !out.includes(i)) out.push(i);
  return out.slice(-max);
}

export interface ExtractiveSummaryInput {
  locale: Locale;
  reason: HandoffReason;
  messages: readonly SummaryMessage[];
  intents: readonly string[];
  complaint: SummaryComplaint | null;
  sentiment: SentimentTrend;
}

export function extractiveSummary(input: ExtractiveSummaryInput): string {
  const zh = input.locale === 'zh-CN';
  const label = (zhLabel: string, enLabel: string) => (zh ? `${zhLabel}：` : `${enLabel}: `);
  const lines: string[] = [];
  const sentences = keyCustomerSentences(input.messages);
  lines.push(label('客户诉求', 'Customer said') + (sentences.length ? sentences.join(' / ') : zh ? '尚未说明具体问题' : 'no specific question yet'));
  lines.push(label('转人工原因', 'Handoff reason') + reasonText(input.reason, input.locale));
  const intents = distinctIntents(input.intents);
  if (intents.length) lines.push(label('识别意图', 'Intents') + intents.join(' → '));
  if (input.complaint) {
    const c = input.complaint;
    lines.push(label('关联投诉', 'Complaint') + (zh ? `${c.reference}（${c.category}，严重程度 ${c.severity}，状态 ${c.status}）` : `${c.reference} (${c.category}, severity ${c.severity}, status ${c.status})`));
  }
  if (input.sentiment.direction !== 'unknown') {
    lines.push(label('情绪', 'Mood') + `${MOOD_TEXT[input.locale][input.sentiment.direction]} (${input.sentiment.latest})`);
  }
  return lines.join('\n');
}
