// npm run bench:complaints [-- --n 500 --concurrency 16]
// Files N complaints at concurrency C the way the chat does it (the intake dialog turn by turn, then
// the filing port), with the real workers running, and waits until every one is triaged. Prints the
// throughput (complaints/s from the first submission to the last triage) and the p50/p99 time from
// submission to triaged. Uses its own database (created, migrated, dropped) and Redis prefix.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/infra/database.js';
import { createQueueFactory } from '../src/infra/queues.js';
import { createRedisFactory, type RedisFactory } from '../src/infra/redis.js';
import { applyMigrations, ensureDatabase } from '../src/infra/migrate/migrate.js';
import { MIGRATIONS_DIR } from '../src/infra/paths.js';
import { createAuditLog } from '../src/platform/audit-log.js';
import { createLiveEvents } from '../src/realtime/live-events.js';
import { createConversationStore } from '../src/conversation/store.js';
import { createAgentAccounts } from '../src/agents/accounts.js';
import { createFieldCipher, generateKeyringEntry, parseKeyring } from '../src/privacy/field-crypto.js';
import type { Locale } from '../src/conversation/locale.js';
import type { ConversationView } from '../src/conversation/turn-types.js';
import { createComplaintsModule } from '../src/complaints/complaints-module.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '500' }, concurrency: { type: 'string', default: '16' } } });
const N = Number(values.n);
const C = Number(values.concurrency);

// Realistic first messages and answers in both languages (the answers follow the questions asked).
const SCRIPTS: Array<{ locale: Locale; first: string; answers: string[] }> = [
  { locale: 'zh-CN', first: '你们上个月莫名其妙扣了我300元年费，打客服也没人管，我要投诉', answers: ['信用卡年费', '上个月10号', '300元', '退还年费', '电话联系我', '确认提交'] },
  { locale: 'zh-CN', first: '我要投诉', answers: ['手机银行转账显示失败但钱被扣了', '昨天', '5000元', '尽快退回', '短信', '确认提交'] },
  { locale: 'zh-CN', first: '网点大堂经理态度很差，当众吼我', answers: ['前天', '没有', '道歉', '电话', '确认提交'] },
  { locale: 'zh-CN', first: '理财经理说是保本的，结果亏了两万元，我要投诉', answers: ['上个月', '赔偿损失', '电话联系我', '确认提交'] },
  { locale: 'en', first: 'I want to make a complaint', answers: ['My mortgage repayment was taken twice this month', 'last Monday', '1,250 dollars', 'A refund', 'email me', 'Submit'] },
  { locale: 'en', first: 'You charged me a $35 overdraft fee yesterday even though I had money in my account', answers: ['A refund', 'Here in the chat', 'Submit'] },
];

