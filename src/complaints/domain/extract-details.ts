// Rule-based extraction of complaint details from what a customer typed, in Chinese or English:
// category, amount, when it happened, what they want and how they want to be contacted. The intake
// dialog asks only for what is still missing; an LLM may fill gaps but this works without one.
// Relative dates ("上个月10号", "last Monday") resolve against `now` in the bank's time zone, and the
// customer's own words are always kept next to the resolved date.
import { addDays, daysInMonth, formatDate, isValidDate, localDateOf, parseDate, weekdayOf } from './time-zone.js';

export const COMPLAINT_CATEGORIES = [
  'accounts',
  'cards',
  'loans',
  'wealth_investment',
  'fees_charges',
  'service_attitude',
  'digital_banking',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export interface ExtractedAmount {
  value: number;
  /** ISO 4217 code. */
  currency: string;
  raw: string;
}

export interface ExtractedWhen {
  raw: string;
  /** 'YYYY-MM-DD' (day, or Monday of the week), 'YYYY-MM' (month) or 'YYYY' (year); absent when not resolvable. */
  date?: string;
  precision?: 'day' | 'week' | 'month' | 'year';
}

export const DESIRED_OUTCOMES = ['refund', 'waiver', 'compensation', 'apology', 'explanation', 'correction', 'cancellation', 'investigation'] as const;
export type DesiredOutcome = (typeof DESIRED_OUTCOMES)[number];
export type ContactPreference = 'phone' | 'sms' | 'email' | 'wechat';

export interface ComplaintDetails {
  category: ComplaintCategory;
  /** Words that decided the category, for the agent's context and for tests. */
  categoryEvidence: string[];
  /** The first amount mentioned; all of them in `amounts`. */
  amount?: ExtractedAmount;
  amounts: ExtractedAmount[];
  when?: ExtractedWhen;
  desiredOutcomes: DesiredOutcome[];
  contactPreference?: ContactPreference;
  /** The customer's text with whitespace tidied. */
  description: string;
}

export interface ExtractOptions {
  now: Date;
  /** IANA zone or fixed offset; default Asia/Shanghai. */
  timeZone?: string;
}

// ---------------------------------------------------------------------------------------------
// Category

interface CategoryRule {
  category: Exclude<ComplaintCategory, 'other'>;
  weight: number;
  pattern: RegExp;
}

// Service complaints often come second ("…and nobody at the hotline helped"), so the mere mention
// of staff or the hotline weighs less than the product the customer is complaining about.
const CATEGORY_RULES: CategoryRule[] = [
  { category: 'fees_charges', weight: 2, pattern: /年费|手续费|服务费|管理费|违约金|滞纳金|短信费|扣费|乱收费|多收|收费|费用/g },
  { category: 'fees_charges', weight: 1, pattern: /利息/g }, // interest is also what deposits and loans earn or cost
  { category: 'fees_charges', weight: 1, pattern: /扣了|扣款|扣钱|扣我/g },
  { category: 'fees_charges', weight: 2, pattern: /\b(?:fees?|charges?|charged|overcharged|commission|penalty|interest charged)\b/gi },
  { category: 'cards', weight: 2, pattern: /信用卡|借记卡|银行卡|储蓄卡|卡片|刷卡|盗刷|挂失|补卡|激活|信用额度|额度|分期|账单|还款日|取款机/g },
  { category: 'cards', weight: 2, pattern: /\b(?:credit cards?|debit cards?|cards?|atm|cash machine|chargeback|credit limit|contactless|pin|pos)\b/gi },
  { category: 'loans', weight: 2, pattern: /贷款|房贷|车贷|按揭|借款|放款|提前还款|征信|利率|月供|抵押/g },
  { category: 'loans', weight: 2, pattern: /\b(?:loans?|mortgages?|interest rates?|credit report|credit score|repayments?|lending|borrow(?:ed|ing)?)\b/gi },
  { category: 'accounts', weight: 2, pattern: /账户|帐户|开户|销户|冻结|存款|转账|汇款|余额|存折|定期|活期|到账/g },
  { category: 'accounts', weight: 1, pattern: /\b(?:accounts?|transfers?|transferred|wire|deposits?|balance|frozen|freeze|withdrawals?|withdrew|savings|remittance|statement)\b/gi },
  { category: 'wealth_investment', weight: 2, pattern: /理财|基金|保险|投资|净值|收益率|收益|亏损|亏了|私募|信托|国债|结构性存款/g },
  { category: 'wealth_investment', weight: 2, pattern: /\b(?:invest(?:ment|ments|ed|ing)?|funds?|wealth|insurance|portfolio|returns|stocks?|bonds?|pension|annuity|financial advisers?|financial advisors?)\b/gi },
  { category: 'digital_banking', weight: 2, pattern: /手机银行|网上银行|网银|客户端|登录|登陆|闪退|验证码|系统故障|扫码|二维码|刷脸|人脸识别/gi },
  { category: 'digital_banking', weight: 2, pattern: /\b(?:app|mobile banking|online banking|internet banking|log ?in|logging in|website|crash(?:es|ed|ing)?|verification code|otp|one-time password|password reset|2fa)\b/gi },
  { category: 'service_attitude', weight: 2, pattern: /态度|不耐烦|骂|吼|凶|歧视|推诿|踢皮球|爱答不理|不理人|敷衍/g },
  { category: 'service_attitude', weight: 2, pattern: /\b(?:rude|rudely|attitude|impolite|disrespectful|shouted|yelled|unprofessional|dismissive)\b/gi },
  { category: 'service_attitude', weight: 0.5, pattern: /客服|柜员|大堂经理|工作人员|排队|没人管|没人接|没人理|等了/g },
  { category: 'service_attitude', weight: 0.5, pattern: /\b(?:staff|teller|customer service|call cent(?:re|er)|hotline|on hold|hung up|waited|queue|nobody helped|no one helped|nobody answered)\b/gi },
];

// Ties go to the more specific product; "account" is in half of all English complaints.
const TIE_ORDER: ComplaintCategory[] = ['fees_charges', 'cards', 'loans', 'wealth_investment', 'digital_banking', 'accounts', 'service_attitude'];

export function classifyComplaintCategory(text: string): { category: ComplaintCategory; evidence: string[]; scores: Partial<Record<ComplaintCategory, number>> } {
  const scores: Partial<Record<ComplaintCategory, number>> = {};
  const evidence: Partial<Record<ComplaintCategory, string[]>> = {};
  for (const rule of CATEGORY_RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      scores[rule.category] = (scores[rule.category] ?? 0) + rule.weight;
      (evidence[rule.category] ??= []).push(m[0]);
    }
  }
  let best: ComplaintCategory = 'other';
  let bestScore = 0;
  for (const c of TIE_ORDER) {
    const s = scores[c] ?? 0;
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return { category: best, evidence: best === 'other' ? [] : [...new Set(evidence[best])], scores };
}

// ---------------------------------------------------------------------------------------------
// Amounts

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** Chinese numerals to a number: 三百 → 300, 一千二百五十 → 1250, 两万 → 20000, 三百五 → 350, 一万五 → 15000. */
export function parseChineseNumber(s: string): number | null {
  if (!s) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let unitBefore = 0; // the unit right before a trailing digit, for colloquial 三百五 = 350
  let bigSoFar = 1;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      if (digit !== null && digit !== 0 && CN_DIGITS[ch] !== 0) return null; // 二三 is not a number
      digit = CN_DIGITS[ch];
      if (digit === 0) unitBefore = 0;
    } else if (ch in CN_SMALL_UNITS) {
      const u = CN_SMALL_UNITS[ch];
      section += (digit ?? 1) * u;
      digit = null;
      unitBefore = u;
    } else if (ch in CN_BIG_UNITS) {
      const b = CN_BIG_UNITS[ch];
      section += digit ?? 0;
      if (section === 0 && total === 0) section = 1;
      if (b > bigSoFar) {
        total = (total + section) * b;
        bigSoFar = b;
      } else {
        total += section * b;
      }
      section = 0;
      digit = null;
      unitBefore = b;
    } else {
      return null;
    }
  }
  if (digit !== null) section += unitBefore >= 10 ? (digit * unitBefore) / 10 : digit;
  return total + section;
}

