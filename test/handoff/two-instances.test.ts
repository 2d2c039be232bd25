// Two Teller instances behind one load balancer: one database, one REDIS_PREFIX, different ports.
// The customer's live stream is held by A while the agent works through B; claims race across both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askForHuman, clearRedisPrefix, createTestDatabase, httpClient, login, startConversation, startHandoffTeller, uniqueRedisPrefix, type HandoffTeller, type TestDatabase } from './harness.js';
import { openSse } from './sse-client.js';

let database: TestDatabase;
let a: HandoffTeller;
let b: HandoffTeller;
const prefix = uniqueRedisPrefix();

beforeAll(async () => {
  database = await createTestDatabase();
  a = await startHandoffTeller({ database, listen: true, env: { REDIS_PREFIX: prefix } });
  b = await startHandoffTeller({ database, listen: true, env: { REDIS_PREFIX: prefix } });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await database?.drop();
  await clearRedisPrefix(prefix);
});

describe('handoff across two instances', () => {
  it('relays the agent’s message from instance B to the customer’s stream on instance A, and the close back', async () => {
    expect(a.baseUrl).not.toBe(b.baseUrl);
    const onA = httpClient(a), onB = httpClient(b);
    const token = await login(b);
    const agentFeed = await openSse(`${b.baseUrl}/api/agent/events?token=${token}`);
    const c = await startConversation(a, { locale: 'zh-CN', customer: { segment: 'vip' } });
    const customer = await openSse(`${a.baseUrl}/api/conversations/${c.id}/events`, { authorization: `Bearer ${c.token}` });
    try {
      await agentFeed.waitFor((e) => e.event === 'held');
      const { handoffId } = await askForHuman(a, c);
      // Requested on A, announced to the console connected to B.
      await agentFeed.waitFor((e) => e.event === 'feed' && JSON.parse(e.data).handoffId === handoffId);
      expect((await onB('POST', `/api/agent/handoffs/${handoffId}/claim`, {}, token)).status).toBe(200);

      const sent = await onB('POST', `/api/agent/conversations/${c.id}/messages`, { text: '您好，我是人工客服小王' }, token);
      expect(sent.status).toBe(201);
      const got = await customer.waitFor((e) => e.event === 'message' && JSON.parse(e.data).id === sent.json.message.id);
      expect(JSON.parse(got.data)).toMatchObject({ author: 'agent', text: '您好，我是人工客服小王' });
      expect(got.id).toMatch(/^\d+$/); // resumable: the event id is the message's sequence number

      // The customer's transcript read through A shows it too.
      const transcript = (await onA('GET', `/api/conversations/${c.id}/messages`, undefined, c.token)).json.messages as any[];
      expect(transcript.some((m) => m.author === 'agent' && m.id === sent.json.message.id)).toBe(true);

      expect((await onB('POST', `/api/agent/handoffs/${handoffId}/close`, { disposition: 'resolved' }, token)).status).toBe(200);
      await customer.waitFor((e) => e.event === 'state' && JSON.parse(e.data).state === 'bot');
      await customer.waitFor((e) => e.event === 'message' && JSON.parse(e.data).author === 'system');
    } finally {
      customer.close();
      agentFeed.close();
    }
  });

  it('gives exactly one winner when agents race for the same handoffs through both instances', async () => {
    const [tokA, tokB] = await Promise.all([login(a), login(b)]);
    const other = await a.services.agentAccounts.create({ email: 'racer@bank.test', name: 'Racer', password: 'Racer-pass-2026!', role: 'supervisor' });
    const tokOther = await login(b, other.email, 'Racer-pass-2026!');
    const onA = httpClient(a), onB = httpClient(b);
    for (let round = 0; round < 8; round++) {
      const c = await startConversation(round % 2 ? a : b, { locale: round % 3 ? 'zh-CN' : 'en' });
      const { handoffId } = await askForHuman(round % 2 ? a : b, c, round % 3 ? '转人工' : 'agent please');
      const results = await Promise.all([
        onA('POST', `/api/agent/handoffs/${handoffId}/claim`, {}, tokA),
        onB('POST', `/api/agent/handoffs/${handoffId}/claim`, {}, tokB),
        onB('POST', `/api/agent/handoffs/${handoffId}/claim`, {}, tokOther),
        onA('POST', `/api/agent/handoffs/${handoffId}/claim`, {}, tokOther),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409]);
      const row = await a.infra.db.handoff.findUniqueOrThrow({ where: { id: handoffId } });
      const winner = results.find((r) => r.status === 200)!.json.handoff.agentId;
      expect(row).toMatchObject({ status: 'active', agentId: winner });
      const claimsAudited = await a.infra.db.auditLog.count({ where: { action: 'handoff.claim', subjectId: handoffId } });
      expect(claimsAudited).toBe(1);
      // A supervisor (the admin) may close whoever won.
      expect((await onB('POST', `/api/agent/handoffs/${handoffId}/close`, { disposition: 'race-test' }, tokA)).status).toBe(200);
    }
  });
});
