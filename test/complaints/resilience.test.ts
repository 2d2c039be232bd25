// Nothing lost, nothing twice, on the real services:
// - a worker process killed in the middle of sending a customer notice: another process picks the
//   stalled job up, and the customer gets the notice once (one Notification, one message, one delivery);
// - a job that fails after its side effect is retried with backoff, again without a duplicate;
// - Redis stopped while a complaint is filed: the filing succeeds, the jobs wait in the outbox, and
//   once Redis is back the complaint is triaged; jobs Redis lost on restart are re-armed.
import { afterEach, describe, expect, it } from 'vitest';
import { UnrecoverableError, type Job } from 'bullmq';
import { complaintsHarness, createTestDatabase, uniqueRedisPrefix, type Harness } from './harness.js';
import { PrivateRedis } from '../helpers/services.js';

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (open.length) await open.pop()!().catch(() => {});
});

/** Files a complaint and takes it to `approved` so that carrying it out notifies the customer. */
async function approvedComplaint(h: Harness, channel: string) {
  const conv = await h.conversation('zh-CN', undefined, channel);
  const filed = await h.file(conv, { description: '信用卡年费被重复扣收', category: 'fees_charges', amount: 300, currency: 'CNY' });
  await h.waitFor(() => h.db.complaint.findFirst({ where: { id: filed.id, status: 'acknowledged' } }));
  const admin = { id: '00000000-0000-4000-8000-000000000001', role: 'admin' as const };
  for (const to of ['investigating', 'resolution_proposed', 'approved']) await h.module.workflow.transition({ reference: filed.reference, to, resolution: '退还300元', actor: admin });
  return { filed, conv };
}

describe('a worker killed mid-job', () => {
  it('is taken over by another process and the customer is notified exactly once', async () => {
    const database = await createTestDatabase();
    const prefix = uniqueRedisPrefix();
    open.push(() => database.drop());
    let killA!: (err: Error) => void;
    let storedByA!: () => void;
    const storedSignal = new Promise<void>((r) => (storedByA = r));
    // Process A stops dead right after writing the notice into the transcript, before delivering it.
    const a = await complaintsHarness({
      database,
      redisPrefix: prefix,
      workerOptions: { lockDuration: 1500, stalledInterval: 500 },
      hooks: {
        afterNoticeStored: () => {
          storedByA();
          return new Promise<void>((_, reject) => (killA = reject));
        },
      },
    });
    open.push(() => a.close());
    const deliveredByA: string[] = [];
    a.outbound.register((c) => c === 'msteams', async (_t, m) => void deliveredByA.push(m.id));
    await a.module.startWorkers();

    const { filed, conv } = await approvedComplaint(a, 'msteams');
    await a.module.workflow.transition({ reference: filed.reference, to: 'resolved', actor: { id: '00000000-0000-4000-8000-000000000001', role: 'admin' } });
    await storedSignal;
    // The kill: A's Redis connections drop, so its job lock is no longer renewed.
    await a.kill();

    const b = await complaintsHarness({ database, redisPrefix: prefix, workerOptions: { lockDuration: 1500, stalledInterval: 500 } });
    open.push(() => b.close());
    const deliveredByB: string[] = [];
    b.outbound.register((c) => c === 'msteams', async (_t, m) => void deliveredByB.push(m.id));
    await b.module.startWorkers();

    const sent = await b.waitFor(() => b.db.notification.findFirst({ where: { complaintId: filed.id, kind: 'customer.resolved', status: 'sent' } }), 15_000);
    expect(sent.recipient).toBe(`conversation:${conv.id}`);
    expect(await b.db.notification.count({ where: { complaintId: filed.id, kind: 'customer.resolved' } })).toBe(1);
    const messages = await b.db.message.findMany({ where: { conversationId: conv.id, intent: 'complaint.notice.resolved' } });
    expect(messages).toHaveLength(1);
    expect(deliveredByB).toEqual([messages[0].id]);
    expect(deliveredByA).toEqual([]);
    killA(new Error('process killed'));
  });
});

describe('a job failing after its side effect', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('is retried with backoff and does not send twice', async () => {
    const attempts: number[] = [];
    h = await complaintsHarness({
      hooks: {
        afterNoticeStored: (job: Job) => {
          attempts.push(job.attemptsMade);
          if (job.attemptsMade === 0) throw new Error('connection reset while delivering');
        },
      },
    });
    const delivered: string[] = [];
    h.outbound.register((c) => c === 'slack', async (_t, m) => void delivered.push(m.id));
    await h.module.startWorkers();
    const { filed, conv } = await approvedComplaint(h, 'slack');
    await h.module.workflow.transition({ reference: filed.reference, to: 'resolved', actor: { id: '00000000-0000-4000-8000-000000000001', role: 'admin' } });

    await h.waitFor(() => h.db.notification.findFirst({ where: { complaintId: filed.id, kind: 'customer.resolved', status: 'sent' } }), 15_000);
    expect(attempts).toEqual([0, 1]);
    expect(await h.db.message.count({ where: { conversationId: conv.id, intent: 'complaint.notice.resolved' } })).toBe(1);
    expect(delivered).toHaveLength(1);
    expect(await h.db.notification.count({ where: { complaintId: filed.id } })).toBeGreaterThanOrEqual(1);
    expect(await h.db.notification.count({ where: { complaintId: filed.id, kind: 'customer.resolved' } })).toBe(1);
  });
});