const CURRENCY_WORDS: Array<[RegExp, string]> = [
  [/^(?:US\$|USD|usd|dollars?|bucks|美元|美金)$/i, 'USD'],
  [/^(?:HK\$|HKD|港币|港元)$/i, 'HKD'],
  [/^(?:€|EUR|euros?|欧元)$/i, 'EUR'],
  [/^(?:£|GBP|pounds?|英镑)$/i, 'GBP'],
  [/^(?:¥|RMB|CNY|人民币|元|块钱|块|圆|yuan)$/i, 'CNY'],
];

function currencyOf(word: string): string {
  for (const [re, code] of CURRENCY_WORDS) if (re.test(word.trim())) return code;
  return word === '$' ? 'USD' : 'CNY';
}

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const MULT = String.raw`万|千|k\b|K\b|thousand\b|million\b`;
const AMOUNT_PATTERNS: Array<{ re: RegExp; parse: (m: RegExpExecArray) => ExtractedAmount | null }> = [
  {
    // ¥300, $1,200.50, RMB 5000, US$20, 人民币3万
    re: new RegExp(String.raw`(US\$|HK\$|\$|¥|€|£|\b(?:RMB|CNY|USD|EUR|GBP|HKD)\b|人民币)\s?(${NUM})\s?(${MULT})?`, 'gi'),
    parse: (m) => number(m[2], m[3], currencyOf(m[1]), m[0]),
  },
  {
    // 300元, 300块, 3万元, 300 dollars, 50 euros, 200 RMB
    re: new RegExp(
      String.raw`(?<![\d.,])(${NUM})\s?(${MULT})?\s?(元|块钱|块(?!儿)|圆|人民币|美元|美金|港币|港元|欧元|英镑|\b(?:rmb|cny|yuan|usd|dollars?|bucks|euros?|eur|pounds?|gbp|hkd)\b)`,
      'gi',
    ),
    parse: (m) => number(m[1], m[2], currencyOf(m[3]), m[0]),
  },
  {
    // "5万", "1.5万" without a currency word: in a bank complaint ten-thousands are money, unless a
    // measure word follows (5万人, 3万次, 2万公里).
    re: /(?<![\d.,])(\d+(?:\.\d+)?)万(?!\s?(?:多?[人次个步名件户笔条字分]|公里|平))/g,
    parse: (m) => number(m[1], '万', 'CNY', m[0]),
  },
  {
    // 三百元, 两万块, 一千二百五十元. 块 is also a measure word (一块去 "together", 两块蛋糕), so a bare
    // numeral + 块 counts only with 钱 or a unit such as 百/千/万 (三百块).
    re: /(?<![零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟])([零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]{1,20})\s?(元|块钱|块(?!儿)|圆|美元|美金|港币|港元|欧元|英镑)/g,
    parse: (m) => {
      if (m[2] === '块' && !/[十百千万亿拾佰仟]/.test(m[1])) return null;
      const value = parseChineseNumber(m[1]);
      return value && value > 0 ? { value, currency: currencyOf(m[2]), raw: m[0] } : null;
    },
  },
];

