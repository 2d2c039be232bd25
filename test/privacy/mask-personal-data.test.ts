import { describe, expect, it } from 'vitest';
import { isValidCnResidentId, luhnValid, maskPersonalData, type PersonalDataKind } from '../../src/privacy/mask-personal-data.js';

const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z@.+-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('luhnValid', () => {
  it.each([
    ['4111111111111111', true],
    ['5500005555555559', true],
    ['378282246310005', true],
    ['30569309025904', true],
    ['6222021234567890128', true],
    ['4111111111111112', false],
    ['6222021234567890', false],
    ['12a4', false],
  ])('%s → %s', (n, ok) => expect(luhnValid(n)).toBe(ok));
});

describe('isValidCnResidentId', () => {
  it.each([
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['44030419900307123X', true],
    ['310115198512314564', true],
    ['510107200002290010', true], // 29 Feb 2000 exists
    ['310115198512314565', false], // wrong check digit
    ['110101199002301236', false], // 30 Feb, although the check digit fits
    ['010101199001011234', false], // no region starts with 0
    ['11010518991231002X', false],
  ])('%s → %s', (id, ok) => expect(isValidCnResidentId(id)).toBe(ok));
});

interface Case {
  name: string;
  input: string;
  found: PersonalDataKind[];
  /** Substrings that must not survive masking. */
  hidden?: string[];
  /** Substrings that must survive (context, amounts, last digits). */
  kept?: string[];
  expected?: string;
}

const cases: Case[] = [
  { name: 'card, contiguous', input: '我的卡号是4111111111111111', found: ['card'], expected: '我的卡号是************1111' },
  { name: 'card, groups of four', input: 'card 4111 1111 1111 1111 please', found: ['card'], expected: 'card **** **** **** 1111 please' },
  { name: 'card, dashes', input: 'Card: 5500-0055-5555-5559.', found: ['card'], expected: 'Card: ****-****-****-5559.' },
  { name: 'card, 19 digits UnionPay', input: '卡号6222 0212 3456 7890 128，谢谢', found: ['card'], hidden: ['6222 0212', '3456 7890'], kept: ['128，谢谢'] },
  { name: 'card, Amex 4-6-5', input: 'amex 3782 822463 10005', found: ['card'], expected: 'amex **** ****** *0005' },
  { name: 'card glued to letters is still masked', input: 'card4111111111111111', found: ['card'], expected: 'card************1111' },
  { name: 'non-Luhn 16 digits is a long number: masked as account', input: '卡号 4111111111111112', found: ['account'], expected: '卡号 ************1112' },
  { name: 'resident ID', input: '身份证号11010519491231002X', found: ['cn_id'], expected: '身份证号110***********002X' },
  { name: 'resident ID, lowercase x and spaces', input: 'ID 110105 19491231 002x ok', found: ['cn_id'], expected: 'ID 110***********002X ok' },
  { name: 'mobile', input: '手机13812345678', found: ['phone'], expected: '手机138****5678' },
  { name: 'mobile with +86 and spaces', input: 'call +86 138 1234 5678 now', found: ['phone'], expected: 'call +86 138 **** 5678 now' },
  { name: 'mobile with 86-', input: 'tel 86-13912345678', found: ['phone'], expected: 'tel 86-139****5678' },
  { name: 'mobile with dashes', input: '电话：159-1234-5678。', found: ['phone'], expected: '电话：159-****-5678。' },
  { name: 'landline with area code', input: '座机010-62345678', found: ['phone'], expected: '座机010-****5678' },
  { name: 'landline in brackets', input: '(0755) 8765 4321', found: ['phone'], expected: '(0755) **** 4321' },
  { name: 'landline 4-digit area', input: '办公电话0755-87654321转123', found: ['phone'], hidden: ['87654321'] },
  { name: 'international E.164', input: 'UK number +44 20 7946 0958', found: ['phone'], expected: 'UK number +44 ** **** 0958' },
  { name: 'international compact', input: 'reach me on +14155550123', found: ['phone'], expected: 'reach me on +*******0123' },
  { name: 'e-mail', input: '邮箱zhang.san@example.com谢谢', found: ['email'], expected: '邮箱z***@example.com谢谢' },
  { name: 'e-mail with digits only', input: 'mail 13812345678@163.com', found: ['email'], expected: 'mail 1***@163.com' },
  { name: 'account number', input: '账号 6212261202011584349 转账失败', found: ['account'], expected: '账号 ***************4349 转账失败' },
  { name: 'account in groups of four', input: 'acct 1234 5678 9012 34', found: ['account'], expected: 'acct **** **** **12 34' },
  { name: 'several kinds in order', input: 'email a.b@x.cn phone 13812345678 card 4111111111111111', found: ['email', 'phone', 'card'] },
];

