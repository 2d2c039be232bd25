import { describe, expect, it } from 'vitest';
import {
  extractAmounts,
  extractComplaintDetails,
  extractWhen,
  parseChineseNumber,
  type ComplaintDetails,
} from '../../../src/complaints/domain/extract-details.js';

// Wednesday 14 October 2026, 10:00 in Shanghai.
const now = new Date('2026-10-14T10:00:00+08:00');

type Expect = Partial<Pick<ComplaintDetails, 'category' | 'desiredOutcomes' | 'contactPreference'>> & {
  amount?: [number, string] | null;
  when?: [string, string | undefined, string | undefined] | null; // raw, date, precision
};

const ZH: Array<[string, Expect]> = [
  ['你们上个月莫名其妙扣了我300元年费，打客服也没人管，我要投诉', { category: 'fees_charges', amount: [300, 'CNY'], when: ['上个月', '2026-09', 'month'], desiredOutcomes: [], contactPreference: undefined }],
  ['我的信用卡上个月10号被盗刷了两笔，一共5000元，请尽快退还并电话联系我', { category: 'cards', amount: [5000, 'CNY'], when: ['上个月10号', '2026-09-10', 'day'], desiredOutcomes: ['refund'], contactPreference: 'phone' }],
  ['昨天在手机银行转账，APP一直闪退，钱扣了但是没到账，三百元', { category: 'digital_banking', amount: [300, 'CNY'], when: ['昨天', '2026-10-13', 'day'] }],
  ['房贷利率一直没有调整，上周五去网点问，柜员态度很差，我要求道歉并给个说法', { category: 'loans', amount: null, when: ['上周五', '2026-10-09', 'day'], desiredOutcomes: ['apology', 'explanation'] }],
  ['理财经理说这个产品保本，结果亏了两万元，我要求赔偿，请发邮件给我', { category: 'wealth_investment', amount: [20000, 'CNY'], when: null, desiredOutcomes: ['compensation'], contactPreference: 'email' }],
  ['柜台工作人员态度恶劣，还骂人，排队等了两个小时', { category: 'service_attitude', amount: null, when: null }],
  ['2026年10月5日我在ATM取款，机器吞了我的卡，钱也没吐出来，¥2,000', { category: 'cards', amount: [2000, 'CNY'], when: ['2026年10月5日', '2026-10-05', 'day'] }],
  ['3天前收到短信说账户被冻结了，请帮我解冻，短信通知我结果就行', { category: 'accounts', when: ['3天前', '2026-10-11', 'day'], desiredOutcomes: ['correction'], contactPreference: 'sms' }],
  ['每个月都扣小额账户管理费，一共扣了1.5万元，要求全部退还', { category: 'fees_charges', amount: [15000, 'CNY'], desiredOutcomes: ['refund'] }],
  ['上周三信用卡年费被扣了680块，请给我打电话', { category: 'fees_charges', amount: [680, 'CNY'], when: ['上周三', '2026-10-07', 'day'], contactPreference: 'phone' }],
  ['我10月1号在网银买的基金，现在净值跌了一半，根本没提风险', { category: 'wealth_investment', when: ['10月1号', '2026-10-01', 'day'] }],
  ['我们一块去的网点，前天办理开户被拒，没有任何解释', { category: 'accounts', amount: null, when: ['前天', '2026-10-12', 'day'], desiredOutcomes: ['explanation'] }],
  ['我上个月底存了5万定期，到期后利息少算了', { category: 'accounts', amount: [50000, 'CNY'], when: ['上个月底', '2026-09', 'month'] }],
  ['ＡＰＰ登录不了，验证码收不到，１２月３号开始的', { category: 'digital_banking', when: ['12月3号', '2025-12-03', 'day'] }],
];