function number(digits: string, multiplier: string | undefined, currency: string, raw: string): ExtractedAmount | null {
  let value = Number(digits.replace(/,/g, ''));
  const mult = (multiplier ?? '').toLowerCase();
  if (mult === '万') value *= 10_000;
  else if (mult === '千' || mult === 'k' || mult === 'thousand') value *= 1_000;
  else if (mult === 'million') value *= 1_000_000;
  if (!Number.isFinite(value) || value <= 0) return null;
  return { value: Math.round(value * 100) / 100, currency, raw: raw.trim() };
}

const MAX_AMOUNTS = 20; // a complaint names a few amounts; a pasted statement should not cost quadratic time

export function extractAmounts(text: string): ExtractedAmount[] {
  const found: Array<{ start: number; end: number; amount: ExtractedAmount }> = [];
  for (const { re, parse } of AMOUNT_PATTERNS) {
    for (const m of text.matchAll(re)) {
      if (found.length >= MAX_AMOUNTS) break;
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      const amount = parse(m as RegExpExecArray);
      if (amount) found.push({ start, end, amount });
    }
  }
  return found.sort((a, b) => a.start - b.start).map((f) => f.amount);
}

// ---------------------------------------------------------------------------------------------
// When

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may(?!\s+(?:be|have|not|also|need|want)\b)|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const EN_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ZH_WEEKDAY: Record<string, number> = { 日: 0, 天: 0, 七: 0, '7': 0, 一: 1, '1': 1, 二: 2, '2': 2, 三: 3, '3': 3, 四: 4, '4': 4, 五: 5, '5': 5, 六: 6, '6': 6 };
const EN_SMALL_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

