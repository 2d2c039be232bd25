// Understanding the customer's answers during intake: commands (confirm, change, cancel), explicit
// corrections ("修改金额 500元", "change the amount to 500"), a lenient reading of the answer to the
// question just asked, and every other detail the text carries. Pure functions over plain text: the
// customer's own wording (capitals, punctuation), which is what gets kept; patterns match it
// case-insensitively, and whole-answer patterns match its normalised form (curly quotes, widths).
import { normaliseText } from '../../nlu/text-normalise.js';
import {
  classifyComplaintCategory,
  extractAmounts,
  extractContactPreference,
  extractDesiredOutcomes,
  extractWhen,
  type ComplaintCategory,
  type DesiredOutcome,
  type ExtractedWhen,
} from '../domain/extract-details.js';
import { gradeSeverity } from '../domain/severity.js';
import { CATEGORY_LABELS, CONTACT_LABELS, OUTCOME_LABELS, isCategory, type ContactChoice } from '../texts.js';
import type { Locale } from '../../conversation/locale.js';
import type { Amount, IntakeSlots, SlotName, When } from './slots.js';

export interface ReadContext {
  now: Date;
  timeZone: string;
  locale: Locale;
}

const END = String.raw`[\s。.!！~～,，]*$`;
const CONFIRM = new RegExp(
  String.raw`^(?:确认|确认提交|确认无误|提交|提交吧|是|是的|对|对的|没错|没问题|好|好的|可以|行|ok|okay|yes|yep|yes please|submit|submit it|confirm|confirmed|correct|that'?s right|looks good|go ahead)${END}`,
  'i',
);
const CHANGE = new RegExp(String.raw`^(?:修改|更改|我要修改|需要修改|要修改|改一下|不对|有误|有错|change|change something|edit|not quite|that'?s wrong|wrong)${END}`, 'i');
const CANCEL = new RegExp(
  String.raw`^(?:取消|取消投诉|取消吧|撤销投诉|不投诉了|我不投诉了|不想投诉了|我不想投诉了|不用了|算了|放弃|cancel|cancel it|cancel (?:the|this|my) complaint|never ?mind|forget it|stop|don'?t file it)${END}`,
  'i',
);

export type Command = 'confirm' | 'change' | 'cancel';

export function readCommand(text: string): Command | null {
  const t = normaliseText(text);
  if (CANCEL.test(t)) return 'cancel';
  if (CONFIRM.test(t)) return 'confirm';
  if (CHANGE.test(t)) return 'change';
  return null;
}

const SLOT_WORDS: Array<[SlotName, RegExp]> = [
  ['amount', /金额|钱数|数额|多少钱|\bamount\b|\bsum\b|\bhow much\b/i],
  ['when', /发生时间|时间|日期|哪天|\bdate\b|\btime\b|\bwhen\b/i],
  ['category', /业务类别|类别|类型|业务|\bcategory\b|\barea\b|\bproduct\b|\btype\b/i],
  ['outcome', /期望处理|期望结果|期望|诉求|处理要求|\boutcome\b|\bresolution\b|\bwhat i want\b|\bexpected result\b/i],
  ['contact', /联系方式|联系方法|联系|\bcontact\b|\bcall back\b/i],
  ['description', /问题描述|问题经过|经过|描述|\bdescription\b|\bwhat happened\b|\bdetails\b/i],
];
const CHANGE_VERB = /修改|更改|改成|改为|改一下|更正|应该是|应为|其实是|不是.{0,12}而是|\bchange\b|\bcorrect\b|\bupdate\b|\bedit\b|\bshould be\b|\bactually\b|\bfix\b/i;

/** Which slot a short text names ("金额", "the date"), for "which would you like to change?". */
export function slotNamed(text: string, locale: Locale): SlotName | null {
  const t = text.trim();
  const labels = SLOT_LABELS[locale];
  for (const [slot, label] of Object.entries(labels) as Array<[SlotName, string]>) if (t === label) return slot;
  for (const [slot, re] of SLOT_WORDS) if (re.test(t)) return slot;
  return null;
}

/** An explicit correction: a change verb and a slot word; `rest` is what follows the slot word. */
export function readCorrection(text: string): { slot: SlotName; rest: string } | null {
  if (!CHANGE_VERB.test(text)) return null;
  for (const [slot, re] of SLOT_WORDS) {
    const m = re.exec(text);
    if (m) {
      const rest = text
        .slice((m.index ?? 0) + m[0].length)
        .replace(/^\s*(?:改成|改为|应该是|应为|是|为|成|to be|to|should be|is|as|:|：)\s*/i, '')
        .trim();
      return { slot, rest };
    }
  }
  return null;
}

export const SLOT_LABELS: Record<Locale, Record<SlotName, string>> = {
  'zh-CN': { description: '问题描述', category: '业务类别', when: '发生时间', amount: '金额', outcome: '期望处理', contact: '联系方式' },
  en: { description: 'What happened', category: 'Area', when: 'When', amount: 'Amount', outcome: 'Outcome wanted', contact: 'Contact' },
};

// ---------------------------------------------------------------------------------------------
// Signals: everything a text says about any slot.