const untouched: Array<[string, string]> = [
  ['yuan amount', '你们上个月莫名其妙扣了我300元年费'],
  ['large yuan amount', '转账1234567890元没到账'],
  ['dollar amount', 'they charged me $1,200.50 twice'],
  ['dollar amount, long', 'balance was $12345678901.00'],
  ['yen sign', '扣了￥12345678901'],
  ['decimal', 'rate 0.0345678901234'],
  ['date and time', '2026-10-05 10:30:00 发生的'],
  ['slashed date', 'on 2026/10/05 at 9:15'],
  ['chinese date', '2026年10月5日'],
  ['complaint reference', '我的投诉编号是CMP-2026-000123'],
  ['reference without dashes', 'ref CMP2026000123 please'],
  ['reference with spaces', 'ref CMP 2026 000123 please'],
  ['compact timestamp', 'txn at 20261005103000'],
  ['hotline', '请拨打95588或400-820-8888'],
  ['short numbers', 'order 12345 item 678901'],
  ['signed amounts', 'balance +300.50 / -1200'],
];

describe('maskPersonalData', () => {
  it.each(cases)('$name', ({ input, found, hidden, kept, expected }) => {
    const r = maskPersonalData(input);
    expect(r.found).toEqual(found);
    if (expected !== undefined) expect(r.text).toBe(expected);
    for (const h of hidden ?? []) expect(r.text).not.toContain(h);
    for (const k of kept ?? []) expect(r.text).toContain(k);
  });

  it.each(untouched)('leaves %s alone', (_name, input) => {
    expect(maskPersonalData(input)).toEqual({ text: input, found: [] });
  });

  it('never leaves the full digits of a card or ID', () => {
    const input = '卡 6222021234567890128 / 4111-1111-1111-1111 身份证 44030419900307123X';
    const { text } = maskPersonalData(input);
    for (const secret of ['6222021234567890128', '4111111111111111', '44030419900307123X']) {
      expect(text.replace(/\D/g, '')).not.toContain(secret.replace(/\D/g, ''));
    }
  });

  it.each([...cases.map((c) => c.input), ...untouched.map((u) => u[1])])('is idempotent: %s', (input) => {
    const once = maskPersonalData(input).text;
    const twice = maskPersonalData(once);
    expect(twice.text).toBe(once);
    expect(twice.found).toEqual([]);
  });

  it('detects full-width digits and keeps the rest of the text as typed', () => {
    const input = `我的手机是${toFullWidth('13812345678')}，卡号${toFullWidth('4111111111111111')}，邮箱${toFullWidth('li@example.com')}。`;
    const r = maskPersonalData(input);
    expect(r.found).toEqual(['phone', 'card', 'email']);
    expect(r.text).toBe('我的手机是138****5678，卡号************1111，邮箱l***@example.com。');
  });

  it('gives the same result on NFKC-normalised input', () => {
    const input = `身份证${toFullWidth('11010519491231002X')}`;
    expect(maskPersonalData(input.normalize('NFKC')).text).toBe('身份证110***********002X');
    expect(maskPersonalData(input).text).toBe('身份证110***********002X');
  });

  it.each([
    ['2026-10-05 13812345678 4111111111111111', '2026-10-05 138****5678 ************1111', ['phone', 'card']],
    ['2026-10-05 010-62345678', '2026-10-05 010-****5678', ['phone']],
    ['0371 2345 6789 0123', '**** **** **** 0123', ['account']],
    ['6222 1381 2345 6789', '**** **** **** 6789', ['card']],
    ['6222 1381 2345 6788', '**** **** **** 6788', ['account']],
    ['转账 13812345678', '转账 138****5678', ['phone']],
    ['卡号 6222021234567890128 300元', '卡号 ***************0128 300元', ['card']],
    ['paid $20 4111111111111111', 'paid $20 ************1111', ['card']],
    ['4111111111111111 1,200.50', '************1111 1,200.50', ['card']],
    ['CMP-2026-000123 6212261202011584349', 'CMP-2026-000123 ***************4349', ['account']],
  ])('splits digit runs into the right pieces: %s', (input, text, found) => {
    expect(maskPersonalData(input)).toEqual({ text, found });
  });
});
