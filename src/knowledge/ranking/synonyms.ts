import { stemEnglish } from './english.js';

/*
 * Customers and authors name the same banking thing differently ("cash machine"/"ATM", "网银"/"手机银行").
 * Both the knowledge base and the query are folded onto one spelling before scoring, so a phrasing the
 * author did not foresee can still meet the entry. Only genuine domain equivalences belong here.
 */

// English multi-word expressions, rewritten before tokenising.
const ENGLISH_PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bcash ?(?:machine|point)s?\b/g, 'atm'],
  [/\bsign(?:ing|ed)?[ -]?up\b/g, 'register'],
  [/\bpa(?:y|id|ying) (?:it )?(?:off|back)\b/g, 'repay'],
  [/\bcash(?:ing|ed)? out\b/g, 'redeem'],
  [/\b(?:log|sign)(?:ging|ged)?[ -]?(?:in|on)\b/g, 'login'],
  [/\broll(?:ing|ed|s)?[ -]?over\b/g, 'renew'],
  [/\b(?:one[ -]time (?:password|code|pin)|verification code|sms code|security code sent)s?\b/g, 'otp'],
  [/\bpin (?:number|code)\b/g, 'pin'],
  [/\bcredit (?:score|record|history|report|rating)s?\b/g, 'creditrecord'],
  [/\b(?:near me|nearby|closest|nearest)\b/g, 'near'],
  [/\bhome loans?\b/g, 'mortgage'],
  [/\bwealth management\b/g, 'wealth'],
  [/\b(?:fx|forex)\b/g, 'foreign exchange'],
  [/\bclose (?:to me|to here|by)\b/g, 'near'],
  [/\b(?:the )?end of (?:the|its|my|a) (?:term|deposit)\b/g, 'maturity'],
  [/\bfor (?:sure|certain)\b/g, 'guarantee'],
  [/\bnot (?:happy|satisfied|pleased)\b/g, 'disagree'],
  [/\b(?:hong kong|new zealand|south korea|the (?:us|uk|states))\b/g, 'overseas'],
];

// English words folded onto one term (keys and values are stemmed when the table is built).
const ENGLISH_WORDS: Record<string, string[]> = {
  increase: ['raise', 'higher', 'boost'],
  lower: ['reduce', 'decrease'],
  steal: ['nick', 'nicked', 'rob', 'robbed', 'pickpocket', 'pickpocketed', 'stolen', 'theft'],
  lose: ['misplace', 'misplaced', 'lost'],
  cancel: ['recall', 'reverse', 'undo'],
  transfer: ['wire', 'remit', 'remittance'],
  statement: ['bill'],
  close: ['shut'],
  fee: ['cost', 'expensive', 'price', 'pricing', 'tariff', 'charge', 'commission', 'extra'],
  scam: ['scammer', 'fraud', 'fraudster', 'defraud', 'con', 'conned', 'trick', 'swindle'],
  decline: ['refuse', 'reject', 'deny', 'bounce'],
  travel: ['holiday', 'trip', 'vacation'],
  register: ['enrol', 'enroll', 'enrollment', 'registration'],
  freeze: ['block', 'frozen'],
  invest: ['investment'],
  redeem: ['redemption'],
  complain: ['complaint'],
  repay: ['repayment'],
  limit: ['maximum', 'max', 'cap', 'allowance'],
  day: ['daily'],
  year: ['annual', 'annually', 'yearly'],
  proof: ['certificate', 'letter'],
  shop: ['store', 'merchant', 'supermarket', 'retailer'],
  document: ['paperwork', 'papers'],
  wallet: ['purse'],
  phone: ['mobile', 'cellphone', 'smartphone'],
  password: ['passcode', 'pwd'],
  sms: ['text', 'message'],
  alert: ['notification', 'notify'],
  online: ['internet', 'web'],
  salary: ['payroll', 'wage'],
  home: ['house', 'flat', 'apartment', 'property'],
  rmb: ['yuan', 'renminbi', 'cny'],
  usd: ['dollar'],
  eur: ['euro'],
  guarantee: ['guaranteed', 'promise'],
  change: ['modify', 'edit', 'amend'],
  progress: ['status', 'news'],
  disagree: ['dissatisfied', 'unsatisfied', 'unhappy', 'dispute'],
  protect: ['avoid', 'prevent', 'safeguard'],
  installment: ['split'],
  view: ['check', 'see', 'look', 'show'],
  book: ['booking', 'appointment', 'reserve', 'reservation', 'slot'],
  late: ['overdue', 'missed', 'miss'],
  receive: ['arrive', 'arrival'],
  // A named country means the money or card crosses a border.
  overseas: [
    'abroad', 'international', 'uk',
    'japan', 'canada', 'usa', 'america', 'australia', 'europe', 'britain', 'england', 'france', 'germany',
    'singapore', 'korea', 'thailand', 'italy', 'spain', 'macau', 'taiwan',
  ],
};