export interface Signals {
  category?: { category: Exclude<ComplaintCategory, 'other'>; evidence: string[] };
  amount?: Amount;
  noAmount: boolean;
  when?: When;
  outcomes: DesiredOutcome[];
  contact?: ContactChoice;
  /** Severity keyword rules this text triggers (regulator, lawyer, media, fraud, mis-selling). */
  severityReasons: string[];
}

const NO_AMOUNT = /^(?:没有|没|无|不涉及|没有涉及(?:金额)?|不涉及金额|没有涉及金额|没涉及|没有金额|没损失|没有损失|不是钱的问题|0|0元|零|none|no|nope|nothing|n\/?a|no money(?: involved)?|no money was involved|not about money|no amount|zero)[\s。.!！,，]*$/i;
const CONTACT_WORDS: Array<[ContactChoice, RegExp]> = [
  ['phone', /^(?:电话|打电话|手机|来电|致电|phone|phone call|call|a call|call me|by phone|telephone)[\s。.!！]*$|\d{3}\*{2,}\d{2,4}|1\d{2}\s?\d{4}\s?\d{4}/i],
  ['sms', /^(?:短信|发短信|sms|text|text message|a text)[\s。.!！]*$/i],
  ['email', /^(?:邮件|电子邮件|邮箱|email|e-mail|by email|by e-mail)[\s。.!！]*$|[^\s@]+@[^\s@]+\.[a-z]{2,}|\*+@/i],
  ['wechat', /^(?:微信|wechat)[\s。.!！]*$/i],
  ['chat', /^(?:在线消息|在线|聊天|这里|就在这里|网上|app消息|消息|online|chat|here|in the chat|here in the chat|message me here|in the app)[\s。.!！]*$|在这里(?:回复|联系|通知)|\bin (?:this|the) chat\b|\bmessage me here\b/i],
];
const UNKNOWN_WHEN = /不记得|记不清|忘了|不清楚|不确定|\bnot sure\b|\bdon'?t remember\b|\bcan'?t remember\b|\bno idea\b|\bunsure\b|\bforgot\b/i;

function labelMatch<T extends string>(text: string, labels: Record<T, string>): T | null {
  const t = text.trim().toLowerCase();
  for (const [key, label] of Object.entries(labels) as Array<[T, string]>) if (label.toLowerCase() === t) return key;
  return null;
}

/** True when the text is just one of the category quick replies (nothing more to keep as a note). */
export function isCategoryLabel(text: string): boolean {
  const t = text.trim();
  return !!(labelMatch(t, CATEGORY_LABELS['zh-CN']) ?? labelMatch(t, CATEGORY_LABELS.en) ?? (isCategory(t) ? t : null));
}

export function readContact(text: string): ContactChoice | undefined {
  const t = text.trim();
  const label = labelMatch(t, CONTACT_LABELS['zh-CN']) ?? labelMatch(t, CONTACT_LABELS.en);
  if (label) return label;
  const rule = extractContactPreference(t.normalize('NFKC'));
  if (rule) return rule;
  for (const [pref, re] of CONTACT_WORDS) if (re.test(t)) return pref;
  return undefined;
}

export function signalsOf(text: string, ctx: ReadContext): Signals {
  const t = text.normalize('NFKC');
  const { category, evidence } = classifyComplaintCategory(t);
  const amounts = extractAmounts(t);
  const when = extractWhen(t, { now: ctx.now, timeZone: ctx.timeZone });
  const severity = gradeSeverity({ text: t });
  return {
    ...(category !== 'other' ? { category: { category, evidence } } : {}),
    ...(amounts[0] ? { amount: amounts[0] } : {}),
    noAmount: NO_AMOUNT.test(t.trim()),
    ...(when ? { when: toWhen(when) } : {}),
    outcomes: extractDesiredOutcomes(t),
    contact: readContact(t),
    severityReasons: severity.reasons,
  };
}

function toWhen(w: ExtractedWhen): When {
  return { raw: w.raw, ...(w.date ? { date: w.date } : {}), ...(w.precision ? { precision: w.precision } : {}) };
}

const PRECISION_RANK = { year: 1, month: 2, week: 3, day: 4 } as const;
/** A newly heard time replaces the old one when it says more ("上个月" → "上个月10号"). */
export function morePrecise(next: When, current: When | undefined): boolean {
  if (!current) return true;
  const a = next.precision ? PRECISION_RANK[next.precision] : 0;
  const b = current.precision ? PRECISION_RANK[current.precision] : 0;
  return a > b || (a === b && next.date !== current.date);
}

export const hasAnySignal = (s: Signals) => !!(s.category || s.amount || s.noAmount || s.when || s.outcomes.length || s.contact);

// ---------------------------------------------------------------------------------------------
// Reading the answer to one question.

export type SlotUpdate = Partial<Pick<IntakeSlots, 'description' | 'category' | 'categoryEvidence' | 'amount' | 'when' | 'desiredOutcome' | 'outcomes' | 'contact' | 'contactNote'>>;

const BARE_NUMBER = /^(?:[¥￥$])?\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?$/;

