// The read-only conversation record (GET /api/agent/conversations/:id/transcript) on the real app:
// a bot-only conversation (no handoff) opens for a supervisor with the route and intent of every
// customer message, its ratings and complaint; texts are masked as in the transcript; an agent reads
// only what they handled (a handoff they held, messages they wrote, a complaint assigned to them);
// every read is in the audit log, a refused one is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askForHuman, httpClient, login, startConversation, startHandoffTeller, type HandoffTeller } from './harness.js';

let t: HandoffTeller;
let call: ReturnType<typeof httpClient>;
let supervisor: { id: string; token: string };
let agentA: { id: string; token: string };
let agentB: { id: string; token: string };

async function staff(email: string, role: 'agent' | 'supervisor') {
  const created = await t.services.agentAccounts.create({ email, name: email.split('@')[0], password: 'Staff-pass-2026!', role, languages: ['zh-CN', 'en'] });
  return { id: created.id, token: await login(t, email, 'Staff-pass-2026!') };
}

const record = (conversationId: string, token: string) => call('GET', `/api/agent/conversations/${conversationId}/transcript`, undefined, token);
const reads = (conversationId: string, actorId: string) => t.infra.db.auditLog.count({ where: { action: 'conversation.transcript.read', subjectId: conversationId, actor: `agent:${actorId}` } });

