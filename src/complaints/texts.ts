// Customer-facing words of the complaints module in both languages: category, outcome and contact
// labels, status words with their next step, dates in the bank's time zone, and the notices sent
// when a complaint moves on. The intake's own questions live in intake/intake-texts.ts.
import type { Locale } from '../conversation/locale.js';
import { COMPLAINT_CATEGORIES, DESIRED_OUTCOMES, type ComplaintCategory, type DesiredOutcome } from './domain/extract-details.js';
import { toLocal } from './domain/time-zone.js';
import type { ComplaintStatus } from './domain/workflow.js';

export type Texts<T> = Record<Locale, T>;

export const CATEGORY_LABELS: Texts<Record<ComplaintCategory, string>> = {
  'zh-CN': {
    accounts: '账户',
    cards: '银行卡',
    loans: '贷款',
    wealth_investment: '理财与投资',
    fees_charges: '费用与收费',
    service_attitude: '服务态度',
    digital_banking: '手机/网上银行',
    other: '其他',
  },
  en: {
    accounts: 'Accounts',
    cards: 'Cards',
    loans: 'Loans',
    wealth_investment: 'Wealth and investment',
    fees_charges: 'Fees and charges',
    service_attitude: 'Service attitude',
    digital_banking: 'Mobile or online banking',
    other: 'Something else',
  },
};

export const OUTCOME_LABELS: Texts<Record<DesiredOutcome, string>> = {
  'zh-CN': {
    refund: '退还款项',
    waiver: '减免费用',
    compensation: '赔偿损失',
    apology: '道歉',
    explanation: '给出解释',
    correction: '更正处理',
    cancellation: '取消相关业务',
    investigation: '调查核实',
  },
  en: {
    refund: 'A refund',
    waiver: 'Waive the charge',
    compensation: 'Compensation',
    apology: 'An apology',
    explanation: 'An explanation',
    correction: 'Put it right',
    cancellation: 'Cancel the service',
    investigation: 'Look into it',
  },
};

export const CONTACT_PREFERENCES = ['phone', 'sms', 'email', 'wechat', 'chat'] as const;
export type ContactChoice = (typeof CONTACT_PREFERENCES)[number];

export const CONTACT_LABELS: Texts<Record<ContactChoice, string>> = {
  'zh-CN': { phone: '电话', sms: '短信', email: '邮件', wechat: '微信', chat: '在线消息' },
  en: { phone: 'Phone call', sms: 'Text message', email: 'E-mail', wechat: 'WeChat', chat: 'Here in the chat' },
};

export const isCategory = (v: unknown): v is ComplaintCategory => typeof v === 'string' && (COMPLAINT_CATEGORIES as readonly string[]).includes(v);
export const isOutcome = (v: unknown): v is DesiredOutcome => typeof v === 'string' && (DESIRED_OUTCOMES as readonly string[]).includes(v);
export const isContactChoice = (v: unknown): v is ContactChoice => typeof v === 'string' && (CONTACT_PREFERENCES as readonly string[]).includes(v);

export function categoryLabel(category: string, locale: Locale): string {
  return isCategory(category) ? CATEGORY_LABELS[locale][category] : category;
}

export function contactLabel(contact: string, locale: Locale): string {
  return isContactChoice(contact) ? CONTACT_LABELS[locale][contact] : contact;
}

/** A date as the customer reads it, in the bank's zone: 2026年12月14日 / 14 December 2026. */
export function formatDay(at: Date, locale: Locale, timeZone: string): string {
  const l = toLocal(at, timeZone);
  if (locale === 'zh-CN') return `${l.year}年${l.month}月${l.day}日`;
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][l.month - 1];
  return `${l.day} ${month} ${l.year}`;
}

