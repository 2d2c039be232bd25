// CSAT after a closed handoff: the question is asked in the customer's language, the answer is stored
// against the handoff and its agent, and a message that is not a score is handled normally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeller, type TellerUnderTest } from '../helpers/context.js';

let t: TellerUnderTest;
let agentToken: string;
beforeAll(async () => {
  t = await startTeller();
  agentToken = (await t.app.inject({ method: 'POST', url: '/api/agent/login', payload: { email: 'admin@bank.test', password: 'Adm1n-pass-2026!' } })).json().token;
});
afterAll(async () => t?.close());

async function handedOffAndClosed(locale: 'zh-CN' | 'en', ask: string) {
  const conv = (await t.app.inject({ method: 'POST', url: '/api/conversations', payload: { locale } })).json();
  const auth = { authorization: `Bearer ${conv.token}` };
  const r = (await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text: ask }, headers: auth })).json();
  expect(r.route).toBe('handoff');
  const agent = { authorization: `Bearer ${agentToken}` };
  expect((await t.app.inject({ method: 'POST', url: `/api/agent/handoffs/${r.handoff.id}/claim`, headers: agent })).statusCode).toBe(200);
  expect((await t.app.inject({ method: 'POST', url: `/api/agent/handoffs/${r.handoff.id}/close`, payload: { disposition: 'resolved' }, headers: agent })).statusCode).toBe(200);
  return { conv, auth, handoffId: r.handoff.id as string };
}

describe('satisfaction after a handoff', () => {
  it('asks CSAT in Chinese and stores the answer against the handoff and its agent', async () => {
    const { conv, auth, handoffId } = await handedOffAndClosed('zh-CN', '转人工');
    const transcript = (await t.app.inject({ url: `/api/conversations/${conv.id}/messages`, headers: auth })).json().messages;
    const question = transcript.at(-1);
    expect(question.author).toBe('bot');
    expect(question.text).toMatch(/满意|评价/);
    expect(question.suggestedActions).toContain('5 非常满意');

    const answer = (await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text: '5 非常满意' }, headers: auth })).json();
    expect(answer.intent).toMatch(/^survey\./);
    const ratings = await t.infra.db.satisfactionRating.findMany({ where: { conversationId: conv.id } });
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ kind: 'csat', score: 5, handoffId });
    expect(ratings[0].agentId).toBeTruthy();

    // The question is answered: the next message is an ordinary turn again.
    const next = (await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text: '网点几点关门' }, headers: auth })).json();
    expect(next.route).toBe('faq');
  });

  it('drops the question when the customer writes about something else', async () => {
    const { conv, auth } = await handedOffAndClosed('en', 'I want to talk to a real person');
    const r = (await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text: 'How do I reset my online banking password?' }, headers: auth })).json();
    expect(r.route).toBe('faq');
    expect(await t.infra.db.satisfactionRating.count({ where: { conversationId: conv.id } })).toBe(0);
  });
});
