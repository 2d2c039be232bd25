// The handoff on one Teller instance, over HTTP on the real PostgreSQL and Redis: request → queue
// with context → claim race → agent message in the transcript and on the live stream → close → bot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandoffModule } from '../../src/handoff/handoff-module.js';
import { createConversationStore } from '../../src/conversation/store.js';
import { loadConfig } from '../../src/config.js';
import type { LlmModule } from '../../src/llm/llm-module.js';
import { createOutboundChannels } from '../../src/channels/outbound.js';
import type { StoredMessage } from '../../src/conversation/store.js';
import { askForHuman, httpClient, login, startConversation, startHandoffTeller, type HandoffTeller } from './harness.js';
import { openSse } from './sse-client.js';

let t: HandoffTeller;
let call: ReturnType<typeof httpClient>;
let admin: string;

beforeAll(async () => {
  t = await startHandoffTeller({ listen: true });
  call = httpClient(t);
  admin = await login(t);
});
afterAll(async () => {
  await t?.close();
});

async function agent(email: string, opts: { role?: 'agent' | 'supervisor'; maxConcurrent?: number; languages?: Array<'zh-CN' | 'en'> } = {}) {
  const created = await t.services.agentAccounts.create({ email, name: email.split('@')[0], password: 'Agent-pass-2026!', role: opts.role ?? 'agent', maxConcurrent: opts.maxConcurrent, languages: opts.languages });
  return { id: created.id, token: await login(t, email, 'Agent-pass-2026!') };
}

const waiting = async (token = admin, query = '') => (await call('GET', `/api/agent/handoffs?status=waiting${query}`, undefined, token)).json.handoffs as any[];

