// The retention job with a controlled clock, on a real database: what is past RETENTION_DAYS loses
// its personal data (rows stay), what is recent or still needed is untouched, a second run changes
// nothing, every run is audited; and the daily job is scheduled and run through BullMQ.
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/infra/database.js';
import { createQueueFactory } from '../../src/infra/queues.js';
import { createRedisFactory } from '../../src/infra/redis.js';
import { createFieldCipher, generateKeyringEntry, parseKeyring } from '../../src/privacy/field-crypto.js';
import { runRetention } from '../../src/privacy/retention/run-retention.js';
import { createRetentionModule } from '../../src/privacy/retention/retention-module.js';
import { RETENTION_MARKER, retentionCutoff } from '../../src/privacy/retention/retention-policy.js';
import { RETENTION_QUEUE, RETENTION_SCHEDULER_ID, retentionQueue } from '../../src/privacy/retention/retention-queue.js';
import { REDIS_URL } from '../helpers/urls.js';
import { clearRedisPrefix, createTestDatabase, uniqueRedisPrefix, waitFor, type TestDatabase } from './isolation.js';

const cipher = createFieldCipher(parseKeyring(generateKeyringEntry('t1')));
const NOW = new Date('2027-03-01T02:00:00Z');
const DAYS = 365;
const OLD = new Date('2025-06-10T08:00:00Z'); // well before the cutoff (2026-03-01)
const RECENT = new Date('2027-02-20T08:00:00Z');

