// Waiting handoffs whose customer has gone, on the real app, PostgreSQL and Redis: closing the chat
// abandons a waiting handoff at once (feed, audit, gone from the queue); the BullMQ sweep, with its
// clock under the test's control, abandons only the handoff whose customer has been silent for
// HANDOFF_ABANDON_MINUTES; and the KPIs count what was abandoned. Customers write through the real
// turn API, so this file needs the wired app (not HANDOFF_TEST_STANDALONE=1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandoffModule, type HandoffModule } from '../../src/handoff/handoff-module.js';
import { ABANDON_SWEEP_EVERY_MS, ABANDON_SWEEP_SCHEDULER_ID, abandonSweepQueue } from '../../src/handoff/abandon-sweep-queue.js';
import { createLlmModule } from '../../src/llm/llm-module.js';
import { askForHuman, httpClient, login, startConversation, startHandoffTeller, type HandoffTeller } from './harness.js';
import { openSse } from './sse-client.js';

const MINUTE = 60_000;
let t: HandoffTeller;
let call: ReturnType<typeof httpClient>;
let admin: string;

beforeAll(async () => {
  t = await startHandoffTeller({ listen: true, env: { HANDOFF_ABANDON_MINUTES: '30' } });
  call = httpClient(t);
  admin = await login(t);
});
afterAll(async () => {
  await t?.close();
});

const waitingIds = async () => ((await call('GET', '/api/agent/handoffs?status=waiting', undefined, admin)).json.handoffs as Array<{ id: string }>).map((h) => h.id);
const handoffRow = (id: string) => t.infra.db.handoff.findUniqueOrThrow({ where: { id } });

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the customer ends the conversation', () => {
  it('abandons the waiting handoff: gone from the queue, the agents’ feed told, the audit log written', async () => {
    const feed = await openSse(`${t.baseUrl}/api/agent/events?token=${admin}`);
    try {
      const c = await startConversation(t, { locale: 'zh-CN' });
      const asked = await askForHuman(t, c);
      expect(asked.status).toBe('waiting');
      expect(await waitingIds()).toContain(asked.handoffId);

      const closed = await call('POST', `/api/conversations/${c.id}/close`, {}, c.token);
      expect(closed.status).toBe(200);
      expect(closed.json).toEqual({ state: 'closed' });

      expect(await handoffRow(asked.handoffId)).toMatchObject({ status: 'abandoned', disposition: 'customer_closed', agentId: null });
      expect((await handoffRow(asked.handoffId)).closedAt).not.toBeNull();
      expect(await waitingIds()).not.toContain(asked.handoffId);
      const abandonedList = (await call('GET', '/api/agent/handoffs?status=abandoned', undefined, admin)).json.handoffs as Array<{ id: string; status: string; disposition: string }>;
      expect(abandonedList.find((h) => h.id === asked.handoffId)).toMatchObject({ status: 'abandoned', disposition: 'customer_closed' });

      const event = await feed.waitFor((e) => e.event === 'feed' && JSON.parse(e.data).type === 'handoff.abandoned');
      expect(JSON.parse(event.data)).toEqual({ type: 'handoff.abandoned', handoffId: asked.handoffId, conversationId: c.id });

      const audit = await t.infra.db.auditLog.findMany({ where: { action: 'handoff.abandon', subjectId: asked.handoffId } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: `customer:${c.id}`, subjectType: 'handoff', detail: { conversationId: c.id, cause: 'customer_closed' } });
      expect(await t.infra.db.auditLog.count({ where: { action: 'conversation.close', subjectId: c.id } })).toBe(1);
      // Still closed, with no lapse notice: the customer is gone.
      expect((await t.services.conversations.find(c.id))?.state).toBe('closed');
      expect(await t.infra.db.message.count({ where: { conversationId: c.id, intent: 'handoff.abandoned' } })).toBe(0);

      // Closing again changes nothing.
      expect((await call('POST', `/api/conversations/${c.id}/close`, {}, c.token)).status).toBe(200);
      expect(await t.infra.db.auditLog.count({ where: { action: 'handoff.abandon', subjectId: asked.handoffId } })).toBe(1);
      // A claim that comes too late is refused.
      expect((await call('POST', `/api/agent/handoffs/${asked.handoffId}/claim`, {}, admin)).status).toBe(409);
    } finally {
      feed.close();
    }
  });

  it('leaves a handoff an agent already holds with that agent', async () => {
    const c = await startConversation(t, { locale: 'en' });
    const asked = await askForHuman(t, c, 'agent please');
    expect((await call('POST', `/api/agent/handoffs/${asked.handoffId}/claim`, {}, admin)).status).toBe(200);
    expect((await call('POST', `/api/conversations/${c.id}/close`, {}, c.token)).status).toBe(200);
    expect(await handoffRow(asked.handoffId)).toMatchObject({ status: 'active' });
    expect(await t.infra.db.auditLog.count({ where: { action: 'handoff.abandon', subjectId: asked.handoffId } })).toBe(0);
  });
});