const ENGLISH_CANONICAL = new Map<string, string>();
for (const [canonical, variants] of Object.entries(ENGLISH_WORDS)) {
  const target = stemEnglish(canonical);
  for (const variant of [canonical, ...variants]) ENGLISH_CANONICAL.set(stemEnglish(variant), target);
}

export function rewriteEnglishPhrases(text: string): string {
  if (!LATIN.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of ENGLISH_PHRASES) out = out.replace(pattern, replacement);
  return out;
}

/** The canonical term for a stemmed English word. */
export function canonicalEnglishTerm(stem: string): string {
  return ENGLISH_CANONICAL.get(stem) ?? stem;
}

// Chinese words folded onto one spelling; longer keys win (取款机 before 取款).
const CHINESE_WORDS: Record<string, string[]> = {
  ATM: ['自动柜员机', '存取款机', '柜员机', '取款机', '提款机', 'ATM机', '吐钞机'],
  存款ATM: ['存款机'],
  手机银行: ['网上银行', '手机网银', '网银', '电子银行'],
  丢失: ['丢了', '弄丢', '遗失', '不见了'],
  被盗: ['被偷', '偷了', '失窃'],
  开通: ['注册'],
  销户: ['注销', '销卡', '关闭账户', '关户'],
  转账: ['打钱', '转钱'],
  汇款: ['汇钱'],
  限额: ['上限', '最高额'],
  周末: ['星期六', '星期天', '星期日', '礼拜六', '礼拜天', '礼拜日', '周六', '周日'],
  营业: ['开门', '关门', '打烊', '下班', '上班'],
  银行卡: ['借记卡', '储蓄卡'],
  验证码: ['动态验证码', '动态码', '短信码', '校验码'],
  赎回: ['卖掉'],
  吞卡: ['把卡吃了', '卡被吃', '吃卡'],
  诈骗: ['上当受骗', '被骗', '骗子', '上当'],
  房贷: ['住房贷款', '房屋贷款', '按揭贷款', '按揭'],
  个人贷款: ['消费贷款', '消费贷', '信用贷款'],
  美元: ['美金'],
  取现: ['取现金', '提现', '取钱', '取款'],
  购汇: ['换外币', '买外币', '换汇'],
  到账: ['进账', '收到钱'],
  撤销: ['撤回', '取消'],
  修改: ['更改', '变更'],
  查询: ['查看'],
  多久: ['多长时间', '几天', '多少天'],
  境外: ['国外', '海外', '出国', '美国', '英国', '日本', '加拿大', '澳大利亚', '新加坡', '欧洲', '韩国', '香港', '澳门', '泰国', '德国', '法国'],
  汇率: ['牌价'],
  附近: ['周边', '离我近'],
  附近网点: ['最近的网点', '最近的支行'],
  网点: ['支行', '营业厅', '营业网点', '分行'],
  锁定: ['锁住', '锁了', '被锁'],
  投诉: ['举报'],
  存款证明: ['资金证明', '余额证明'],
  流水: ['对账单', '交易流水'],
  预约: ['取号', '排号'],
  激活: ['启用', '开卡'],
  信用卡: ['贷记卡'],
  提前还款: ['提前还贷', '提前结清', '提前还清'],
  手机号: ['手机号码', '电话号码'],
  app: ['客户端'],
  闪退: ['崩溃'],
  倒闭: ['破产'],
  开户: ['开账户', '开个账户', '开立账户'],
  逾期: ['晚还', '忘了还', '没按时还'],
};

// Variants grouped by first character, longest first, so rewriting is one left-to-right scan.
const CHINESE_BY_FIRST_CHAR = new Map<string, Array<readonly [string, string]>>();
for (const [canonical, variants] of Object.entries(CHINESE_WORDS)) {
  for (const variant of variants) {
    const key = variant.toLowerCase();
    const list = CHINESE_BY_FIRST_CHAR.get(key[0]) ?? [];
    list.push([key, canonical.toLowerCase()]);
    CHINESE_BY_FIRST_CHAR.set(key[0], list);
  }
}
for (const list of CHINESE_BY_FIRST_CHAR.values()) list.sort((a, b) => b[0].length - a[0].length);

const HAN = /\p{Script=Han}/u;
const LATIN = /[a-z]/;

/** Rewrites Chinese variants to their canonical spelling; expects lower-cased, NFKC-normalised text. */
export function rewriteChineseWords(text: string): string {
  if (!HAN.test(text)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const match = CHINESE_BY_FIRST_CHAR.get(text[i])?.find(([variant]) => text.startsWith(variant, i));
    if (match) {
      out += match[1];
      i += match[0].length;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}