/** src/infra/queues.ts breaks a Queue built before its shared connection is ready (reported); connect it first. */
async function readyQueueConnection(redis: RedisFactory): Promise<RedisFactory> {
  let shared: ReturnType<RedisFactory['connect']> | undefined;
  const wrapped: RedisFactory = {
    keyPrefix: redis.keyPrefix,
    bullPrefix: redis.bullPrefix,
    closeAll: () => redis.closeAll(),
    connect: (purpose, options) => (purpose === 'bullmq-queues' ? (shared ??= redis.connect(purpose, options)) : redis.connect(purpose, options)),
  };
  const conn = wrapped.connect('bullmq-queues', { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  if (conn.status !== 'ready') await new Promise((resolve) => conn.once('ready', resolve));
  return wrapped;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const base = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/teller');
  const dbName = `teller_bench_${randomBytes(3).toString('hex')}`;
  base.pathname = `/${dbName}`;
  const prefix = `bench:${randomBytes(3).toString('hex')}`;
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', TELLER_ENCRYPTION_KEYS: generateKeyringEntry('b1'), DATABASE_URL: base.toString(), REDIS_PREFIX: prefix, DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20' });
  await ensureDatabase(config.DATABASE_URL);
  await applyMigrations({ databaseUrl: config.DATABASE_URL, migrationsDir: MIGRATIONS_DIR });

  const db = createDatabase(config);
  const redis = await readyQueueConnection(createRedisFactory(config));
  const queues = createQueueFactory(redis);
  const log = pino({ level: 'warn' }) as unknown as FastifyBaseLogger;
  const cipher = createFieldCipher(parseKeyring(config.TELLER_ENCRYPTION_KEYS!));
  const conversations = createConversationStore(db, cipher);
  const agents = createAgentAccounts(db, { sessionTtlHours: 1 });
  for (let i = 0; i < 20; i++) await agents.create({ email: `agent${i}@bench.test`, name: `Agent ${i}`, password: 'Bench-pass-2026!', role: i < 3 ? 'supervisor' : 'agent', maxConcurrent: 20 });
  const module = createComplaintsModule({
    config,
    db,
    queues,
    audit: createAuditLog(db),
    live: createLiveEvents(redis),
    log,
    conversations,
    cipher,
    llm: { enabled: false, structured: async () => null, text: async () => null },
  });
  await module.startWorkers();

  // Conversations exist before the customer complains; creating them is not part of the measure.
  const views: ConversationView[] = [];
  for (let i = 0; i < N; i++) {
    const script = SCRIPTS[i % SCRIPTS.length];
    const { id } = await conversations.create({ locale: script.locale, channel: 'web', customer: { externalId: `bench-${i % Math.ceil(N / 3)}` } });
    views.push((await conversations.find(id))!);
  }

  const submitMs: number[] = [];
  let next = 0;
  let failed = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      for (let i = next++; i < N; i = next++) {
        const script = SCRIPTS[i % SCRIPTS.length];
        let view = views[i];
        const now = new Date();
        let step = await module.intake.start({ text: script.first, locale: script.locale, conversation: view, now });
        for (const answer of script.answers) {
          if (step.effects.length || !step.dialog.active) break;
          view = { ...view, dialog: step.dialog };
          step = module.intake.continue({ text: answer, locale: script.locale, conversation: view, now: new Date() });
        }
        const effect = step.effects.find((e) => e.type === 'submit_complaint');
        if (!effect || effect.type !== 'submit_complaint') {
          failed++;
          continue;
        }
        const t = performance.now();
        await module.filing.file({ draft: effect.draft, conversation: view, locale: script.locale, now: new Date() });
        submitMs.push(performance.now() - t);
      }
    }),
  );
  const submittedAt = Date.now();

  for (;;) {
    const left = await db.complaint.count({ where: { triagedAt: null } });
    if (left === 0) break;
    if (Date.now() - submittedAt > 120_000) throw new Error(`${left} complaints still untriaged after 120 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const rows = await db.complaint.findMany({ select: { createdAt: true, triagedAt: true } });
  const latency = rows.map((r) => r.triagedAt!.getTime() - r.createdAt.getTime()).sort((a, b) => a - b);
  const lastTriaged = Math.max(...rows.map((r) => r.triagedAt!.getTime()));
  const filedSorted = [...submitMs].sort((a, b) => a - b);

  await module.close();
  await queues.closeWorkers();
  await queues.closeQueues();
  await db.$disconnect();
  await redis.closeAll();
  const admin = new pg.Client({ connectionString: new URL('/postgres', base).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(dbName)} WITH (FORCE)`).finally(() => admin.end());
  const r = new Redis(config.REDIS_URL);
  let cursor = '0';
  do {
    const [c, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = c;
    if (keys.length) await r.unlink(...keys);
  } while (cursor !== '0');
  r.disconnect();

  const seconds = (lastTriaged - started) / 1000;
  console.log(`filed ${rows.length}/${N} complaints (intake failures ${failed}) at concurrency ${C}; filing p50 ${pct(filedSorted, 50).toFixed(1)} ms, p99 ${pct(filedSorted, 99).toFixed(1)} ms`);
  console.log(`complaints_per_s=${(rows.length / seconds).toFixed(1)} p50_submit_to_triaged_ms=${pct(latency, 50)} p99_submit_to_triaged_ms=${pct(latency, 99)} n=${rows.length} concurrency=${C}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
