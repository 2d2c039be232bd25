// Satisfaction questions, in the customer's language: CSAT (1–5) after a resolved conversation, a
// closed handoff or a closed complaint, and NPS (0–10) for a sample of conversations. Pure: the
// handoff and complaint modules build the message here and send it through their own channel path;
// the answer comes back as POST /api/conversations/:id/rating (web widget) or as a chat reply that
// parseSurveyAnswer reads (Bot Framework channels, where the options are suggested actions).
import { createHash } from 'node:crypto';
import { normaliseText } from '../nlu/text-normalise.js';

export type SurveyLocale = 'zh-CN' | 'en';
export type SurveyKind = 'csat' | 'nps';
export type SurveyTrigger = 'conversation_resolved' | 'handoff_closed' | 'complaint_closed';

export interface SurveyContext {
  trigger: SurveyTrigger;
  handoffId?: string;
  complaintId?: string;
  /** Complaint reference shown to the customer (CMP-2026-000123). */
  reference?: string;
}

/** A bot message ready for the conversation store / handoff relay (suggested actions in metadata, as the store expects). */
export interface SurveyMessage {
  author: 'bot';
  text: string;
  intent: `survey.${SurveyKind}`;
  metadata: { suggestedActions: string[]; survey: { kind: SurveyKind } & SurveyContext };
}

/**
 * Whether this conversation is in the NPS sample. Deterministic (a hash of the id), so a retried job
 * or a second instance decides the same, and about `rate` of all conversations are asked.
 */
export function shouldAskNps(conversationId: string, rate: number): boolean {
  if (!(rate > 0)) return false;
  if (rate >= 1) return true;
  const bucket = createHash('sha256').update(`nps:${conversationId}`).digest().readUInt32BE(0) / 0x1_0000_0000;
  return bucket < rate;
}

const CSAT_QUESTION: Record<SurveyLocale, Record<SurveyTrigger, string>> = {
  'zh-CN': {
    conversation_resolved: '请问这次的解答对您有帮助吗？请为本次服务打分：1（非常不满意）到 5（非常满意）。',
    handoff_closed: '感谢您的耐心等待。请为刚才人工客服的服务打分：1（非常不满意）到 5（非常满意）。',
    complaint_closed: '您的投诉 {reference} 已处理完毕。请为本次投诉处理打分：1（非常不满意）到 5（非常满意），也欢迎留下您的意见。',
  },
  en: {
    conversation_resolved: 'Did this answer help? Please rate this chat from 1 (very dissatisfied) to 5 (very satisfied).',
    handoff_closed: 'Thank you for your patience. How satisfied are you with the help from our agent? Rate it from 1 (very dissatisfied) to 5 (very satisfied).',
    complaint_closed: 'Your complaint {reference} is now closed. How satisfied are you with the way we handled it? Rate it from 1 (very dissatisfied) to 5 (very satisfied); a comment is welcome too.',
  },
};

const NPS_QUESTION: Record<SurveyLocale, string> = {
  'zh-CN': '您有多大可能把我们推荐给亲友或同事？请选择 0（完全不可能）到 10（极有可能）。',
  en: 'How likely are you to recommend us to a friend or colleague? Choose from 0 (not at all likely) to 10 (extremely likely).',
};

export const SURVEY_THANKS: Record<SurveyLocale, string> = {
  'zh-CN': '感谢您的评价，我们会持续改进服务。',
  en: 'Thank you for your feedback — it helps us improve.',
};

/** Labels of the CSAT options, best first; each starts with its score so the reply parses back. */
const CSAT_OPTIONS: Record<SurveyLocale, string[]> = {
  'zh-CN': ['5 非常满意', '4 满意', '3 一般', '2 不满意', '1 非常不满意'],
  en: ['5 Very satisfied', '4 Satisfied', '3 Neutral', '2 Dissatisfied', '1 Very dissatisfied'],
};
const NPS_OPTIONS = Array.from({ length: 11 }, (_, i) => String(10 - i));

export function csatQuestion(locale: SurveyLocale, context: SurveyContext): SurveyMessage {
  const text = CSAT_QUESTION[locale][context.trigger].replace('{reference}', context.reference ?? '').replace(/\s{2,}/g, ' ');
  return { author: 'bot', text, intent: 'survey.csat', metadata: { suggestedActions: [...CSAT_OPTIONS[locale]], survey: { kind: 'csat', ...context } } };
}

export function npsQuestion(locale: SurveyLocale, context: SurveyContext): SurveyMessage {
  return { author: 'bot', text: NPS_QUESTION[locale], intent: 'survey.nps', metadata: { suggestedActions: [...NPS_OPTIONS], survey: { kind: 'nps', ...context } } };
}

/**
 * The questions to send when a conversation is resolved, a handoff closes or a complaint closes:
 * CSAT always, then NPS when the conversation is in the sample (and was not asked before).
 */
export function satisfactionQuestions(input: { conversationId: string; locale: SurveyLocale; npsRate: number; npsAlreadyAsked?: boolean } & SurveyContext): SurveyMessage[] {
  const { conversationId, locale, npsRate, npsAlreadyAsked, ...context } = input;
  const out = [csatQuestion(locale, context)];
  if (!npsAlreadyAsked && shouldAskNps(conversationId, npsRate)) out.push(npsQuestion(locale, context));
  return out;
}

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
// Longest first: "非常不满意" contains "不满意" contains "满意".
const CSAT_WORDS: Array<[RegExp, number]> = [
  [/^非常不满意|^very dissatisfied|^very unsatisfied/, 1],
  [/^不满意|^dissatisfied|^unsatisfied/, 2],
  [/^一般|^neutral|^ok(ay)?\b/, 3],
  [/^非常满意|^very satisfied|^excellent/, 5],
  [/^满意|^satisfied|^good\b/, 4],
];

/** Reads a survey reply ("4", "４分", "五星", "5 Very satisfied", "3 but the wait was long"); null when it is not one. */
export function parseSurveyAnswer(text: string, kind: SurveyKind): { score: number; comment?: string } | null {
  const t = normaliseText(text);
  const max = kind === 'csat' ? 5 : 10;
  const min = kind === 'csat' ? 1 : 0;
  let score: number | null = null;
  let rest = '';
  const digits = /^(\d{1,2})(?!\d)\s*(?:分|星|stars?|points?|\/\s*(?:5|10))?(.*)$/u.exec(t);
  const chinese = /^([零一二两三四五六七八九十])\s*(?:分|星)?(.*)$/u.exec(t);
  if (digits) [score, rest] = [Number(digits[1]), digits[2]];
  else if (chinese) [score, rest] = [CHINESE_DIGITS[chinese[1]], chinese[2]];
  else if (kind === 'csat') {
    const word = CSAT_WORDS.find(([re]) => re.test(t));
    if (word) [score, rest] = [word[1], t.replace(word[0], '')];
  }
  if (score === null || score < min || score > max) return null;
  // The label of the option tapped is not a comment.
  const labels = kind === 'csat' ? [...CSAT_OPTIONS['zh-CN'], ...CSAT_OPTIONS.en].map((l) => normaliseText(l.slice(2))) : [];
  const comment = rest.replace(/^[\s\p{P}]+/u, '').trim();
  return comment && !labels.includes(comment) ? { score, comment } : { score };
}