describe('the abandoned-handoff sweep (BullMQ job scheduler, controlled time)', () => {
  let sweeper: HandoffModule;
  let now = new Date();

  beforeAll(async () => {
    // The same handoff module the app builds, over the same database and queues, with the test's clock.
    sweeper = createHandoffModule({
      config: t.config,
      db: t.infra.db,
      live: t.services.live,
      audit: t.services.audit,
      queues: t.infra.queues,
      log: t.app.log,
      conversations: t.services.conversations,
      llm: createLlmModule({ config: t.config, log: t.app.log }),
      redis: t.infra.redis,
      now: () => now,
    });
    await sweeper.startWorkers();
    // The scheduler may run its first job at once (with the clock still at the real time): wait until
    // only the next, delayed one is left, so the test decides when a sweep runs.
    const queue = t.infra.queues.queue(abandonSweepQueue);
    await waitFor(async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed');
      return counts.waiting + counts.active === 0 && counts.delayed > 0;
    });
  });
  afterAll(async () => {
    await sweeper?.closeWorkers();
  });

  it('is scheduled once, every minute', async () => {
    await sweeper.startWorkers(); // a second start (another instance) keeps one schedule
    const schedulers = await t.infra.queues.queue(abandonSweepQueue).getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: ABANDON_SWEEP_SCHEDULER_ID, every: ABANDON_SWEEP_EVERY_MS });
  });

  it('abandons only the handoff whose customer has been silent for HANDOFF_ABANDON_MINUTES', async () => {
    const gone = await startConversation(t, { locale: 'zh-CN' });
    const goneAsk = await askForHuman(t, gone);
    const stays = await startConversation(t, { locale: 'en' });
    const staysAsk = await askForHuman(t, stays, 'agent please');
    await new Promise((r) => setTimeout(r, 30));
    // The second customer keeps writing while waiting.
    expect((await call('POST', `/api/conversations/${stays.id}/messages`, { text: 'Still here, my card was declined twice' }, stays.token)).status).toBe(200);
    const lastSaid = (await t.infra.db.message.findFirstOrThrow({ where: { conversationId: stays.id, author: 'customer' }, orderBy: { seq: 'desc' } })).createdAt;
    const goneSaid = (await t.infra.db.message.findFirstOrThrow({ where: { conversationId: gone.id, author: 'customer' }, orderBy: { seq: 'desc' } })).createdAt;
    expect(goneSaid.getTime()).toBeLessThan(lastSaid.getTime());

    // Exactly 30 minutes after the second customer's last words: the first has been silent longer.
    now = new Date(lastSaid.getTime() + 30 * MINUTE);
    const stream = await openSse(`${t.baseUrl}/api/conversations/${gone.id}/events?token=${gone.token}`);
    try {
      // Run the scheduler's next job now rather than waiting for it.
      const queue = t.infra.queues.queue(abandonSweepQueue);
      const next = await waitFor(async () => (await queue.getDelayed()).find((j) => j.name === 'sweep'));
      await next.promote();
      const done = await waitFor(async () => ((await next.getState()) === 'completed' ? queue.getJob(next.id!) : null));
      expect(done?.returnvalue).toMatchObject({ cutoff: lastSaid.toISOString(), abandoned: [goneAsk.handoffId] });

      expect(await handoffRow(goneAsk.handoffId)).toMatchObject({ status: 'abandoned', disposition: 'customer_left' });
      expect((await handoffRow(goneAsk.handoffId)).closedAt?.toISOString()).toBe(now.toISOString());
      expect(await handoffRow(staysAsk.handoffId)).toMatchObject({ status: 'waiting' });
      const waiting = await waitingIds();
      expect(waiting).not.toContain(goneAsk.handoffId);
      expect(waiting).toContain(staysAsk.handoffId);

      // The silent customer's conversation is the bot's again, and says why when they come back.
      expect((await t.services.conversations.find(gone.id))?.state).toBe('bot');
      await stream.waitFor((e) => e.event === 'state' && JSON.parse(e.data).state === 'bot');
      const transcript = (await call('GET', `/api/conversations/${gone.id}/messages`, undefined, gone.token)).json.messages as Array<{ author: string; text: string }>;
      expect(transcript.at(-1)).toMatchObject({ author: 'system', text: expect.stringContaining('人工排队已取消') });
      const audit = await t.infra.db.auditLog.findMany({ where: { action: 'handoff.abandon', subjectId: goneAsk.handoffId } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'system', detail: { conversationId: gone.id, cause: 'customer_left' } });
    } finally {
      stream.close();
    }

    // Idempotent: the same sweep again abandons nothing more and writes nothing more.
    expect((await sweeper.sweepAbandoned({ now })).abandoned).toEqual([]);
    expect(await t.infra.db.auditLog.count({ where: { action: 'handoff.abandon', subjectId: goneAsk.handoffId } })).toBe(1);
    // A millisecond later the second customer has been silent for 30 minutes too.
    expect((await sweeper.sweepAbandoned({ now: new Date(now.getTime() + 1) })).abandoned).toEqual([staysAsk.handoffId]);
  });

  it('counts abandoned handoffs in the KPIs and lists their conversations in the drill-down', async () => {
    const k = (await call('GET', '/api/analytics/kpis', undefined, admin)).json;
    // This file: one closed by its customer, two swept; one claimed (still active) — four queued.
    expect(k.handoffs).toBe(4);
    expect(k.abandonedHandoffs).toBe(3);
    expect(k.abandonmentRate).toBe(0.75);
    const drill = (await call('GET', '/api/analytics/conversations?metric=abandonment', undefined, admin)).json;
    expect(drill.total).toBe(3);
    expect(drill.conversations.every((c: { handedOff: boolean }) => c.handedOff)).toBe(true);
  });
});