describe('handoff contract flow (one instance)', () => {
  it('request → queue with context → one claim wins → agent message reaches the customer → close → bot again', async () => {
    const c = await startConversation(t, { locale: 'zh-CN', channel: 'web', customer: { externalId: 'flow-vip-1', segment: 'vip' } });
    const stream = await openSse(`${t.baseUrl}/api/conversations/${c.id}/events?token=${c.token}`);
    try {
      const asked = await askForHuman(t, c);
      expect(asked.status).toBe('waiting');
      expect(asked.queuePosition).toBeGreaterThanOrEqual(1);
      await stream.waitFor((e) => e.event === 'state' && JSON.parse(e.data).state === 'waiting');

      const h = (await waiting()).find((x) => x.conversationId === c.id);
      expect(h).toMatchObject({ id: asked.handoffId, status: 'waiting', reason: 'customer_request', locale: 'zh-CN', agentId: null });
      expect(typeof h.context.summary).toBe('string');
      expect(h.context.summary.length).toBeGreaterThan(0);
      expect(Array.isArray(h.context.transcript)).toBe(true);
      expect(h.context).toHaveProperty('intent');
      expect(h.context.customer).toMatchObject({ externalId: 'flow-vip-1', segment: 'vip' });
      expect(h.context.complaint).toBeNull();
      expect(h.context.suggestedReplies.length).toBeGreaterThan(0);
      expect(h.priority).toBeGreaterThanOrEqual(10_000); // VIP tier

      const claims = await Promise.all([call('POST', `/api/agent/handoffs/${h.id}/claim`, {}, admin), call('POST', `/api/agent/handoffs/${h.id}/claim`, {}, admin)]);
      expect(claims.map((r) => r.status).sort()).toEqual([200, 409]);
      const lost = claims.find((r) => r.status === 409)!;
      expect(lost.json.error).toMatchObject({ code: 'conflict' });
      expect((await t.services.conversations.find(c.id))?.state).toBe('human');
      await stream.waitFor((e) => e.event === 'state' && JSON.parse(e.data).state === 'human');

      const typing = await call('POST', `/api/agent/conversations/${c.id}/typing`, { typing: true }, admin);
      expect(typing.status).toBe(200);
      await stream.waitFor((e) => e.event === 'typing' && JSON.parse(e.data).author === 'agent');

      const sent = await call('POST', `/api/agent/conversations/${c.id}/messages`, { text: '您好，这里是人工客服。您留的手机 13812345678 已核对。' }, admin);
      expect(sent.status).toBe(201);
      expect(sent.json.message.author).toBe('agent');
      expect(sent.json.message.text).not.toContain('13812345678');
      const live = await stream.waitFor((e) => e.event === 'message' && JSON.parse(e.data).author === 'agent');
      expect(JSON.parse(live.data)).toMatchObject({ id: sent.json.message.id, text: sent.json.message.text });

      const transcript = (await call('GET', `/api/conversations/${c.id}/messages`, undefined, c.token)).json.messages as any[];
      expect(transcript.some((m) => m.author === 'agent' && m.text.includes('人工客服'))).toBe(true);

      const closed = await call('POST', `/api/agent/handoffs/${h.id}/close`, { disposition: 'resolved' }, admin);
      expect(closed.status).toBe(200);
      expect(closed.json.handoff).toMatchObject({ status: 'closed', disposition: 'resolved' });
      expect((await t.services.conversations.find(c.id))?.state).toBe('bot');
      await stream.waitFor((e) => e.event === 'state' && JSON.parse(e.data).state === 'bot');
      const after = (await call('GET', `/api/conversations/${c.id}/messages`, undefined, c.token)).json.messages as any[];
      // The close notice, then the satisfaction question.
      expect(after.at(-2)).toMatchObject({ author: 'system', text: expect.stringContaining('人工服务已结束') });
      expect(after.at(-1)).toMatchObject({ author: 'bot', text: expect.stringMatching(/打分|满意/) });
      expect((await call('POST', `/api/agent/handoffs/${h.id}/close`, { disposition: 'resolved' }, admin)).status).toBe(409);

      if (t.wired) {
        // With the real pipeline wired in, the bot answers again after close.
        const r = await call('POST', `/api/conversations/${c.id}/messages`, { text: '网点几点关门' }, c.token);
        expect(r.json.route).toBe('faq');
      }

      const actions = (await t.services.audit.list({ limit: 1000 })).map((a) => `${a.action}:${a.subjectId}`);
      for (const a of [`handoff.request:${h.id}`, `handoff.claim:${h.id}`, `handoff.agent_message:${c.id}`, `handoff.close:${h.id}`, 'handoff.list:waiting']) expect(actions).toContain(a);
    } finally {
      stream.close();
    }
  });

  it('keeps one open handoff per conversation and never lowers its priority', async () => {
    const c = await startConversation(t, { locale: 'en' });
    const first = await askForHuman(t, c, 'agent please');
    const again = await askForHuman(t, c, 'I want to talk to a person');
    expect(again.handoffId).toBe(first.handoffId);
    const view = await t.services.conversations.find(c.id);
    const escalated = await t.services.handoffs.port.request({ conversation: view!, reason: 'urgent', urgent: true });
    expect(escalated.id).toBe(first.handoffId);
    const h = (await waiting(admin, '&locale=en')).find((x) => x.id === first.handoffId);
    expect(h.basePriority).toBeGreaterThanOrEqual(100_000);
    expect(await t.infra.db.handoff.count({ where: { conversationId: c.id } })).toBe(1);
  });

  it('orders the waiting queue by priority, then waiting time, per language', async () => {
    const ordinary = await startConversation(t, { locale: 'en', customer: { segment: 'ordinary' } });
    const key = await startConversation(t, { locale: 'en', customer: { segment: 'key' } });
    const vip = await startConversation(t, { locale: 'en', customer: { segment: 'vip' } });
    const laterOrdinary = await startConversation(t, { locale: 'en' });
    for (const c of [ordinary, key, vip, laterOrdinary]) await askForHuman(t, c, 'agent please');
    const queue = await waiting(admin, '&locale=en');
    const mine = queue.filter((h) => [ordinary, key, vip, laterOrdinary].some((c) => c.id === h.conversationId)).map((h) => h.conversationId);
    expect(mine).toEqual([vip.id, key.id, ordinary.id, laterOrdinary.id]);
    const positions = queue.map((h) => h.queuePosition);
    expect(positions).toEqual(positions.map((_, i) => i + 1));
    expect(queue.every((h) => h.locale === 'en')).toBe(true);
    const ticket = await t.services.handoffs.port.waitingPosition(laterOrdinary.id);
    expect(ticket?.queuePosition).toBe(queue.find((h) => h.conversationId === laterOrdinary.id)!.queuePosition);
    expect(ticket?.estimatedWaitMinutes).toBeGreaterThanOrEqual(1);
  });

  it('lets only the holder (or a supervisor) write, enforces the capacity limit, and transfers', async () => {
    const a = await agent('amy@bank.test', { maxConcurrent: 1 });
    const b = await agent('bo@bank.test');
    const c1 = await startConversation(t, { locale: 'zh-CN' });
    const c2 = await startConversation(t, { locale: 'zh-CN' });
    const h1 = (await askForHuman(t, c1)).handoffId;
    const h2 = (await askForHuman(t, c2)).handoffId;

    expect((await call('POST', `/api/agent/conversations/${c1.id}/messages`, { text: 'hi' }, a.token)).status).toBe(409); // nobody claimed it yet
    expect((await call('GET', `/api/agent/conversations/${c1.id}`, undefined, b.token)).status).toBe(200); // waiting: any agent may look before claiming
    expect((await call('POST', `/api/agent/handoffs/${h1}/claim`, {}, a.token)).status).toBe(200);
    const full = await call('POST', `/api/agent/handoffs/${h2}/claim`, {}, a.token);
    expect(full.status).toBe(409);
    expect(full.json.error.message).toMatch(/limit/);

    expect((await call('POST', `/api/agent/conversations/${c1.id}/messages`, { text: '我来看看' }, b.token)).status).toBe(403);
    expect((await call('GET', `/api/agent/conversations/${c1.id}`, undefined, b.token)).status).toBe(403);
    expect((await call('POST', `/api/agent/handoffs/${h1}/close`, { disposition: 'resolved' }, b.token)).status).toBe(403);
    expect((await call('POST', `/api/agent/conversations/${c1.id}/messages`, { text: '主管介入' }, admin)).status).toBe(201);

    const active = (await call('GET', '/api/agent/handoffs?status=active', undefined, a.token)).json.handoffs as any[];
    expect(active.map((h) => h.id)).toEqual([h1]); // an agent sees their own active handoffs

    const moved = await call('POST', `/api/agent/handoffs/${h1}/transfer`, { agentId: b.id, note: '贷款问题' }, a.token);
    expect(moved.status).toBe(200);
    expect(moved.json.handoff.agentId).toBe(b.id);
    expect((await call('POST', `/api/agent/conversations/${c1.id}/messages`, { text: '还在吗' }, a.token)).status).toBe(403);
    expect((await call('POST', `/api/agent/conversations/${c1.id}/messages`, { text: '您好，我接手了' }, b.token)).status).toBe(201);
    // Amy has room again after the transfer.
    expect((await call('POST', `/api/agent/handoffs/${h2}/claim`, {}, a.token)).status).toBe(200);

    const read = await call('GET', `/api/agent/conversations/${c1.id}`, undefined, b.token);
    expect(read.status).toBe(200);
    expect(read.json.handoff.context.transcript.filter((m: any) => m.author === 'agent')).toHaveLength(2);
    const audit = await t.services.audit.list({ subjectType: 'conversation', subjectId: c1.id });
    expect(audit.some((e) => e.action === 'conversation.read' && e.actor === `agent:${b.id}`)).toBe(true);
  });

  it('refuses agent routes without a token, and bad bodies with JSON errors', async () => {
    expect((await call('GET', '/api/agent/handoffs?status=waiting')).status).toBe(401);
    expect((await call('POST', '/api/agent/handoffs/not-a-uuid/claim', {}, admin)).status).toBe(400);
    expect((await call('POST', `/api/agent/handoffs/00000000-0000-4000-8000-000000000000/claim`, {}, admin)).status).toBe(404);
    const c = await startConversation(t, { locale: 'en' });
    const { handoffId } = await askForHuman(t, c, 'agent please');
    expect((await call('POST', `/api/agent/handoffs/${handoffId}/close`, {}, admin)).status).toBe(400);
  });

  it('streams the queue and the held conversations to the agent console', async () => {
    const feed = await openSse(`${t.baseUrl}/api/agent/events?token=${admin}`);
    try {
      await feed.waitFor((e) => e.event === 'held');
      const c = await startConversation(t, { locale: 'zh-CN' });
      const { handoffId } = await askForHuman(t, c);
      await feed.waitFor((e) => e.event === 'feed' && JSON.parse(e.data).type === 'handoff.requested' && JSON.parse(e.data).handoffId === handoffId);
      expect((await call('POST', `/api/agent/handoffs/${handoffId}/claim`, {}, admin)).status).toBe(200);
      await feed.waitFor((e) => e.event === 'held' && JSON.parse(e.data).conversationIds.includes(c.id));
      await t.services.handoffs.port.notifyCustomerMessage(c.id, 'm-1');
      await feed.waitFor((e) => e.event === 'feed' && JSON.parse(e.data).type === 'customer.message' && JSON.parse(e.data).conversationId === c.id);
      const sent = await call('POST', `/api/agent/conversations/${c.id}/messages`, { text: '在的' }, admin);
      const echoed = await feed.waitFor((e) => e.event === 'live' && JSON.parse(e.data).event.type === 'message' && JSON.parse(e.data).event.message.id === sent.json.message.id);
      expect(JSON.parse(echoed.data).conversationId).toBe(c.id);
      expect(await t.services.handoffs.countAgentsOnline('zh-CN')).toBeGreaterThanOrEqual(1);
      const bf = await call('GET', `/api/agent/handoffs/${handoffId}/botframework`, undefined, admin);
      expect(bf.status).toBe(200);
      expect(bf.json).toMatchObject({ type: 'event', name: 'handoff.initiate', attachments: [{ name: 'Transcript', contentType: 'application/json' }] });
      expect(bf.json.attachments[0].content.activities.some((a: any) => a.text === '在的')).toBe(true);
    } finally {
      feed.close();
    }
  });

  it('offers a callback instead of an empty wait outside service hours', async () => {
    const config = loadConfig({ ...process.env, DATABASE_URL: t.db.url, SERVICE_HOURS: '09:00-21:00', TIMEZONE: 'Asia/Shanghai' });
    const conversations = createConversationStore(t.infra.db, { encrypt: (s) => s });
    const night = createHandoffModule({
      config,
      db: t.infra.db,
      live: t.services.live,
      audit: t.services.audit,
      queues: t.infra.queues,
      log: t.app.log,
      conversations,
      llm: { enabled: false, structured: async () => null, text: async () => null },
      now: () => new Date('2026-03-02T03:00:00+08:00'),
    });
    const c = await startConversation(t, { locale: 'zh-CN' });
    const view = await conversations.find(c.id);
    const ticket = await night.port.request({ conversation: view!, reason: 'customer_request', urgent: false });
    expect(ticket).toMatchObject({ outsideServiceHours: true, serviceHours: '09:00-21:00' });
    expect(ticket.queuePosition).toBeUndefined();
    expect(await t.infra.db.handoff.count({ where: { conversationId: c.id, status: 'waiting' } })).toBe(0);
    expect(await t.infra.db.handoff.count({ where: { conversationId: c.id, status: 'abandoned', disposition: 'outside_service_hours' } })).toBe(1);
    expect((await conversations.find(c.id))?.state).toBe('bot');
    const day = createHandoffModule({ ...{ config, db: t.infra.db, live: t.services.live, audit: t.services.audit, queues: t.infra.queues, log: t.app.log, conversations }, llm: { enabled: false, structured: async () => null, text: async () => null }, now: () => new Date('2026-03-02T10:00:00+08:00') });
    expect((await day.port.request({ conversation: view!, reason: 'customer_request', urgent: false })).status).toBe('waiting');
  });

  it('stores an LLM-written summary (masked) when the LLM answers, and keeps the extractive one when it does not', async () => {
    const config = loadConfig({ ...process.env, DATABASE_URL: t.db.url });
    const conversations = createConversationStore(t.infra.db, { encrypt: (s) => s });
    const prompts: Array<{ prompt: string; variables: Record<string, string> }> = [];
    const writer = (answer: string | null): LlmModule => ({
      enabled: true,
      structured: async () => null,
      text: async (input) => {
        prompts.push({ prompt: input.prompt, variables: input.variables });
        return answer === null ? null : { value: answer, model: 'fake-model', latencyMs: 1 };
      },
    });
    const base = { config, db: t.infra.db, live: t.services.live, audit: t.services.audit, queues: t.infra.queues, log: t.app.log, conversations };
    const withLlm = createHandoffModule({ ...base, llm: writer('客户询问信用卡分期手续费，已由机器人解答费率，仍要求人工。回拨电话 13812345678。') });
    const c = await startConversation(t, { locale: 'zh-CN' });
    const ticket = await withLlm.port.request({ conversation: (await conversations.find(c.id))!, reason: 'customer_request', urgent: false });
    let summary: string | null = null;
    for (let i = 0; i < 50 && !summary; i++) {
      summary = (await t.infra.db.handoff.findUniqueOrThrow({ where: { id: ticket.id } })).summary;
      if (!summary) await new Promise((r) => setTimeout(r, 50));
    }
    expect(summary).toContain('客户询问信用卡分期手续费');
    expect(summary).not.toContain('13812345678');
    expect(prompts[0]).toMatchObject({ prompt: 'handoff-summary', variables: { language: 'zh-CN' } });
    expect(prompts[0].variables.transcript).toBeDefined();
    const h = (await withLlm.list({ agent: { id: 'x', role: 'supervisor', languages: ['zh-CN'], maxConcurrent: 3 }, status: 'waiting' })).find((x) => x.id === ticket.id)!;
    expect(h.context).toMatchObject({ summarySource: 'llm', summary });

    const silent = createHandoffModule({ ...base, llm: writer(null) });
    const c2 = await startConversation(t, { locale: 'zh-CN' });
    const t2 = await silent.port.request({ conversation: (await conversations.find(c2.id))!, reason: 'customer_request', urgent: false });
    await new Promise((r) => setTimeout(r, 200));
    const h2 = (await silent.list({ agent: { id: 'x', role: 'supervisor', languages: ['zh-CN'], maxConcurrent: 3 }, status: 'waiting' })).find((x) => x.id === t2.id)!;
    expect(h2.context.summarySource).toBe('extractive');
    expect(h2.context.summary).toContain('转人工原因');
  });

  it('delivers agent messages and the close notice through the channel’s outbound port (Bot Framework)', async () => {
    const config = loadConfig({ ...process.env, DATABASE_URL: t.db.url });
    const outbound = createOutboundChannels();
    const delivered: Array<{ channel: string; message: StoredMessage }> = [];
    outbound.register((ch) => ch === 'msteams', async (target, message) => void delivered.push({ channel: target.channel, message }));
    const handoffs = createHandoffModule({
      config,
      db: t.infra.db,
      live: t.services.live,
      audit: t.services.audit,
      queues: t.infra.queues,
      log: t.app.log,
      conversations: t.services.conversations,
      llm: { enabled: false, structured: async () => null, text: async () => null },
      outbound,
    });
    const { id } = await t.services.conversations.create({ locale: 'en', channel: 'msteams', channelConversationId: `teams-${Date.now()}` });
    const ticket = await handoffs.port.request({ conversation: (await t.services.conversations.find(id))!, reason: 'repeated_fallback', urgent: false });
    const supervisor = { id: (await t.services.agentAccounts.create({ email: 'sup@bank.test', name: 'Sup', password: 'Super-pass-2026!', role: 'supervisor' })).id, role: 'supervisor' as const, languages: ['en' as const], maxConcurrent: 3 };
    await handoffs.claim({ agent: supervisor, handoffId: ticket.id });
    const sent = await handoffs.sendAgentMessage({ agent: supervisor, conversationId: id, text: 'Hi, I can help. Mail me at jo@example.com', clientMessageId: 'c-1' });
    expect(sent.text).not.toContain('jo@example.com');
    const retried = await handoffs.sendAgentMessage({ agent: supervisor, conversationId: id, text: 'Hi, I can help. Mail me at jo@example.com', clientMessageId: 'c-1' });
    expect(retried.id).toBe(sent.id); // a retried send is stored and delivered once
    await handoffs.close({ agent: supervisor, handoffId: ticket.id, disposition: 'resolved' });
    // The agent's message, the close notice, then the satisfaction question.
    expect(delivered.map((d) => [d.channel, d.message.author])).toEqual([['msteams', 'agent'], ['msteams', 'system'], ['msteams', 'bot']]);
    expect(delivered[0].message.id).toBe(sent.id);
    const original = await t.infra.db.message.findUniqueOrThrow({ where: { id: sent.id } });
    expect(original).toMatchObject({ masked: true, author: 'agent', agentId: supervisor.id });
  });
});