describe('a job that fails for good', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('lands in the dead-letter list, and an operator’s retry completes it', async () => {
    let broken = true;
    h = await complaintsHarness({
      hooks: {
        beforeTriage: () => {
          if (broken) throw new UnrecoverableError('assignment service rejected the request');
        },
      },
    });
    await h.module.startWorkers();
    const supervisor = await h.login('supervisor');
    const agent = await h.login('agent');
    const app = await h.http();
    const conv = await h.conversation('en');
    const filed = await h.file(conv, { description: 'My card was declined abroad', category: 'cards' });

    const list = await h.waitFor(async () => {
      const res = await app.inject({ url: '/api/complaints/dead-letter', headers: { authorization: `Bearer ${supervisor.token}` } });
      const jobs = res.json().jobs as Array<{ queue: string; jobId: string; failedReason: string }>;
      return jobs.length ? jobs : null;
    });
    expect(list).toEqual([expect.objectContaining({ queue: 'complaint-triage', jobId: `triage-${filed.reference}`, failedReason: 'assignment service rejected the request' })]);
    expect(await h.db.complaint.count({ where: { id: filed.id, triagedAt: null } })).toBe(1);

    const url = `/api/complaints/dead-letter/complaint-triage/triage-${filed.reference}/retry`;
    expect((await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${agent.token}` } })).statusCode).toBe(403);
    broken = false;
    const retried = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${supervisor.token}` } });
    expect(retried.statusCode).toBe(200);
    await h.waitFor(() => h.db.complaint.findFirst({ where: { id: filed.id, triagedAt: { not: null } } }));
    expect((await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${supervisor.token}` } })).statusCode).toBe(409);
    expect(await h.db.auditLog.count({ where: { action: 'complaint.job_retried' } })).toBe(1);
  });
});

describe('Redis stopped while a complaint is filed', () => {
  it('keeps the jobs in the outbox, triages the complaint once Redis is back, and re-arms what Redis lost', async () => {
    const redis = await PrivateRedis.start();
    open.push(() => redis.stop());
    const h = await complaintsHarness({ redisUrl: redis.url, relayIntervalMs: 200 });
    open.push(() => h.close());
    await h.module.startWorkers();

    const conv = await h.conversation('en');
    const before = await h.file(conv, { description: 'I was charged twice for the same transfer', category: 'fees_charges' });
    await h.waitFor(() => h.db.complaint.findFirst({ where: { id: before.id, triagedAt: { not: null } } }));

    await redis.stop();
    const started = Date.now();
    const during = await h.file(conv, { description: 'The app logged me out and my transfer vanished', category: 'digital_banking' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(during.reference).toMatch(/^CMP-\d{4}-\d{6}$/);
    const waiting = await h.db.outboxJob.findMany({ where: { jobId: { contains: during.reference } } });
    expect(waiting.length).toBeGreaterThanOrEqual(6);
    expect(waiting.every((j) => j.dispatchedAt === null)).toBe(true);
    expect(await h.db.complaint.count({ where: { id: during.id } })).toBe(1);

    await new Promise((r) => setTimeout(r, 500));
    await redis.start();
    const triaged = await h.waitFor(() => h.db.complaint.findFirst({ where: { id: during.id, triagedAt: { not: null } } }), 20_000);
    expect(triaged.status).toBe('acknowledged');
    await h.waitFor(async () => (await h.db.outboxJob.count({ where: { jobId: { contains: during.reference }, dispatchedAt: null } })) === 0, 10_000);
    const sla = h.module.queues().find((q) => q.name === 'complaint-sla')!;
    expect(await sla.getJob(`sla-${during.reference}-final_resolution`)).toBeTruthy();

    // The restarted Redis kept nothing: the first complaint's clock jobs are gone until re-armed.
    expect(await sla.getJob(`sla-${before.reference}-final_resolution`)).toBeFalsy();
    const rearmed = await h.module.reconcile({ rearmAfterMs: 0 });
    expect(rearmed.clocks).toBeGreaterThanOrEqual(4);
    const back = await sla.getJob(`sla-${before.reference}-final_resolution`);
    expect(back && (await back.getState())).toBe('delayed');
  });
});
