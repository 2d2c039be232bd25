// The intake dialog in both languages, turn by turn (pure: no database, no clock but the one given).
import { describe, expect, it } from 'vitest';
import { readDialogState } from '../../src/conversation/dialog-state.js';
import type { IntakeStep } from '../../src/conversation/pipeline.js';
import type { Locale } from '../../src/conversation/locale.js';
import { continueIntake, startIntake } from '../../src/complaints/intake/intake-dialog.js';
import { mergeLlmExtraction } from '../../src/complaints/intake/llm-extraction.js';
import { createComplaintsModule } from '../../src/complaints/complaints-module.js';
import { loadConfig } from '../../src/config.js';
import type { LlmModule } from '../../src/llm/llm-module.js';

const now = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
const tz = 'Asia/Shanghai';

function converse(locale: Locale, first: string, answers: string[], pick?: RegExp) {
  const steps: IntakeStep[] = [startIntake({ text: first, locale, dialog: readDialogState({}), now, timeZone: tz })];
  for (const answer of answers) {
    const s = steps[steps.length - 1];
    if (s.effects.length || !s.dialog.active) break;
    const chosen = pick ? s.replies.flatMap((r) => r.suggestedActions ?? []).find((a) => pick.test(a)) : undefined;
    steps.push(continueIntake({ text: chosen ?? answer, locale, dialog: s.dialog, now, timeZone: tz }));
  }
  const last = steps[steps.length - 1];
  const submit = last.effects.find((e) => e.type === 'submit_complaint');
  return { steps, last, draft: submit?.type === 'submit_complaint' ? submit.draft : undefined };
}

const texts = (s: IntakeStep) => s.replies.map((r) => r.text).join('\n');
const suggestions = (s: IntakeStep) => s.replies.flatMap((r) => r.suggestedActions ?? []);

describe('complaint intake in Chinese', () => {
  it('completes the outside check’s sequence, picking the confirm quick reply, within its turns', () => {
    const { steps, draft } = converse('zh-CN', '你们上个月莫名其妙扣了我300元年费，打客服也没人管，我要投诉', ['信用卡年费', '上个月10号', '300元', '退还年费', '电话联系我', '确认', '确认提交', '是的', '确认'], /确认|提交|是/);
    expect(steps.length).toBeLessThanOrEqual(10);
    expect(texts(steps[0])).toMatch(/抱歉/);
    expect(steps[0].intent).toBe('complaint.file');
    expect(steps.at(-1)!.intent).toBe('complaint.confirm');
    expect(draft).toMatchObject({ category: 'fees_charges', amount: 300, currency: 'CNY', occurredOn: '2026-10-10', desiredOutcome: '退还年费', contactPreference: 'phone' });
    expect(draft!.description).toContain('300元年费');
    // The confirmation summary came right before, with the three choices.
    expect(suggestions(steps.at(-2)!)).toEqual(['确认提交', '修改', '取消']);
  });

  it('does not ask again what the first message already said', () => {
    const { steps } = converse('zh-CN', '上个月10号手机银行转账失败，被扣了500元手续费，请退还并电话联系我', []);
    expect(steps[0].dialog.active?.asking).toBe('confirm');
    expect(texts(steps[0])).toMatch(/500元/);
  });

  it('asks one question at a time with quick replies', () => {
    const { steps } = converse('zh-CN', '我要投诉', ['网点柜员态度很差，还骂人', '昨天', '没有', '道歉', '短信']);
    const asked = steps.map((s) => s.dialog.active?.asking);
    expect(asked).toEqual(['description', 'when', 'amount', 'outcome', 'contact', 'confirm']);
    expect(steps[0].replies.at(-1)!.text).toMatch(/发生了什么/);
    const summaryStep = steps.at(-1)!;
    expect(texts(summaryStep)).toMatch(/服务态度/);
    expect(texts(summaryStep)).toMatch(/不涉及/);
    expect(suggestions(steps[2])).toEqual(['没有涉及金额']);
  });

  it('maps a free answer to the category question onto the list, and files an off-question answer where it belongs', () => {
    const { steps } = converse('zh-CN', '我要投诉', ['你们太过分了，一直没人解决', '我的信用卡', '300元']);
    expect(steps.map((s) => s.dialog.active?.asking)).toEqual(['description', 'category', 'when', 'when']);
    expect((steps[2].dialog.active!.slots as { category: string }).category).toBe('cards');
    expect(texts(steps[3])).toMatch(/已记下金额：300元/);
  });

  it('offers category quick replies when the area is unclear, and none of any question’s replies looks like a confirmation', () => {
    const { steps } = converse('zh-CN', '我要投诉，你们太过分了，一直没人解决', ['其他']);
    expect(steps[0].dialog.active?.asking).toBe('category');
    expect(suggestions(steps[0])).toContain('理财与投资');
    for (const s of steps.filter((x) => x.dialog.active?.asking !== 'confirm')) {
      expect(suggestions(s).filter((a) => /确认|提交|是/.test(a))).toEqual([]);
    }
  });

  it('corrects a slot by “修改” then the slot then the value, and directly by “修改金额 500元”', () => {
    const base = ['退还', '电话'];
    const viaMenu = converse('zh-CN', '昨天信用卡被多扣了300元年费', [...base, '修改', '金额', '500元', '确认提交']);
    expect(viaMenu.steps.map((s) => s.dialog.active?.asking)).toEqual(['outcome', 'contact', 'confirm', 'choose_change', 'amount', 'confirm', undefined]);
    expect(viaMenu.draft?.amount).toBe(500);
    const direct = converse('zh-CN', '昨天信用卡被多扣了300元年费', [...base, '修改金额 500元', '确认']);
    expect(texts(direct.steps.at(-2)!)).toMatch(/金额：500元/);
    expect(direct.draft?.amount).toBe(500);
    expect(direct.steps.at(-2)!.dialog.active?.corrections).toBe(1);
  });

  it('cancels at any point, leaving no intake behind', () => {
    const { last, draft } = converse('zh-CN', '我要投诉', ['贷款利率被乱调', '取消']);
    expect(draft).toBeUndefined();
    expect(last.intent).toBe('complaint.cancel');
    expect(last.dialog.active).toBeNull();
    expect(texts(last)).toMatch(/已取消/);
  });

  it('never asks more than seven questions, even when answers keep missing the point', () => {
    const { steps } = converse('zh-CN', '我要投诉', Array(12).fill('300元'));
    const questions = steps.filter((s) => s.dialog.active && s.dialog.active.asking !== 'confirm').length;
    expect(questions).toBeLessThanOrEqual(7);
    expect(steps.at(-1)!.dialog.active?.asking).toBe('confirm');
  });

  it('keeps a later alarming statement as a severity hint', () => {
    const { draft } = converse('zh-CN', '理财经理说是保本的，结果亏了两万元', ['上个月', '赔偿损失，不然我就去银保监会投诉', '电话', '确认']);
    expect(draft?.amount).toBe(20000);
    expect(draft?.severityHints.join('')).toContain('银保监会');
  });
});