beforeAll(async () => {
  t = await startHandoffTeller();
  call = httpClient(t);
  supervisor = await staff('sup@bank.test', 'supervisor');
  agentA = await staff('a@bank.test', 'agent');
  agentB = await staff('b@bank.test', 'agent');
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/agent/conversations/:id/transcript', () => {
  it('opens a bot-only conversation for a supervisor: transcript, route and intent per customer message, ratings, complaint; masked, audited', async () => {
    const c = await startConversation(t, { locale: 'en', channel: 'web', customer: { name: 'Ada Lovelace', segment: 'vip', externalId: 'ada-1' } });
    const turns: Array<{ route: string; intent: string }> = [];
    for (const text of ['How do I activate my new card? My phone is 13812345678', 'thanks']) {
      const r = await call('POST', `/api/conversations/${c.id}/messages`, { text }, c.token);
      expect(r.status).toBe(200);
      turns.push({ route: r.json.route, intent: r.json.intent });
    }
    const k = await t.infra.db.complaint.create({
      data: {
        reference: 'CMP-2026-000777',
        conversationId: c.id,
        channel: 'web',
        locale: 'en',
        category: 'cards',
        description: 'Card not activated',
        ackDueAt: new Date(Date.now() + 86_400_000),
        investigationDueAt: new Date(Date.now() + 2 * 86_400_000),
        resolutionDueAt: new Date(Date.now() + 15 * 86_400_000),
      },
    });
    // Rated after the complaint was filed: the rating is credited to it.
    expect((await call('POST', `/api/conversations/${c.id}/rating`, { score: 4, comment: 'Quick! Write to me at ada@example.com' }, c.token)).status).toBe(201);
    expect(await t.infra.db.handoff.count({ where: { conversationId: c.id } })).toBe(0);

    const r = await record(c.id, supervisor.token);
    expect(r.status).toBe(200);
    const body = r.json;
    expect(body.conversation).toMatchObject({ id: c.id, channel: 'web', locale: 'en', state: 'bot', customer: { segment: 'vip', vulnerable: false } });
    // The same words as the customer's own transcript, in order, masked.
    const transcript = (await call('GET', `/api/conversations/${c.id}/messages`, undefined, c.token)).json.messages as Array<{ id: string; author: string; text: string }>;
    expect(body.messages.map((m: { id: string; author: string; text: string }) => [m.id, m.author, m.text])).toEqual(transcript.map((m) => [m.id, m.author, m.text]));
    const customerLines = body.messages.filter((m: { author: string }) => m.author === 'customer');
    expect(customerLines.map((m: { route: string; intent: string }) => ({ route: m.route, intent: m.intent }))).toEqual(turns);
    expect(customerLines.every((m: { confidence: number | null }) => typeof m.confidence === 'number')).toBe(true);
    expect(body.messages.filter((m: { author: string }) => m.author !== 'customer').every((m: { route: null; intent: null }) => m.route === null && m.intent === null)).toBe(true);
    expect(body.ratings).toEqual([{ kind: 'csat', score: 4, comment: expect.stringMatching(/^Quick! Write to me at .*\*/), createdAt: expect.any(String), handoffId: null, complaint: k.reference }]);
    expect(body.complaints).toEqual([{ reference: 'CMP-2026-000777', status: 'received', severity: 'low', category: 'cards', createdAt: expect.any(String) }]);
    expect(body.handoffs).toEqual([]);
    expect(body.truncated).toBe(false);
    const raw = JSON.stringify(body);
    for (const secret of ['13812345678', 'ada@example.com', 'Ada Lovelace', 'ada-1']) expect(raw).not.toContain(secret);

    expect(await reads(c.id, supervisor.id)).toBe(1);
    const entry = await t.infra.db.auditLog.findFirstOrThrow({ where: { action: 'conversation.transcript.read', subjectId: c.id } });
    expect(entry).toMatchObject({ subjectType: 'conversation', detail: { messages: body.messages.length, complaints: ['CMP-2026-000777'], handoffIds: [] } });

    // An agent who never handled it may not read it, and the refusal reads nothing.
    const refused = await record(c.id, agentA.token);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('forbidden');
    expect(await reads(c.id, agentA.id)).toBe(0);
    // The agent the complaint is assigned to handles it, and may read where it came from.
    await t.infra.db.complaint.update({ where: { id: k.id }, data: { assignedAgentId: agentB.id } });
    expect((await record(c.id, agentB.token)).status).toBe(200);
    expect((await record(c.id, agentA.token)).status).toBe(403);
  });

  it('lets an agent read a conversation once they handle its handoff, and no other agent', async () => {
    const c = await startConversation(t, { locale: 'zh-CN' });
    const asked = await askForHuman(t, c);
    // Waiting in the queue is what the agent view is for; the record is for who handled it.
    expect((await record(c.id, agentA.token)).status).toBe(403);
    expect((await call('POST', `/api/agent/handoffs/${asked.handoffId}/claim`, {}, agentA.token)).status).toBe(200);
    const mine = await record(c.id, agentA.token);
    expect(mine.status).toBe(200);
    expect(mine.json.handoffs).toEqual([expect.objectContaining({ id: asked.handoffId, status: 'active', reason: 'customer_request', agent: { id: agentA.id, name: 'a' } })]);
    expect(mine.json.messages.find((m: { author: string }) => m.author === 'customer')).toMatchObject({ text: '转人工', route: 'handoff' });
    expect(await reads(c.id, agentA.id)).toBe(1);
    expect((await record(c.id, agentB.token)).status).toBe(403);
    // After a transfer the agent who wrote in it may still read what they did.
    expect((await call('POST', `/api/agent/conversations/${c.id}/messages`, { text: '您好，我来帮您' }, agentA.token)).status).toBe(201);
    expect((await call('POST', `/api/agent/handoffs/${asked.handoffId}/transfer`, { agentId: agentB.id }, agentA.token)).status).toBe(200);
    expect((await record(c.id, agentA.token)).status).toBe(200);
    expect((await record(c.id, agentB.token)).status).toBe(200);
  });

  it('answers 404 for an unknown conversation, 400 for a malformed id, 401 without a token', async () => {
    expect((await record('00000000-0000-4000-8000-000000000000', supervisor.token)).status).toBe(404);
    expect((await record('not-a-uuid', supervisor.token)).status).toBe(400);
    expect((await call('GET', '/api/agent/conversations/00000000-0000-4000-8000-000000000000/transcript')).status).toBe(401);
  });
});