interface DateContext {
  today: string;
  year: number;
  month: number;
  day: number;
}

function monthShift(ctx: DateContext, by: number): { year: number; month: number } {
  const index = ctx.year * 12 + (ctx.month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function dayIn(year: number, month: number, day: number): ExtractedWhen['date'] {
  return isValidDate(year, month, day) ? formatDate(year, month, day) : undefined;
}

/** Monday of the week containing `date` (weeks start on Monday, as in China and ISO 8601). */
function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** The most recent `weekday` strictly before `today`. */
function previousWeekday(today: string, weekday: number): string {
  const back = (weekdayOf(today) - weekday + 7) % 7 || 7;
  return addDays(today, -back);
}

/** A day of a month given without a year: this year unless that is still in the future. */
function pastMonthDay(ctx: DateContext, month: number, day: number): string | undefined {
  const thisYear = dayIn(ctx.year, month, day);
  if (thisYear && thisYear <= ctx.today) return thisYear;
  return dayIn(ctx.year - 1, month, day);
}

/** A day number alone ("10号", "on the 10th"): this month unless still to come, then last month. */
function pastDayOfMonth(ctx: DateContext, day: number): string | undefined {
  if (day < 1 || day > 31) return undefined;
  const here = dayIn(ctx.year, ctx.month, day);
  if (here && here <= ctx.today) return here;
  const prev = monthShift(ctx, -1);
  return dayIn(prev.year, prev.month, day);
}

function smallNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const lower = s.toLowerCase();
  if (lower in EN_SMALL_NUMBERS) return EN_SMALL_NUMBERS[lower];
  return parseChineseNumber(s);
}

function ago(ctx: DateContext, n: number, unit: string): Omit<ExtractedWhen, 'raw'> {
  if (/^(?:天|日|days?)$/i.test(unit)) return { date: addDays(ctx.today, -n), precision: 'day' };
  if (/^(?:周|个星期|星期|个礼拜|礼拜|weeks?)$/i.test(unit)) return { date: mondayOf(addDays(ctx.today, -7 * n)), precision: 'week' };
  if (/^(?:个月|months?)$/i.test(unit)) {
    const m = monthShift(ctx, -n);
    return { date: `${m.year}-${String(m.month).padStart(2, '0')}`, precision: 'month' };
  }
  return { date: String(ctx.year - n), precision: 'year' };
}

const monthString = (m: { year: number; month: number }) => `${m.year}-${String(m.month).padStart(2, '0')}`;

// resolve returns null when the match is not a time expression after all (e.g. month 13).
type WhenRule = { re: RegExp; resolve: (m: RegExpExecArray, ctx: DateContext) => Omit<ExtractedWhen, 'raw'> | null };

// Earlier rules win where matches overlap ("上个月10号" before "上个月" and "10号").
const WHEN_RULES: WhenRule[] = [
  {
    re: /(\d{4})\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})\s?[日号]?/g,
    resolve: (m) => (Number(m[2]) <= 12 && Number(m[3]) <= 31 ? { date: dayIn(Number(m[1]), Number(m[2]), Number(m[3])), precision: 'day' } : null),
  },
  {
    re: new RegExp(String.raw`\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+${MONTH_NAME}\b\.?(?:,?\s+(\d{4}))?`, 'gi'),
    resolve: (m, ctx) => monthNameDate(ctx, m[2], Number(m[1]), m[3]),
  },
  {
    re: new RegExp(String.raw`\b${MONTH_NAME}\.?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?`, 'gi'),
    resolve: (m, ctx) => monthNameDate(ctx, m[1], Number(m[2]), m[3]),
  },
  {
    re: new RegExp(String.raw`\b(?:in|during|since|back in)\s+${MONTH_NAME}\b(?:\s+(\d{4}))?`, 'gi'),
    resolve: (m, ctx) => {
      const month = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1;
      const year = m[2] ? Number(m[2]) : month <= ctx.month ? ctx.year : ctx.year - 1;
      return { date: monthString({ year, month }), precision: 'month' };
    },
  },
  {
    re: /(上个?月|本月|这个?月)(\d{1,2})\s?[日号]/g,
    resolve: (m, ctx) => {
      const mm = m[1].startsWith('上') ? monthShift(ctx, -1) : { year: ctx.year, month: ctx.month };
      return { date: dayIn(mm.year, mm.month, Number(m[2])), precision: 'day' };
    },
  },
  {
    re: /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\s+of\s+(last|this)\s+month\b/gi,
    resolve: (m, ctx) => {
      const mm = m[2].toLowerCase() === 'last' ? monthShift(ctx, -1) : { year: ctx.year, month: ctx.month };
      return { date: dayIn(mm.year, mm.month, Number(m[1])), precision: 'day' };
    },
  },
  {
    re: /(去年|今年)?(\d{1,2})月(\d{1,2})[日号]/g,
    resolve: (m, ctx) => {
      const month = Number(m[2]);
      const day = Number(m[3]);
      if (m[1] === '去年') return { date: dayIn(ctx.year - 1, month, day), precision: 'day' };
      if (m[1] === '今年') return { date: dayIn(ctx.year, month, day), precision: 'day' };
      return { date: pastMonthDay(ctx, month, day), precision: 'day' };
    },
  },
  { re: /大前天/g, resolve: (_m, ctx) => ({ date: addDays(ctx.today, -3), precision: 'day' }) },
  { re: /前天|\bthe day before yesterday\b/gi, resolve: (_m, ctx) => ({ date: addDays(ctx.today, -2), precision: 'day' }) },
  { re: /昨天|昨日|昨晚|\byesterday\b|\blast night\b/gi, resolve: (_m, ctx) => ({ date: addDays(ctx.today, -1), precision: 'day' }) },
  { re: /今天|今日|今早|今晚|\btoday\b|\bthis morning\b|\bthis afternoon\b|\btonight\b|\bthis evening\b/gi, resolve: (_m, ctx) => ({ date: ctx.today, precision: 'day' }) },
  {
    re: /(上个?|这个?|本)(?:周|星期|礼拜)([一二三四五六日天1-7])/g,
    resolve: (m, ctx) => {
      const monday = mondayOf(ctx.today);
      const base = m[1].startsWith('上') ? addDays(monday, -7) : monday;
      return { date: addDays(base, (ZH_WEEKDAY[m[2]] + 6) % 7), precision: 'day' };
    },
  },
  {
    re: /\blast\s+(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi,
    resolve: (m, ctx) => ({ date: previousWeekday(ctx.today, EN_WEEKDAYS.indexOf(m[1].toLowerCase())), precision: 'day' }),
  },
  {
    re: /(?<!\bnext\s+)\b(?:on\s+)?(?:this\s+(?:past\s+)?)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi,
    resolve: (m, ctx) => ({ date: previousWeekday(ctx.today, EN_WEEKDAYS.indexOf(m[1].toLowerCase())), precision: 'day' }),
  },
  {
    re: /(?<![上下这本个每])(?:周|星期|礼拜)([一二三四五六日天1-7])/g,
    resolve: (m, ctx) => ({ date: previousWeekday(ctx.today, ZH_WEEKDAY[m[1]]), precision: 'day' }),
  },
  {
    re: /(?<![\d一二两三四五六七八九十])([\d一二两三四五六七八九十]{1,4})\s?(天|日|周|个星期|星期|个礼拜|礼拜|个月|年)前/g,
    resolve: (m, ctx) => {
      const n = smallNumber(m[1]);
      return n === null || n > 100 ? null : ago(ctx, n, m[2]);
    },
  },
  {
    re: /\b(\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?|months?|years?)\s+ago\b/gi,
    resolve: (m, ctx) => {
      const n = smallNumber(m[1]);
      return n === null ? {} : ago(ctx, n, m[2]);
    },
  },
  { re: /\b(?:a\s+)?(?:few|couple\s+of)\s+(?:days|weeks|months)\s+ago\b|\brecently\b|最近|前几天|前段时间/gi, resolve: () => ({}) },
  {
    re: /(上个?)(?:周|星期|礼拜)|\blast\s+week\b/gi,
    resolve: (_m, ctx) => ({ date: addDays(mondayOf(ctx.today), -7), precision: 'week' }),
  },
  { re: /(?:这|本)(?:周|星期|礼拜)|\bthis\s+week\b|\bearlier this week\b/gi, resolve: (_m, ctx) => ({ date: mondayOf(ctx.today), precision: 'week' }) },
  {
    re: /(上个?月|上月)(?:初|底|末|中旬|上旬|下旬)?|\blast\s+month\b/gi,
    resolve: (_m, ctx) => ({ date: monthString(monthShift(ctx, -1)), precision: 'month' }),
  },
  { re: /本月|这个?月(?:初)?|\bthis\s+month\b|\bearlier this month\b/gi, resolve: (_m, ctx) => ({ date: monthString(ctx), precision: 'month' }) },
  { re: /去年|\blast\s+year\b/gi, resolve: (_m, ctx) => ({ date: String(ctx.year - 1), precision: 'year' }) },
  {
    re: /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b/gi,
    resolve: (m, ctx) => ({ date: pastDayOfMonth(ctx, Number(m[1])), precision: 'day' }),
  },
  {
    // "10号" alone; not "3号线", "5号窗口", "2号楼"
    re: /(?<![\d月])(\d{1,2})[日号](?![线楼窗柜台门机])/g,
    resolve: (m, ctx) => ({ date: pastDayOfMonth(ctx, Number(m[1])), precision: 'day' }),
  },
];