/** Date and time in the bank's zone, for deadlines measured in hours. */
export function formatDayTime(at: Date, locale: Locale, timeZone: string): string {
  const l = toLocal(at, timeZone);
  const hm = `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
  return `${formatDay(at, locale, timeZone)} ${hm}`;
}

export const STATUS_WORDS: Texts<Record<ComplaintStatus, string>> = {
  'zh-CN': {
    received: '已收到，等待受理',
    acknowledged: '已受理，正在安排专人处理',
    investigating: '调查处理中',
    resolution_proposed: '已拟定处理方案，等待审核',
    approved: '处理方案已审核通过，正在落实',
    resolved: '已处理完毕',
    follow_up: '已处理完毕，正在回访',
    closed: '已结案',
    reopened: '已重新打开，将再次调查',
  },
  en: {
    received: 'received and waiting to be acknowledged',
    acknowledged: 'acknowledged; a case handler is being assigned',
    investigating: 'under investigation',
    resolution_proposed: 'a resolution has been proposed and is being reviewed',
    approved: 'the resolution has been approved and is being carried out',
    resolved: 'resolved',
    follow_up: 'resolved; we are following up with you',
    closed: 'closed',
    reopened: 'reopened and will be investigated again',
  },
};

export interface NextStepInput {
  status: ComplaintStatus;
  ackDueAt: Date;
  resolutionDueAt: Date;
  locale: Locale;
  timeZone: string;
}

/** What happens next, with the due date that matters at this stage. */
export function nextStep(i: NextStepInput): string {
  const zh = i.locale === 'zh-CN';
  const ack = formatDayTime(i.ackDueAt, i.locale, i.timeZone);
  const due = formatDay(i.resolutionDueAt, i.locale, i.timeZone);
  switch (i.status) {
    case 'received':
      return zh ? `我们会在 ${ack} 前受理，并最迟于 ${due} 前给出处理结果。` : `We will acknowledge it by ${ack} and give you our answer by ${due} at the latest.`;
    case 'acknowledged':
    case 'investigating':
    case 'reopened':
      return zh ? `我们会最迟于 ${due} 前给出处理结果。` : `We will give you our answer by ${due} at the latest.`;
    case 'resolution_proposed':
    case 'approved':
      return zh ? `处理结果会在 ${due} 前通知您。` : `You will hear the outcome by ${due}.`;
    case 'resolved':
    case 'follow_up':
      return zh ? '如对处理结果不满意，可以告诉我们，我们会重新处理。' : 'If you are not satisfied with the outcome, tell us and we will look at it again.';
    case 'closed':
      return zh ? '如仍有疑问，欢迎随时联系我们。' : 'If you still have questions, you are welcome to contact us at any time.';
  }
}

export function statusSentence(input: NextStepInput & { reference: string }): string {
  const words = STATUS_WORDS[input.locale][input.status];
  return input.locale === 'zh-CN'
    ? `投诉 ${input.reference} 当前状态：${words}。${nextStep(input)}`
    : `Complaint ${input.reference} is ${words}. ${nextStep(input)}`;
}

export function unknownReference(reference: string, locale: Locale): string {
  return locale === 'zh-CN'
    ? `没有查到编号为 ${reference} 的投诉，请核对编号（格式如 CMP-2026-000123）。`
    : `I couldn't find a complaint with reference ${reference}. Please check it (it looks like CMP-2026-000123).`;
}

/** The reply that tells the customer the complaint is filed: reference, next step, due date. */
export function filedConfirmation(input: { reference: string; ackDueAt: Date; resolutionDueAt: Date; locale: Locale; timeZone: string; urgent: boolean }): string {
  const zh = input.locale === 'zh-CN';
  const ack = formatDayTime(input.ackDueAt, input.locale, input.timeZone);
  const due = formatDay(input.resolutionDueAt, input.locale, input.timeZone);
  const head = zh
    ? `您的投诉已登记，投诉编号：${input.reference}。我们会在 ${ack} 前受理并安排专人调查，最迟于 ${due} 前给出处理结果。您可以随时发送投诉编号查询进度。`
    : `Your complaint has been registered. Your reference is ${input.reference}. We will acknowledge it and assign a case handler by ${ack}, and give you our answer by ${due} at the latest. Send us the reference at any time to check its progress.`;
  if (!input.urgent) return head;
  return head + (zh ? '由于情况较为紧急，我们同时为您联系人工客服。' : ' Because this is urgent, we are also connecting you to a member of staff.');
}

/** Notices to the customer when the complaint moves on (sent through the conversation's channel). */
export function customerNotice(kind: 'resolved' | 'follow_up' | 'reopened', input: { reference: string; resolution?: string | null; locale: Locale }): { text: string; suggestedActions?: string[] } {
  const zh = input.locale === 'zh-CN';
  switch (kind) {
    case 'resolved':
      return {
        text: zh
          ? `您的投诉 ${input.reference} 已处理完毕。${input.resolution ? `处理结果：${input.resolution}` : ''}如有疑问，请回复本消息。`
          : `Your complaint ${input.reference} has been resolved.${input.resolution ? ` Outcome: ${input.resolution}` : ''} If you have questions, just reply here.`,
      };
    case 'follow_up':
      return zh
        ? { text: `关于投诉 ${input.reference}，您对我们的处理结果满意吗？`, suggestedActions: ['非常满意', '满意', '一般', '不满意'] }
        : { text: `How satisfied are you with how we handled complaint ${input.reference}?`, suggestedActions: ['Very satisfied', 'Satisfied', 'Neutral', 'Not satisfied'] };
    case 'reopened':
      return {
        text: zh
          ? `您的投诉 ${input.reference} 已重新打开，我们会再次调查并尽快答复您。`
          : `Your complaint ${input.reference} has been reopened. We will look into it again and get back to you soon.`,
      };
  }
}
