import { describe, expect, it } from 'vitest';
import { loadCannedResponses, suggestReplies } from '../../src/handoff/canned-responses.js';
import { assembleContext, transcriptForPrompt, type ContextSources } from '../../src/handoff/context.js';
import { extractiveSummary, keyCustomerSentences, sentimentTrend } from '../../src/handoff/summary.js';
import { toHandoffInitiateActivity } from '../../src/handoff/botframework-handoff.js';

const catalog = loadCannedResponses();
const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 2, 0, s));

function sources(over: Partial<ContextSources> = {}): ContextSources {
  return {
    handoff: { reason: 'customer_request', summary: null, urgent: false },
    conversation: { channel: 'web', locale: 'zh-CN', dialog: { intents: ['faq.question', 'handoff.request'], sentiment: [0.1, -0.2, -0.7, -0.8] } },
    messages: [
      { id: 'm1', author: 'customer', text: '你好', createdAt: at(0), agentId: null, intent: 'smalltalk.greeting', metadata: {} },
      { id: 'm2', author: 'bot', text: '您好，我是智能客服。', createdAt: at(1), agentId: null, intent: 'smalltalk.greeting', metadata: {} },
      { id: 'm3', author: 'customer', text: '信用卡分期怎么收费？我上个月被扣了300元手续费', createdAt: at(2), agentId: null, intent: 'faq.question', metadata: { entry: 'credit-cards/instalment-fees' } },
      { id: 'm4', author: 'bot', text: '分期手续费按期数收取……', createdAt: at(3), agentId: null, intent: 'faq.question', metadata: {} },
      { id: 'm5', author: 'customer', text: '转人工', createdAt: at(4), agentId: null, intent: 'handoff.request', metadata: {} },
    ],
    customer: { id: 'c1', externalId: 'vip-1', name: '张三', segment: 'vip', vulnerable: false, customerSince: at(0).toISOString(), conversations: 3, openComplaints: 0 },
    complaint: null,
    ...over,
  };
}

describe('extractive summary', () => {
  it('keeps the customer’s informative sentences and drops greetings and the request for a person', () => {
    const s = keyCustomerSentences([
      { author: 'customer', text: '你好', intent: 'smalltalk.greeting' },
      { author: 'customer', text: '我的信用卡被盗刷了两笔，一共5000元。怎么办？', intent: 'urgent.fraud_transaction' },
      { author: 'bot', text: '请立即冻结卡片' },
      { author: 'customer', text: '转人工', intent: 'handoff.request' },
      { author: 'customer', text: 'agent please' },
    ]);
    expect(s).toEqual(['我的信用卡被盗刷了两笔，一共5000元。', '怎么办？']);
  });

  it('names the reason, intents, complaint and mood in the conversation’s language', () => {
    const text = extractiveSummary({
      locale: 'en',
      reason: 'complaint_severity',
      messages: [{ author: 'customer', text: 'You charged me a £300 annual fee without telling me. I want it back.' }],
      intents: ['complaint.file'],
      complaint: { reference: 'CMP-2026-000042', category: 'fees', severity: 'high', status: 'received' },
      sentiment: sentimentTrend([-0.2, -0.8]),
    });
    expect(text).toContain('You charged me a £300 annual fee without telling me.');
    expect(text).toContain('Handoff reason: high-severity complaint');
    expect(text).toContain('Complaint: CMP-2026-000042 (fees, severity high, status received)');
    expect(text).toContain('Mood: worsening');
  });

  it('reads the sentiment trend from newer against older turns', () => {
    expect(sentimentTrend([0.5, 0.4, -0.5, -0.6]).direction).toBe('worsening');
    expect(sentimentTrend([-0.6, -0.5, 0.2, 0.4]).direction).toBe('improving');
    expect(sentimentTrend([0.1, 0.0, 0.1]).direction).toBe('stable');
    expect(sentimentTrend([])).toMatchObject({ direction: 'unknown', latest: null });
  });
});

