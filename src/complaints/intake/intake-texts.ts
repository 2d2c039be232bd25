// What the intake dialog says, in Chinese and English: the empathetic opening, one question per slot
// with quick replies, the summary to confirm, and the short acknowledgements in between.
// Quick replies on questions never contain 确认/提交/是 — those words belong to the confirmation step.
import type { Locale } from '../../conversation/locale.js';
import type { ReplyDraft } from '../../conversation/turn-types.js';
import { COMPLAINT_CATEGORIES } from '../domain/extract-details.js';
import { CATEGORY_LABELS, categoryLabel, contactLabel } from '../texts.js';
import { SLOT_LABELS } from './interpret.js';
import { SLOT_ORDER, type Amount, type IntakeSlots, type SlotName, type When } from './slots.js';

interface IntakeWords {
  opening: string;
  openingUrgent: string;
  questions: Record<SlotName, string>;
  suggestions: Partial<Record<SlotName, string[]>>;
  noted: (what: string) => string;
  summaryHead: string;
  summaryTail: string;
  summaryActions: [submit: string, change: string, cancel: string];
  chooseChange: string;
  askAgain: string;
  cancelled: string;
  notGiven: string;
  noAmount: string;
  submitting: string;
}

const ZH: IntakeWords = {
  opening: '非常抱歉给您带来了不好的体验，我来帮您登记投诉，并尽快安排专人处理。',
  openingUrgent: '非常抱歉发生这样的事，我们会优先处理。我先帮您登记投诉。',
  questions: {
    description: '能具体说说发生了什么吗？',
    category: '这个问题主要涉及哪方面的业务？',
    when: '这件事大概是什么时候发生的？（例如：上个月10号、昨天）',
    amount: '涉及的金额是多少？如果不涉及金额，回复“没有”即可。',
    outcome: '您希望我们怎样处理？',
    contact: '处理结果出来后，您希望我们通过什么方式联系您？',
  },
  suggestions: {
    category: COMPLAINT_CATEGORIES.map((c) => CATEGORY_LABELS['zh-CN'][c]),
    when: ['今天', '昨天', '上周', '不记得了'],
    amount: ['没有涉及金额'],
    outcome: ['退还费用', '赔偿损失', '给出解释', '道歉'],
    contact: ['电话', '短信', '邮件', '在线消息'],
  },
  noted: (what) => `好的，已记下${what}。`,
  summaryHead: '请核对以下投诉信息：',
  summaryTail: '无误请选择“确认提交”；需要修改请选择“修改”，也可以直接说“修改金额 500元”。',
  summaryActions: ['确认提交', '修改', '取消'],
  chooseChange: '请问要修改哪一项？',
  askAgain: '请选择“确认提交”提交投诉，或选择“修改”“取消”。',
  cancelled: '好的，本次投诉登记已取消。如果之后还需要，随时告诉我。',
  notGiven: '未提供',
  noAmount: '不涉及',
  submitting: '好的，正在为您提交投诉。',
};

const EN: IntakeWords = {
  opening: "I'm sorry this happened. I'll register your complaint and make sure the right person looks into it.",
  openingUrgent: "I'm very sorry this happened — we will treat it as a priority. Let me register your complaint first.",
  questions: {
    description: 'Could you tell me what happened?',
    category: 'Which area is this about?',
    when: 'When did this happen? (for example: yesterday, on 10 March)',
    amount: 'How much money is involved? If none, just say "none".',
    outcome: 'What would you like us to do to put it right?',
    contact: 'How would you like us to contact you about the outcome?',
  },
  suggestions: {
    category: COMPLAINT_CATEGORIES.map((c) => CATEGORY_LABELS.en[c]),
    when: ['Today', 'Yesterday', 'Last week', "I don't remember"],
    amount: ['None'],
    outcome: ['A refund', 'Compensation', 'An explanation', 'An apology'],
    contact: ['Phone call', 'Text message', 'E-mail', 'Here in the chat'],
  },
  noted: (what) => `Thanks, I've noted ${what}.`,
  summaryHead: 'Please check your complaint:',
  summaryTail: 'Choose "Submit" to file it, or "Change something" to correct a detail (you can also say e.g. "change the amount to 500").',
  summaryActions: ['Submit', 'Change something', 'Cancel'],
  chooseChange: 'What would you like to change?',
  askAgain: 'Choose "Submit" to file your complaint, or "Change something" or "Cancel".',
  cancelled: "All right, I've cancelled this complaint. If you need it later, just tell me.",
  notGiven: 'not given',
  noAmount: 'none',
  submitting: "Thank you — I'm filing your complaint now.",
};

export const INTAKE_WORDS: Record<Locale, IntakeWords> = { 'zh-CN': ZH, en: EN };

export function question(slot: SlotName, locale: Locale): ReplyDraft {
  const w = INTAKE_WORDS[locale];
  const suggestions = w.suggestions[slot];
  return { text: w.questions[slot], ...(suggestions ? { suggestedActions: suggestions } : {}) };
}

export function formatAmount(amount: Amount | null | undefined, locale: Locale): string {
  const w = INTAKE_WORDS[locale];
  if (amount === undefined) return w.notGiven;
  if (amount === null) return w.noAmount;
  const v = amount.value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (locale === 'zh-CN' && amount.currency === 'CNY') return `${v}元`;
  return `${amount.currency} ${v}`;
}

export function formatWhen(when: When | undefined, locale: Locale): string {
  if (!when) return INTAKE_WORDS[locale].notGiven;
  if (!when.date || when.date === when.raw) return when.raw;
  return locale === 'zh-CN' ? `${when.raw}（${when.date}）` : `${when.raw} (${when.date})`;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function slotValue(slot: SlotName, slots: IntakeSlots, locale: Locale): string {
  const w = INTAKE_WORDS[locale];
  switch (slot) {
    case 'description':
      return slots.description ? clip([slots.description, ...slots.notes].join(locale === 'zh-CN' ? '；' : '; '), 160) : w.notGiven;
    case 'category':
      return slots.category ? categoryLabel(slots.category, locale) : w.notGiven;
    case 'when':
      return formatWhen(slots.when, locale);
    case 'amount':
      return formatAmount(slots.amount, locale);
    case 'outcome':
      return slots.desiredOutcome ?? w.notGiven;
    case 'contact':
      return [slots.contact ? contactLabel(slots.contact, locale) : null, slots.contactNote].filter(Boolean).join(' — ') || w.notGiven;
  }
}

/** "the amount (300元)" — what was just filed from an answer that was not for the question asked. */
export function notedList(changed: SlotName[], slots: IntakeSlots, locale: Locale): string {
  const parts = changed.map((s) => (locale === 'zh-CN' ? `${SLOT_LABELS[locale][s]}：${slotValue(s, slots, locale)}` : `${SLOT_LABELS[locale][s].toLowerCase()}: ${slotValue(s, slots, locale)}`));
  return parts.join(locale === 'zh-CN' ? '，' : '; ');
}

export function summary(slots: IntakeSlots, locale: Locale): ReplyDraft {
  const w = INTAKE_WORDS[locale];
  const lines = SLOT_ORDER.map((s) => `· ${SLOT_LABELS[locale][s]}${locale === 'zh-CN' ? '：' : ': '}${slotValue(s, slots, locale)}`);
  return { text: [w.summaryHead, ...lines, w.summaryTail].join('\n'), suggestedActions: [...w.summaryActions] };
}

export function chooseChange(locale: Locale): ReplyDraft {
  return { text: INTAKE_WORDS[locale].chooseChange, suggestedActions: SLOT_ORDER.map((s) => SLOT_LABELS[locale][s]) };
}
