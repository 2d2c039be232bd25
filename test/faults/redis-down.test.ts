// Redis goes away under a running Teller (a private redis-server, so the shared one other test files
// use is never touched): FAQ answers keep flowing, readiness says which service is down, a complaint
// made meanwhile is kept in the outbox, and once Redis is back it is enqueued and triaged — with no
// restart of Teller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrivateRedis } from '../helpers/services.js';
import { client, complainInChat, startTeller, timed, waitFor, type Teller } from './support.js';

let redis: PrivateRedis;
let t: Teller;

beforeAll(async () => {
  redis = await PrivateRedis.start();
  t = await startTeller({ env: { REDIS_URL: redis.url }, workers: true });
}, 120_000);
afterAll(async () => {
  await redis?.start().catch(() => {}); // closing cleanly needs it
  // After a Redis restart BullMQ's worker.close() sometimes never settles (reported); do not let that
  // hold the file up: give it 15 s, then drop the database regardless.
  const closed = await Promise.race([t?.close().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 15_000))]);
  if (!closed) await t?.db.drop().catch(() => {});
  await redis?.stop().catch(() => {});
}, 60_000);

describe('Redis down', () => {
  it('keeps answering FAQ, keeps complaints in the outbox and triages them once Redis is back', async () => {
    const c = client(t.app);
    const before = await c.start('zh-CN');
    expect((await c.say(before, '怎么开通手机银行？')).json().route).toBe('faq');

    await redis.stop();

    // Readiness names Redis within its deadline; liveness stays up.
    const ready = await waitFor(async () => {
      const r = await t.app.inject({ url: '/readyz' });
      return r.statusCode === 503 ? r : null;
    }, 5000);
    expect(ready.json().failed).toEqual(['redis']);
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);

    // New conversations and FAQ answers keep flowing, promptly.
    for (const [locale, question] of [['zh-CN', '信用卡年费怎么收？'], ['en', 'How do I reset my online banking password?'], ['zh-CN', '怎么开通手机银行？']] as const) {
      const conv = await c.start(locale);
      const { value: res, ms } = await timed(() => c.say(conv, question));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().route).toBe('faq');
      expect(ms).toBeLessThan(2500);
      expect((await c.transcript(conv)).map((m) => m.author)).toEqual(['customer', 'bot']);
    }
    // The conversation opened before the outage goes on too.
    expect((await c.say(before, '网银密码忘了怎么办')).statusCode).toBe(200);

    // A complaint made now is filed (reference given) and its jobs wait in PostgreSQL.
    const conv = await c.start('zh-CN', { externalId: 'REDIS-DOWN-1' });
    const { reference } = await complainInChat(t.app, conv);
    const complaint = await t.infra.db.complaint.findUniqueOrThrow({ where: { reference } });
    expect(complaint.triagedAt).toBeNull();
    const waiting = await t.infra.db.outboxJob.findMany({ where: { dispatchedAt: null } });
    expect(waiting.map((j) => j.jobId)).toEqual(expect.arrayContaining([expect.stringContaining(reference)]));

    await redis.start();

    // Enqueued from the outbox and triaged by the worker, without a restart.
    const triaged = await waitFor(() => t.infra.db.complaint.findFirst({ where: { reference, triagedAt: { not: null } } }), 20_000, 200);
    expect(triaged.status).toBe('acknowledged');
    expect(await t.infra.db.outboxJob.count({ where: { jobId: { contains: reference }, dispatchedAt: null } })).toBe(0);
    // Triaged once: one acknowledgement in its history.
    expect(await t.infra.db.complaintEvent.count({ where: { complaintId: complaint.id, toStatus: 'acknowledged' } })).toBe(1);
    await waitFor(async () => (await t.app.inject({ url: '/readyz' })).statusCode === 200, 10_000);
  }, 90_000);
});
