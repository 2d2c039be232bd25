import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY_CONFIG, gradeSeverity, requiresHandoff, riskGradeOf, type SeverityInput } from '../../../src/complaints/domain/severity.js';

const base: SeverityInput = { text: '', category: 'other', segment: 'ordinary', priorComplaintsIn90Days: 0 };

describe('gradeSeverity', () => {
  it.each<[string, Partial<SeverityInput>, string, string[]]>([
    ['plain small complaint (zh)', { text: '排队太久了，希望改进' }, 'low', []],
    ['plain small complaint (en)', { text: 'The queue at the branch was too long.' }, 'low', []],
    ['300 yuan fee', { text: '扣了我300元年费', amount: 300 }, 'low', []],
    ['1,000 yuan', { text: '多扣了1000元', amount: 1000 }, 'medium', ['amount_medium']],
    ['60,000 yuan', { text: '转账6万元没到账', amount: 60_000 }, 'high', ['amount_high']],
    ['800,000 yuan', { text: 'x', amount: { value: 800_000, currency: 'CNY' } }, 'crisis', ['amount_crisis']],
    ['$200 uses USD thresholds', { text: 'x', amount: 200, currency: 'USD' }, 'medium', ['amount_medium']],
    ['$8,000', { text: 'x', amount: { value: 8000, currency: 'usd' } }, 'high', ['amount_high']],
    ['regulator (zh, 12378)', { text: '再不处理我就打12378投诉' }, 'high', ['regulator_mention']],
    ['regulator (zh, 金融监管总局)', { text: '我要向金融监管总局反映' }, 'high', ['regulator_mention']],
    ['regulator (zh, 人民银行)', { text: '我去人民银行投诉你们' }, 'high', ['regulator_mention']],
    ['regulator (en, ombudsman)', { text: 'I will escalate this to the Financial Ombudsman.' }, 'high', ['regulator_mention']],
    ['regulator (en, CFPB)', { text: 'Filing a complaint with the CFPB today' }, 'high', ['regulator_mention']],
    ['media (zh)', { text: '不解决我就找媒体曝光你们' }, 'crisis', ['media_mention']],
    ['media (en)', { text: "I'm going to the press and every journalist I know" }, 'crisis', ['media_mention']],
    ['lawyer (zh)', { text: '我已经请了律师，准备起诉' }, 'high', ['legal_threat']],
    ['lawyer (en)', { text: 'My lawyer will sue you' }, 'high', ['legal_threat']],
    ['fraud (zh)', { text: '我的卡被盗刷了两笔' }, 'high', ['fraud']],
    ['fraud (en)', { text: "There are unauthorized transactions, I didn't make these payments" }, 'high', ['fraud']],
    ['mis-selling (zh)', { text: '理财经理说是保本的，根本没告诉我风险' }, 'high', ['mis_selling']],
    ['mis-selling (en)', { text: 'I was mis-sold this insurance and never told the risks' }, 'high', ['mis_selling']],
    ['two high-risk causes make a crisis', { text: '我的卡被盗刷，我要打12378投诉' }, 'crisis', ['regulator_mention', 'fraud', 'multiple_high_risk_factors']],
    ['large amount plus lawyer is a crisis', { text: 'I have instructed a solicitor', amount: 60_000 }, 'crisis', ['amount_high', 'legal_threat', 'multiple_high_risk_factors']],
    ['one repeat complaint', { text: '又是这个问题', priorComplaintsIn90Days: 1 }, 'medium', ['repeat_complaint']],
    ['three repeat complaints', { text: 'third time complaining', priorComplaintsIn90Days: 3 }, 'high', ['repeat_complaints']],
    ['VIP lifts low to medium', { text: '网点排队太久', segment: 'vip' }, 'medium', ['vip_customer']],
    ['VIP lifts medium to high', { text: 'x', amount: 2000, segment: 'vip' }, 'high', ['amount_medium', 'vip_customer']],
    ['key customer lifts low to medium only', { text: 'x', amount: 2000, segment: 'key' }, 'medium', ['amount_medium', 'key_customer']],
    ['vulnerable customer', { text: 'I am 82 and confused by the app', vulnerable: true }, 'medium', ['vulnerable_customer']],
    ['a care bump never makes a crisis', { text: '我要找律师', segment: 'vip', vulnerable: true }, 'high', ['legal_threat', 'vip_customer', 'vulnerable_customer']],
  ])('%s', (_name, input, severity, reasons) => {
    const r = gradeSeverity({ ...base, ...input });
    expect(r.severity).toBe(severity);
    expect(r.reasons).toEqual(reasons);
    expect(r.riskGrade).toBe(riskGradeOf(r.severity));
  });

  it.each([
    'I have an issue with my statement', // "sue" inside "issue"
    'please pursue the refund', // "sue" inside "pursue"
    'the app is expressly slow', // "press" inside "expressly"
    '个人行为不代表银行', // "人行" is not the central bank here
    'my reference is 1237890',
  ])('does not over-read %j', (text) => {
    expect(gradeSeverity({ ...base, text }).severity).toBe('low');
  });

  it('reads full-width text', () => {
    expect(gradeSeverity({ ...base, text: '打１２３７８' }).reasons).toEqual(['regulator_mention']);
  });

  it('uses configurable thresholds', () => {
    const config = { ...DEFAULT_SEVERITY_CONFIG, amountThresholds: { default: { medium: 10, high: 20, crisis: 30 } } };
    expect(gradeSeverity({ ...base, amount: 25 }, config).severity).toBe('high');
    expect(gradeSeverity({ ...base, amount: 25, currency: 'JPY' }).severity).toBe('low');
  });
});

describe('handoff and risk grade', () => {
  it.each([
    ['low', false, 'low'],
    ['medium', false, 'medium'],
    ['high', true, 'high'],
    ['crisis', true, 'high'],
  ] as const)('%s → handoff %s, risk %s', (severity, handoff, risk) => {
    expect(requiresHandoff(severity)).toBe(handoff);
    expect(riskGradeOf(severity)).toBe(risk);
  });
});