let database: TestDatabase;
let db: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDatabase({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 5 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

let seq = 0;
async function customer(at: Date, extra: { vulnerable?: boolean } = {}) {
  const n = ++seq;
  const c = await db.customer.create({
    data: {
      externalId: `C-${n}`,
      nameEncrypted: cipher.encrypt(`客户${n}`),
      phoneEncrypted: cipher.encrypt('13812345678'),
      emailEncrypted: cipher.encrypt(`c${n}@example.com`),
      phoneHash: `hash-${n}`,
      vulnerable: extra.vulnerable ?? false,
      createdAt: at,
    },
  });
  await db.$executeRaw`UPDATE "Customer" SET "updatedAt" = ${at} WHERE "id" = ${c.id}::uuid`;
  return c;
}

async function conversation(customerId: string | null, at: Date, state: 'bot' | 'closed' | 'human' | 'waiting' = 'closed') {
  const conv = await db.conversation.create({
    data: {
      customerId,
      channel: 'msteams',
      channelConversationId: `teams-${++seq}`,
      tokenHash: `t${seq}`,
      state,
      dialog: { intake: { slots: { description: '我的卡 6222 **** 0128 被盗刷' } } },
      createdAt: at,
      lastMessageAt: at,
      closedAt: state === 'closed' ? at : null,
    },
  });
  await db.message.createMany({
    data: [
      { conversationId: conv.id, author: 'customer', text: '我的手机号是138****5678', masked: true, originalEncrypted: cipher.encrypt('我的手机号是13812345678'), createdAt: at, metadata: { route: 'faq' } },
      { conversationId: conv.id, author: 'bot', text: '张先生，已为您记录', createdAt: at, metadata: { suggestedActions: ['好的'] } },
      { conversationId: conv.id, author: 'agent', text: '张先生您好', createdAt: at },
    ],
  });
  await db.channelReference.create({ data: { conversationId: conv.id, channelId: 'msteams', serviceUrl: 'https://smba.example/', reference: { user: { id: 'u1', name: '张三' } } } });
  await db.satisfactionRating.create({ data: { kind: 'csat', score: 2, comment: '客服叫错了我的名字张三', conversationId: conv.id, channel: 'msteams', locale: 'zh_CN', createdAt: at } });
  await db.handoff.create({ data: { conversationId: conv.id, status: state === 'human' ? 'active' : 'closed', reason: 'customer_request', priority: 1, locale: 'zh_CN', summary: '张三询问盗刷', requestedAt: at } });
  return conv;
}

async function complaint(customerId: string | null, conversationId: string | null, at: Date, status: 'closed' | 'investigating' | 'rejected') {
  const ref = `CMP-2025-${String(++seq).padStart(6, '0')}`;
  const c = await db.complaint.create({
    data: {
      reference: ref,
      customerId,
      conversationId,
      channel: 'web',
      status,
      category: 'fees_charges',
      description: '年费被重复扣收，联系 138****5678',
      descriptionEncrypted: cipher.encrypt('年费被重复扣收，联系 13812345678'),
      contactEncrypted: cipher.encrypt('13812345678'),
      desiredOutcome: '退还',
      occurredText: '上个月',
      amount: 300,
      ackDueAt: at,
      investigationDueAt: at,
      resolutionDueAt: at,
      closedAt: status === 'investigating' ? null : at,
      createdAt: at,
    },
  });
  await db.$executeRaw`UPDATE "Complaint" SET "updatedAt" = ${at} WHERE "id" = ${c.id}::uuid`;
  return c;
}

describe('runRetention', () => {
  it('scrubs what is past retention, keeps what is recent or still needed, and is idempotent', async () => {
    // An old, inactive customer: everything goes.
    const gone = await customer(OLD, { vulnerable: true });
    const goneConv = await conversation(gone.id, OLD);
    const goneComplaint = await complaint(gone.id, goneConv.id, OLD, 'closed');
    // An old customer who came back recently: the old conversation goes, the person stays identifiable.
    const back = await customer(OLD);
    const backOld = await conversation(back.id, OLD, 'bot');
    const backNew = await conversation(back.id, RECENT);
    // An old conversation whose complaint is still being investigated: kept whole.
    const open = await customer(OLD);
    const openConv = await conversation(open.id, OLD);
    const openComplaint = await complaint(open.id, openConv.id, OLD, 'investigating');
    // An old conversation still with an agent: kept.
    const live = await conversation(null, OLD, 'human');

    const first = await runRetention({ db, now: NOW, retentionDays: DAYS, batchSize: 2 });
    expect(first).toMatchObject({ conversations: 2, messages: 6, complaints: 1, customers: 1, channelReferences: 2, ratingComments: 2, handoffSummaries: 2, retentionDays: DAYS, cutoff: retentionCutoff(NOW, DAYS).toISOString() });

    for (const id of [goneConv.id, backOld.id]) {
      const msgs = await db.message.findMany({ where: { conversationId: id } });
      expect(msgs).toHaveLength(3); // rows stay, for counts and analytics
      for (const m of msgs) expect(m).toMatchObject({ text: RETENTION_MARKER, originalEncrypted: null, masked: false, metadata: {} });
      const conv = await db.conversation.findUniqueOrThrow({ where: { id }, include: { channelReference: true, handoffs: true, ratings: true } });
      expect(conv.dialog).toEqual({});
      expect(conv.channelReference).toBeNull();
      expect(conv.handoffs.map((h) => h.summary)).toEqual([null]);
      expect(conv.ratings.map((r) => [r.score, r.comment])).toEqual([[2, null]]);
    }
    expect(await db.customer.findUniqueOrThrow({ where: { id: gone.id } })).toMatchObject({
      externalId: null,
      nameEncrypted: null,
      phoneEncrypted: null,
      emailEncrypted: null,
      phoneHash: null,
      vulnerable: false,
      segment: 'ordinary',
    });
    expect(await db.complaint.findUniqueOrThrow({ where: { id: goneComplaint.id } })).toMatchObject({
      description: RETENTION_MARKER,
      descriptionEncrypted: null,
      contactEncrypted: null,
      desiredOutcome: null,
      occurredText: null,
      category: 'fees_charges',
      status: 'closed',
    });

    // Untouched: the returning customer, their recent conversation, the open complaint's conversation, the live one.
    expect((await db.customer.findUniqueOrThrow({ where: { id: back.id } })).nameEncrypted).not.toBeNull();
    expect(cipher.decrypt((await db.customer.findUniqueOrThrow({ where: { id: open.id } })).nameEncrypted!)).toMatch(/^客户/);
    for (const id of [backNew.id, openConv.id, live.id]) {
      const msgs = await db.message.findMany({ where: { conversationId: id }, orderBy: { seq: 'asc' } });
      expect(msgs.map((m) => m.text)).toEqual(['我的手机号是138****5678', '张先生，已为您记录', '张先生您好']);
      expect(cipher.decrypt(msgs[0].originalEncrypted!)).toBe('我的手机号是13812345678');
      expect(await db.channelReference.count({ where: { conversationId: id } })).toBe(1);
    }
    expect((await db.complaint.findUniqueOrThrow({ where: { id: openComplaint.id } })).descriptionEncrypted).not.toBeNull();

    const second = await runRetention({ db, now: NOW, retentionDays: DAYS });
    expect(second).toMatchObject({ conversations: 0, messages: 0, complaints: 0, customers: 0, channelReferences: 0, ratingComments: 0, handoffSummaries: 0 });

    const audit = await db.auditLog.findMany({ where: { action: 'privacy.retention_run' }, orderBy: { id: 'asc' } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor: 'system', subjectType: 'retention', subjectId: '2027-03-01' });
    expect(audit[0].detail).toMatchObject({ conversations: 2, messages: 6, customers: 1, retentionDays: DAYS });
    // The audit trail itself is kept, and holds no customer's words.
    expect(JSON.stringify(audit.map((a) => a.detail))).not.toMatch(/张|138/);

    // A year later the returning customer's recent conversation and the customer fall due too.
    const later = await runRetention({ db, now: new Date('2028-06-01T00:00:00Z'), retentionDays: DAYS });
    expect(later.conversations).toBe(1);
    expect(later.customers).toBe(1);
    expect((await db.customer.findUniqueOrThrow({ where: { id: back.id } })).externalId).toBeNull();
    // Still not the open complaint's customer, nor the conversation with an agent.
    expect((await db.customer.findUniqueOrThrow({ where: { id: open.id } })).externalId).not.toBeNull();
    expect((await db.message.findFirstOrThrow({ where: { conversationId: live.id, author: 'customer' } })).originalEncrypted).not.toBeNull();
  });

  it('refuses a nonsensical retention period', async () => {
    await expect(runRetention({ db, now: NOW, retentionDays: 0 })).rejects.toThrow(RangeError);
  });
});

describe('the daily retention job', () => {
  it('is scheduled once through the queue factory and runs the retention in a worker', async () => {
    const prefix = uniqueRedisPrefix();
    const redis = createRedisFactory({ REDIS_URL, REDIS_PREFIX: prefix });
    const queues = createQueueFactory(redis);
    const log = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;
    const config = { RETENTION_DAYS: DAYS, TIMEZONE: 'Asia/Shanghai' };
    // Two instances start their workers: one schedule, not two.
    const a = createRetentionModule({ config, db, queues, log, clock: () => NOW });
    const b = createRetentionModule({ config, db, queues, log, clock: () => NOW });
    try {
      await a.startWorkers();
      await b.startWorkers();
      const queue = queues.queue(retentionQueue);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({ key: RETENTION_SCHEDULER_ID, pattern: '30 3 * * *', tz: 'Asia/Shanghai' });
      expect(queue.name).toBe(RETENTION_QUEUE);

      const old = await customer(OLD);
      await conversation(old.id, OLD);
      const before = await db.auditLog.count({ where: { action: 'privacy.retention_run' } });
      const job = await queue.add('retention', {}, { jobId: 'retention-now' });
      const done = await waitFor(async () => ((await job.getState()) === 'completed' ? queue.getJob(job.id!) : null), 15_000);
      expect(done?.returnvalue).toMatchObject({ conversations: 1, customers: 1, messages: 3 });
      expect(await db.auditLog.count({ where: { action: 'privacy.retention_run' } })).toBe(before + 1);
      expect(await db.customer.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ externalId: null, nameEncrypted: null });
    } finally {
      await a.close();
      await b.close();
      await queues.closeWorkers();
      await queues.closeQueues();
      await redis.closeAll();
      await clearRedisPrefix(prefix);
    }
  });
});