export function outcomeText(outcomes: DesiredOutcome[], locale: Locale): string {
  return outcomes.map((o) => OUTCOME_LABELS[locale][o]).join(locale === 'zh-CN' ? '、' : ', ');
}

/**
 * The answer read as the value of `slot`, leniently: null when it does not fit that slot but carries
 * other details (the caller files those instead and asks again). `strict` refuses free text, for a
 * correction whose value must be recognisable.
 */
export function readAnswer(slot: SlotName, text: string, ctx: ReadContext, signals = signalsOf(text, ctx), strict = false): SlotUpdate | null {
  const t = text.trim();
  if (!t) return null;
  const other = hasAnySignal(signals);
  switch (slot) {
    case 'description':
      return t.length >= 2 ? { description: t } : null;
    case 'category': {
      const label = labelMatch(t, CATEGORY_LABELS['zh-CN']) ?? labelMatch(t, CATEGORY_LABELS.en) ?? (isCategory(t) ? t : null);
      if (label) return { category: label, categoryEvidence: [] };
      if (signals.category) return { category: signals.category.category, categoryEvidence: signals.category.evidence };
      if (/^(?:其他|其它|别的|都不是|other|something else|none of these)[\s。.!！]*$/i.test(t)) return { category: 'other', categoryEvidence: [] };
      return other || strict ? null : { category: 'other', categoryEvidence: [] };
    }
    case 'when':
      if (signals.when) return { when: signals.when };
      if (UNKNOWN_WHEN.test(normaliseText(t))) return { when: { raw: t } };
      return other || strict ? null : { when: { raw: t } };
    case 'amount': {
      if (signals.amount) return { amount: signals.amount };
      if (signals.noAmount) return { amount: null };
      const bare = BARE_NUMBER.exec(normaliseText(t));
      if (bare) {
        const value = Number(bare[1].replace(/,/g, ''));
        if (value > 0) return { amount: { value, currency: t.startsWith('$') ? 'USD' : 'CNY', raw: t } };
      }
      // "不清楚多少" is an answer too: the amount stays unknown rather than being asked again.
      return other || strict ? null : { amount: null };
    }
    case 'outcome':
      if (signals.outcomes.length) {
        // The customer's own words say more than a label ("退还年费" rather than "退还款项").
        return { outcomes: signals.outcomes, desiredOutcome: t.length <= 60 ? t : outcomeText(signals.outcomes, ctx.locale) };
      }
      return other || strict ? null : { desiredOutcome: t, outcomes: [] };
    case 'contact': {
      const pref = signals.contact ?? readContact(t);
      if (pref) return { contact: pref };
      return other || strict ? null : { contactNote: t };
    }
  }
}

/** Applies what a text says about slots other than `except`; fills gaps, or overwrites when `overwrite`. */
export function absorbSignals(slots: IntakeSlots, s: Signals, locale: Locale, opts: { except?: SlotName; overwrite: boolean }): { slots: IntakeSlots; changed: SlotName[] } {
  const next: IntakeSlots = { ...slots };
  const changed: SlotName[] = [];
  const may = (slot: SlotName, filled: boolean) => slot !== opts.except && (opts.overwrite || !filled);
  if (s.category && may('category', !!slots.category && slots.category !== 'other')) {
    if (next.category !== s.category.category) changed.push('category');
    next.category = s.category.category;
    next.categoryEvidence = s.category.evidence;
  }
  if (s.amount && may('amount', slots.amount !== undefined && slots.amount !== null)) {
    if (next.amount?.value !== s.amount.value || next.amount?.currency !== s.amount.currency) changed.push('amount');
    next.amount = s.amount;
  }
  if (s.when && opts.except !== 'when' && (opts.overwrite || morePrecise(s.when, slots.when))) {
    changed.push('when');
    next.when = s.when;
  }
  if (s.outcomes.length && may('outcome', !!slots.desiredOutcome)) {
    next.outcomes = s.outcomes;
    next.desiredOutcome = outcomeText(s.outcomes, locale);
    changed.push('outcome');
  }
  if (s.contact && may('contact', !!slots.contact)) {
    if (next.contact !== s.contact) changed.push('contact');
    next.contact = s.contact;
  }
  return { slots: next, changed };
}

// Boilerplate that says "this is a complaint" without saying what about.
const BOILERPLATE = /我要投诉|我想投诉|我要投诉你们|投诉一下|要投诉|投诉|我要反映|我要反馈|\bi (?:want|would like|wish|need|have) to (?:make|file|lodge|raise|submit|register) (?:a |an )?(?:formal |official )?complaint\b|\bi (?:want|would like) to complain\b|\bcomplaint\b|\bcomplain\b|\bplease\b|\bhello\b|\bhi\b|你好|您好|请问/gi;

/** Whether a first message says what happened, or only that the customer wants to complain. */
export function describesProblem(text: string, signals: Signals): boolean {
  if (signals.category || signals.amount || signals.when) return true;
  const rest = text.replace(BOILERPLATE, ' ');
  const cjk = (rest.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const words = (rest.match(/[A-Za-z]{2,}/g) ?? []).length;
  return cjk >= 6 || words >= 4;
}