describe('complaint intake in English', () => {
  it('collects what is missing, understands “no money involved”, and files on Submit', () => {
    const { steps, draft } = converse('en', 'I want to make a complaint', ['The branch manager was rude and hung up on me', 'Service attitude', 'last Monday', 'no money involved', 'An apology', 'email me', 'Submit']);
    expect(texts(steps[0])).toMatch(/sorry/i);
    expect(draft).toMatchObject({ category: 'service_attitude', occurredOn: '2026-11-16', desiredOutcome: 'An apology', contactPreference: 'email' });
    expect(draft?.amount).toBeUndefined();
    expect(suggestions(steps.at(-2)!)).toEqual(['Submit', 'Change something', 'Cancel']);
  });

  it('takes “change the amount to 500” at the summary and shows it again', () => {
    const { steps, draft } = converse('en', 'You charged me a $95 annual fee on my credit card yesterday, I want a refund, call me', ['change the amount to 500 dollars', 'yes']);
    expect(steps[0].dialog.active?.asking).toBe('confirm');
    expect(texts(steps[1])).toMatch(/USD 500/);
    expect(draft).toMatchObject({ amount: 500, currency: 'USD', desiredOutcome: expect.stringMatching(/refund/i), contactPreference: 'phone' });
  });

  it('does not mistake an account of what happened for a correction', () => {
    const { steps } = converse('en', 'I want to make a complaint', ['Actually the app crashed every time I tried to log in']);
    expect((steps[1].dialog.active!.slots as { description: string }).description).toMatch(/crashed every time/);
    expect(steps[1].dialog.active!.asking).toBe('when');
  });

  it('cancels with “never mind”', () => {
    expect(converse('en', 'I want to complain', ['never mind']).last.intent).toBe('complaint.cancel');
  });
});

describe('LLM pre-fill', () => {
  it('fills only what the rules left open; the rules’ amount wins', () => {
    const start = startIntake({ text: '你们乱扣了我300元，太过分了', locale: 'zh-CN', dialog: readDialogState({}), now, timeZone: tz }, (slots) =>
      mergeLlmExtraction(slots, { category: 'cards', amount: 3000, currency: 'CNY', occurred: '上周五', occurredOn: '2026-11-20', desiredOutcome: '退款', contactPreference: 'sms', summary: null }),
    );
    const slots = start.dialog.active!.slots as { amount: { value: number }; when: { raw: string }; contact: string; category: string; llmFilled: string[] };
    expect(slots.amount.value).toBe(300);
    expect(slots.when.raw).toBe('上周五');
    expect(slots.contact).toBe('sms');
    expect(slots.llmFilled).toEqual(expect.arrayContaining(['when', 'outcome', 'contact']));
  });

  it('is asked through the module when the LLM is enabled, with the complaint-extraction prompt', async () => {
    const calls: Array<{ prompt: string; variables: Record<string, string> }> = [];
    const llm: LlmModule = {
      enabled: true,
      text: async () => null,
      structured: async (input) => {
        calls.push({ prompt: input.prompt, variables: input.variables });
        const value = input.schema.parse({ category: 'loans', amount: null, currency: null, occurred: '三月份', occurredOn: null, desiredOutcome: '重新计算利息', contactPreference: null, summary: null });
        return { value, model: 'fake', latencyMs: 1 };
      },
    };
    const config = loadConfig({ NODE_ENV: 'test' });
    const module = createComplaintsModule({ config, llm, db: {} as never, queues: { queue: () => ({}) } as never, audit: {} as never, live: {} as never, log: { debug() {}, info() {}, warn() {} } as never, conversations: {} as never, cipher: {} as never });
    const conversation = { id: 'c1', channel: 'web', locale: 'zh-CN' as const, state: 'bot' as const, dialog: readDialogState({}), customer: null };
    const step = await module.intake.startWithLlm({ text: '我的房贷利息算错了，我要投诉', locale: 'zh-CN', conversation, now });
    expect(calls[0].prompt).toBe('complaint-extraction');
    expect(calls[0].variables.text).toContain('房贷');
    expect((step.dialog.active!.slots as { desiredOutcome: string }).desiredOutcome).toBe('重新计算利息');
    expect(step.dialog.active!.asking).toBe('amount');
  });
});