describe('context package', () => {
  it('assembles transcript, summary, intents, sentiment, customer and suggestions', () => {
    const ctx = assembleContext(sources(), catalog);
    expect(ctx.transcript.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(ctx.summary).toContain('信用卡分期怎么收费？');
    expect(ctx.summary).toContain('转人工原因：客户主动要求人工');
    expect(ctx.summarySource).toBe('extractive');
    expect(ctx.intent).toBe('faq.question'); // the request for a person itself is not "the intent"
    expect(ctx.topics).toEqual(['credit-cards/instalment-fees']);
    expect(ctx.sentiment.direction).toBe('worsening');
    expect(ctx.customer).toMatchObject({ segment: 'vip', name: '张三' });
    expect(ctx.complaint).toBeNull();
    expect(ctx.language).toBe('zh-CN');
    const keys = ctx.suggestedReplies.map((r) => r.key);
    expect(keys[0]).toBe('greeting');
    expect(keys).toContain('card_fees'); // the customer talked about credit-card instalments
    expect(keys).not.toContain('complaint_ack'); // no complaint, no reference to quote
    expect(ctx.suggestedReplies[0].text).toMatch(/[\u4e00-\u9fff]/);
    expect(ctx.suggestedReplies[0].texts.en).toMatch(/^Hello/);
  });

  it('uses a stored LLM summary when there is one', () => {
    const ctx = assembleContext(sources({ handoff: { reason: 'customer_request', summary: 'LLM: 客户询问分期费用', urgent: false } }), catalog);
    expect(ctx).toMatchObject({ summary: 'LLM: 客户询问分期费用', summarySource: 'llm' });
  });

  it('suggests complaint replies with the reference filled in', () => {
    const complaint = { reference: 'CMP-2026-000007', status: 'received', severity: 'high', category: 'fees', createdAt: at(0).toISOString(), ackDueAt: at(0).toISOString(), dueAt: at(0).toISOString() };
    const ctx = assembleContext(sources({ complaint, handoff: { reason: 'complaint_severity', summary: null, urgent: false } }), catalog);
    const ack = ctx.suggestedReplies.find((r) => r.key === 'complaint_ack');
    expect(ack?.text).toContain('CMP-2026-000007');
    expect(ack?.texts.en).toContain('CMP-2026-000007');
    expect(ctx.summary).toContain('关联投诉：CMP-2026-000007');
  });

  it('suggests the card-blocking reply for a lost card', () => {
    const s = suggestReplies(catalog, { locale: 'en', reason: 'urgent', intents: ['urgent.lost_card'], customerTexts: ['I lost my card'], complaintReference: null });
    expect(s.map((r) => r.key).slice(0, 2)).toEqual(['greeting', 'urgent_card_block']);
  });

  it('masks personal data again before the transcript goes into a prompt', () => {
    const lines = transcriptForPrompt([{ id: 'x', author: 'customer', text: 'my phone is 13812345678', createdAt: at(0).toISOString() }]);
    expect(lines).not.toContain('13812345678');
    expect(lines.startsWith('customer: ')).toBe(true);
  });
});

describe('Bot Framework handoff.initiate', () => {
  it('carries the context as value and the transcript as activities', () => {
    const context = assembleContext(sources(), catalog);
    const a = toHandoffInitiateActivity({
      handoff: { id: 'h1', conversationId: 'conv-1', priority: 10_000, requestedAt: at(4) },
      context,
      reference: { channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id: 'teams-conv' }, user: { id: 'u-29', name: 'Zhang' }, activityId: 'act-9' },
      now: at(5),
    });
    expect(a).toMatchObject({ type: 'event', name: 'handoff.initiate', channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id: 'teams-conv' }, replyToId: 'act-9' });
    expect(a.value).toMatchObject({ handoffId: 'h1', conversationId: 'conv-1', summary: context.summary, reason: 'customer_request' });
    expect('transcript' in a.value).toBe(false);
    expect(a.attachments).toHaveLength(1);
    expect(a.attachments[0]).toMatchObject({ contentType: 'application/json', name: 'Transcript' });
    const acts = a.attachments[0].content.activities;
    expect(acts).toHaveLength(5);
    expect(acts[2]).toMatchObject({ type: 'message', from: { id: 'u-29', role: 'user' }, text: context.transcript[2].text, channelId: 'msteams' });
    expect(acts[3].from.role).toBe('bot');
  });

  it('works for web chat without a channel reference', () => {
    const a = toHandoffInitiateActivity({ handoff: { id: 'h2', conversationId: 'conv-2', priority: 0, requestedAt: at(1) }, context: assembleContext(sources(), catalog), now: at(2) });
    expect(a).toMatchObject({ channelId: 'web', conversation: { id: 'conv-2' }, from: { id: 'vip-1', role: 'user' } });
    expect(a.relatesTo).toBeUndefined();
  });
});