const EN: Array<[string, Expect]> = [
  ['You charged me a $35 overdraft fee yesterday and I want a refund.', { category: 'fees_charges', amount: [35, 'USD'], when: ['yesterday', '2026-10-13', 'day'], desiredOutcomes: ['refund'] }],
  ['Someone used my credit card last Monday, there are two unauthorized transactions totalling $1,200.50. Please call me.', { category: 'cards', amount: [1200.5, 'USD'], when: ['last Monday', '2026-10-12', 'day'], contactPreference: 'phone' }],
  ['My mortgage payment was taken twice on 2026-10-05, 2,400 dollars in total. I want the money back and an apology.', { category: 'loans', amount: [2400, 'USD'], when: ['2026-10-05', '2026-10-05', 'day'], desiredOutcomes: ['refund', 'apology'] }],
  ['The mobile banking app keeps crashing when I log in, this has been going on since last week.', { category: 'digital_banking', amount: null, when: ['last week', '2026-10-05', 'week'] }],
  ['The staff at the branch were rude and dismissive when I asked about my account.', { category: 'service_attitude', amount: null, when: null }],
  ['I was mis-sold an investment fund in March and lost 5000 pounds. I want compensation. Email me at the address on file.', { category: 'wealth_investment', amount: [5000, 'GBP'], when: ['in March', '2026-03', 'month'], desiredOutcomes: ['compensation'], contactPreference: 'email' }],
  ['My transfer of 300 dollars to my sister 3 days ago never arrived. Please investigate and text me.', { category: 'accounts', amount: [300, 'USD'], when: ['3 days ago', '2026-10-11', 'day'], desiredOutcomes: ['investigation'], contactPreference: 'sms' }],
  ['On October 5 my debit card was swallowed by the ATM.', { category: 'cards', when: ['October 5', '2026-10-05', 'day'] }],
  ['I was charged an annual fee of ¥300 on my card on the 20th, please waive it.', { category: 'fees_charges', amount: [300, 'CNY'], when: ['on the 20th', '2026-09-20', 'day'], desiredOutcomes: ['waiver'] }],
  ['My loan application was rejected two weeks ago without any explanation.', { category: 'loans', when: ['two weeks ago', '2026-09-28', 'week'], desiredOutcomes: ['explanation'] }],
  ['Your website has been down all day today, I could not pay my bills.', { category: 'digital_banking', when: ['today', '2026-10-14', 'day'] }],
  ['The interest on my savings account was calculated wrong on 5 October 2025; fix it and reply by email.', { category: 'accounts', when: ['5 October 2025', '2025-10-05', 'day'], desiredOutcomes: ['correction'], contactPreference: 'email' }],
  ['Your call centre put me on hold for 2 hours', { category: 'service_attitude', amount: null, when: null }],
  ['Hello, I just want to talk to someone.', { category: 'other', amount: null, when: null, desiredOutcomes: [], contactPreference: undefined }],
];

function check(text: string, e: Expect) {
  const d = extractComplaintDetails(text, { now });
  if (e.category) expect(d.category).toBe(e.category);
  if (e.amount === null) expect(d.amount).toBeUndefined();
  else if (e.amount) expect(d.amount).toMatchObject({ value: e.amount[0], currency: e.amount[1] });
  if (e.when === null) expect(d.when).toBeUndefined();
  else if (e.when) expect(d.when).toEqual({ raw: e.when[0], ...(e.when[1] ? { date: e.when[1], precision: e.when[2] } : {}) });
  if (e.desiredOutcomes) expect(d.desiredOutcomes).toEqual(e.desiredOutcomes);
  if ('contactPreference' in e) expect(d.contactPreference).toBe(e.contactPreference);
  expect(d.description).toBe(text.replace(/\s+/g, ' ').trim());
}

describe('extractComplaintDetails', () => {
  it.each(ZH)('zh: %s', check);
  it.each(EN)('en: %s', check);

  it('explains its category choice', () => {
    const d = extractComplaintDetails('你们上个月莫名其妙扣了我300元年费，打客服也没人管，我要投诉', { now });
    expect(d.categoryEvidence).toEqual(expect.arrayContaining(['年费', '扣了']));
    expect(d.amounts).toEqual([{ value: 300, currency: 'CNY', raw: '300元' }]);
  });

  it('resolves dates in the given time zone', () => {
    const lateUtc = new Date('2026-10-13T20:00:00Z'); // already 14 Oct in Shanghai, still 13 Oct in UTC
    expect(extractWhen('yesterday', { now: lateUtc })?.date).toBe('2026-10-13');
    expect(extractWhen('yesterday', { now: lateUtc, timeZone: 'UTC' })?.date).toBe('2026-10-12');
  });
});