function monthNameDate(ctx: DateContext, name: string, day: number, year?: string): Omit<ExtractedWhen, 'raw'> | null {
  const month = MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  if (month < 1 || day < 1 || day > 31) return null;
  return { date: year ? dayIn(Number(year), month, day) : pastMonthDay(ctx, month, day), precision: 'day' };
}

/** The first time expression in the text; `date` is set only when it resolves to a real date. */
export function extractWhen(text: string, options: ExtractOptions): ExtractedWhen | undefined {
  const today = localDateOf(options.now, options.timeZone ?? 'Asia/Shanghai');
  const { year, month, day } = parseDate(today);
  const ctx: DateContext = { today, year, month, day };
  const found: Array<{ start: number; end: number; when: ExtractedWhen }> = [];
  for (const rule of WHEN_RULES) {
    for (const m of text.matchAll(rule.re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      const r = rule.resolve(m as RegExpExecArray, ctx);
      if (!r) continue;
      const when: ExtractedWhen = { raw: m[0].trim() };
      if (r.date) {
        when.date = r.date;
        when.precision = r.precision;
      }
      found.push({ start, end, when });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return found[0]?.when;
}

// ---------------------------------------------------------------------------------------------
// Desired outcome and contact preference

const OUTCOME_RULES: Array<[DesiredOutcome, RegExp]> = [
  ['refund', /退还|退款|退回|退钱|返还|还给我|还我钱|把钱退|要回|追回|\brefund(?:ed|s)?\b|\bmoney back\b|\breimburse(?:d|ment)?\b|\breverse (?:the|this|that) (?:charge|fee|payment|transaction)\b|\bcredit (?:it )?back\b/gi],
  ['waiver', /免除|减免|免掉|\bwaive(?:d|r)?\b/gi],
  ['compensation', /赔偿|补偿|赔钱|\bcompensat(?:e|ed|ion)\b|\bdamages\b/gi],
  ['apology', /道歉|赔礼|致歉|\bapologi[sz]e\b|\bapology\b|\bsay sorry\b/gi],
  ['explanation', /解释|说法|给个交代|给我交代|说明原因|\bexplain\b|\bexplanation\b|\btell me why\b|\bwant to know why\b/gi],
  ['correction', /更正|纠正|修正|恢复|解冻|改过来|\bfix(?: it| this)?\b|\bcorrect (?:it|this|the)\b|\bunfreeze\b|\brestore\b|\bremove the (?:charge|fee)\b/gi],
  ['cancellation', /取消|注销|销户|退订|\bcancel(?:led|lation)?\b|\bclose my (?:account|card)\b|\bterminate\b/gi],
  ['investigation', /查清|调查|查一下|核实|\binvestigate\b|\blook into\b/gi],
];

export function extractDesiredOutcomes(text: string): DesiredOutcome[] {
  const hits: Array<{ outcome: DesiredOutcome; at: number }> = [];
  for (const [outcome, re] of OUTCOME_RULES) {
    const m = [...text.matchAll(re)][0];
    if (m) hits.push({ outcome, at: m.index ?? 0 });
  }
  return hits.sort((a, b) => a.at - b.at).map((h) => h.outcome);
}

// A preference is a request ("请电话联系我", "email me"), not a report of having called the hotline.
const CONTACT_RULES: Array<[ContactPreference, RegExp]> = [
  ['phone', /电话联系|打电话给我|给我打电话|打我电话|给我回电|回电|回个电话|致电我|电话回复|电话通知|打我手机|\bcall me\b|\bphone me\b|\bring me\b|\bcall me back\b|\bby (?:tele)?phone\b|\bover the phone\b|\bgive me a call\b/gi],
  ['sms', /短信通知|短信联系|短信告诉|发短信给我|给我发短信|短信回复|\btext me\b|\bby (?:text|sms)\b|\bvia sms\b|\bsend me an? (?:sms|text)\b/gi],
  ['email', /邮件回复|发邮件给我|给我发邮件|邮件联系|邮件通知|邮件告诉|通过邮件|发到我(?:的)?邮箱|\be-?mail me\b|\bby e-?mail\b|\bvia e-?mail\b|\bsend me an e-?mail\b|\breply (?:by|via) e-?mail\b/gi],
  ['wechat', /微信联系|加我微信|微信通知|微信告诉|\b(?:via|on|by) wechat\b/gi],
];

export function extractContactPreference(text: string): ContactPreference | undefined {
  let best: { pref: ContactPreference; at: number } | undefined;
  for (const [pref, re] of CONTACT_RULES) {
    const m = [...text.matchAll(re)][0];
    if (m && (!best || (m.index ?? 0) < best.at)) best = { pref, at: m.index ?? 0 };
  }
  return best?.pref;
}

// ---------------------------------------------------------------------------------------------

export function extractComplaintDetails(text: string, options: ExtractOptions): ComplaintDetails {
  const normalized = text.normalize('NFKC');
  const { category, evidence } = classifyComplaintCategory(normalized);
  const amounts = extractAmounts(normalized);
  const details: ComplaintDetails = {
    category,
    categoryEvidence: evidence,
    amounts,
    desiredOutcomes: extractDesiredOutcomes(normalized),
    description: text.replace(/\s+/g, ' ').trim(),
  };
  if (amounts[0]) details.amount = amounts[0];
  const when = extractWhen(normalized, options);
  if (when) details.when = when;
  const contact = extractContactPreference(normalized);
  if (contact) details.contactPreference = contact;
  return details;
}