describe('parseChineseNumber', () => {
  it.each([
    ['三百', 300],
    ['十', 10],
    ['十五', 15],
    ['二十五', 25],
    ['一千二百五十', 1250],
    ['三百零五', 305],
    ['三百五', 350],
    ['两万', 20000],
    ['一万五', 15000],
    ['一万零五百', 10500],
    ['两千万', 20_000_000],
    ['一亿两千万', 120_000_000],
    ['叁佰', 300],
    ['二三', null],
    ['abc', null],
  ])('%s → %s', (s, n) => expect(parseChineseNumber(s)).toBe(n));
});

describe('extractAmounts', () => {
  it.each<[string, Array<[number, string]>]>([
    ['扣了300元', [[300, 'CNY']]],
    ['￥300和¥1,200.50', [[300, 'CNY'], [1200.5, 'CNY']]],
    ['人民币3万', [[30000, 'CNY']]],
    ['3千块钱', [[3000, 'CNY']]],
    ['三百五十元', [[350, 'CNY']]],
    ['五块钱', [[5, 'CNY']]],
    ['三百块', [[300, 'CNY']]],
    ['两块蛋糕', []],
    ['$1,200', [[1200, 'USD']]],
    ['US$20 and HK$50', [[20, 'USD'], [50, 'HKD']]],
    ['300 dollars', [[300, 'USD']]],
    ['€45.90 or 12 euros', [[45.9, 'EUR'], [12, 'EUR']]],
    ['a 2k dollar loss', [[2000, 'USD']]],
    ['$2k', [[2000, 'USD']]],
    ['200 RMB', [[200, 'CNY']]],
    ['存了5万定期', [[50000, 'CNY']]],
    ['影响了3万人', []],
    ['500美元', [[500, 'USD']]],
    ['no money here, 2026-10-05, 10号, 12378', []],
  ])('%s', (text, expected) => {
    expect(extractAmounts(text.normalize('NFKC')).map((a) => [a.value, a.currency])).toEqual(expected);
  });
});

describe('extractWhen', () => {
  it.each<[string, string, string | undefined, string | undefined]>([
    ['今天早上', '今天', '2026-10-14', 'day'],
    ['大前天', '大前天', '2026-10-11', 'day'],
    ['本月3号', '本月3号', '2026-10-03', 'day'],
    ['25号那天', '25号', '2026-09-25', 'day'],
    ['坐3号线去的', '', undefined, undefined],
    ['周五的时候', '周五', '2026-10-09', 'day'],
    ['这周一', '这周一', '2026-10-12', 'day'],
    ['两个月前', '两个月前', '2026-08', 'month'],
    ['去年', '去年', '2025', 'year'],
    ['去年12月3日', '去年12月3日', '2025-12-03', 'day'],
    ['最近', '最近', undefined, undefined],
    ['2026/2/30', '2026/2/30', undefined, undefined], // kept as said, but no such day
    ['2026-13-45', '', undefined, undefined],
    ['on Friday', 'on Friday', '2026-10-09', 'day'],
    ['last Wednesday', 'last Wednesday', '2026-10-07', 'day'],
    ['the day before yesterday', 'the day before yesterday', '2026-10-12', 'day'],
    ['a few days ago', 'a few days ago', undefined, undefined],
    ['the 3rd of last month', 'the 3rd of last month', '2026-09-03', 'day'],
    ['Dec 24th', 'Dec 24th', '2025-12-24', 'day'],
    ['last month', 'last month', '2026-09', 'month'],
    ['call me next Monday', '', undefined, undefined],
  ])('%s', (text, raw, date, precision) => {
    const w = extractWhen(text.normalize('NFKC'), { now });
    if (!raw) return expect(w).toBeUndefined();
    expect(w).toEqual({ raw, ...(date ? { date, precision } : {}) });
  });
});
