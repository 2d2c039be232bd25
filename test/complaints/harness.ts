// The complaints module on the real services (an isolated database, its own Redis prefix), built
// directly so these tests do not depend on the rest of the composition root. `http()` adds a Fastify
// app with the real agent login, auth and complaint routes over the same module.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import pino from 'pino';
import type { WorkerOptions } from 'bullmq';
import { errorHandlerPlugin } from '../../src/http/error-handler.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createDatabase, type Database } from '../../src/infra/database.js';
import { createQueueFactory, type QueueFactory } from '../../src/infra/queues.js';
import { createRedisFactory, type RedisFactory } from '../../src/infra/redis.js';
import { createAuditLog } from '../../src/platform/audit-log.js';
import { createLiveEvents } from '../../src/realtime/live-events.js';
import { createConversationStore, type ConversationStore } from '../../src/conversation/store.js';
import { createFieldCipher, generateKeyringEntry, parseKeyring } from '../../src/privacy/field-crypto.js';
import { createAgentAccounts, type AgentRole } from '../../src/agents/accounts.js';
import { agentAuthPlugin } from '../../src/agents/auth.js';
import { agentRoutes } from '../../src/agents/routes.js';
import { createOutboundChannels, type OutboundChannels } from '../../src/channels/outbound.js';
import type { LlmModule } from '../../src/llm/llm-module.js';
import type { Locale } from '../../src/conversation/locale.js';
import type { ConversationView, ComplaintDraft } from '../../src/conversation/turn-types.js';
import type { IntakeStep } from '../../src/conversation/pipeline.js';
import { createComplaintsModule, type ComplaintsModule } from '../../src/complaints/complaints-module.js';
import type { ComplaintHooks } from '../../src/complaints/context.js';
import { complaintRoutes } from '../../src/complaints/routes.js';
import { clearRedisPrefix, createTestDatabase, uniqueRedisPrefix, type TestDatabase } from '../helpers/isolation.js';
import { REDIS_URL } from '../helpers/urls.js';

// test/helpers/context.ts has the same two helpers, but it imports the whole app (src/app.ts), and
// these tests must not depend on every other module of the tree being in place.
export { createTestDatabase, uniqueRedisPrefix, type TestDatabase } from '../helpers/isolation.js';

async function readyQueueConnection(redis: RedisFactory): Promise<RedisFactory> {
  let shared: ReturnType<RedisFactory['connect']> | undefined;
  const wrapped: RedisFactory = {
    keyPrefix: redis.keyPrefix,
    bullPrefix: redis.bullPrefix,
    closeAll: () => redis.closeAll(),
    connect(purpose, options) {
      if (purpose === 'bullmq-queues') return (shared ??= redis.connect(purpose, options));
      return redis.connect(purpose, options);
    },
  };
  const conn = wrapped.connect('bullmq-queues', { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  if (conn.status !== 'ready') await new Promise((resolve) => conn.once('ready', resolve));
  return wrapped;
}

export const DISABLED_LLM: LlmModule = { enabled: false, structured: async () => null, text: async () => null };

export interface HarnessOptions {
  env?: Record<string, string>;
  redisUrl?: string;
  clock?: () => Date;
  hooks?: ComplaintHooks;
  workerOptions?: Partial<WorkerOptions>;
  llm?: LlmModule;
  /** Reuse a database (a second "process" over the same data). */
  database?: TestDatabase;
  redisPrefix?: string;
  relayIntervalMs?: number;
}

export interface Harness {
  config: Config;
  db: Database;
  redis: RedisFactory;
  queues: QueueFactory;
  module: ComplaintsModule;
  conversations: ConversationStore;
  outbound: OutboundChannels;
  database: TestDatabase;
  prefix: string;
  agents: ReturnType<typeof createAgentAccounts>;
  /** A conversation (with a customer) as the pipeline would pass it. */
  conversation(locale: Locale, customer?: { externalId?: string; segment?: 'ordinary' | 'key' | 'vip' }, channel?: string): Promise<ConversationView>;
  /** Files a complaint through the filing port, as the turn handler does for a submit effect. */
  file(conversation: ConversationView, draft: Partial<ComplaintDraft>, now?: Date): ReturnType<ComplaintsModule['filing']['file']>;
  /** Drives the intake like the pipeline: start, then continue with each answer (or a picked quick reply). */
  chat(conversation: ConversationView, first: string, answers: string[], pick?: RegExp): Promise<{ steps: IntakeStep[]; filed?: Awaited<ReturnType<ComplaintsModule['filing']['file']>> }>;
  http(): Promise<FastifyInstance>;
  login(role: AgentRole, opts?: { languages?: Locale[] }): Promise<{ token: string; id: string }>;
  /** Simulates the process dying: its Redis connections drop mid-job and nothing of it is waited for. */
  kill(): Promise<void>;
  waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function complaintsHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const database = opts.database ?? (await createTestDatabase());
  const prefix = opts.redisPrefix ?? uniqueRedisPrefix();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    REDIS_URL: opts.redisUrl ?? REDIS_URL,
    REDIS_PREFIX: prefix,
    TELLER_ADMIN_EMAIL: 'admin@bank.test',
    TELLER_ADMIN_PASSWORD: 'Adm1n-pass-2026!',
    ...opts.env,
  });
  const db = createDatabase(config);
  const redis = await readyQueueConnection(createRedisFactory(config));
  const queues = createQueueFactory(redis);
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) as unknown as FastifyBaseLogger;
  const cipher = createFieldCipher(parseKeyring(generateKeyringEntry('t1')));
  const audit = createAuditLog(db);
  const live = createLiveEvents(redis);
  const conversations = createConversationStore(db, cipher);
  const outbound = createOutboundChannels();
  const agents = createAgentAccounts(db, { sessionTtlHours: 1 });
  const module = createComplaintsModule({
    config,
    db,
    queues,
    audit,
    live,
    log,
    conversations,
    cipher,
    llm: opts.llm ?? DISABLED_LLM,
    outbound,
    clock: opts.clock,
    hooks: opts.hooks,
    workerOptions: opts.workerOptions,
    relayIntervalMs: opts.relayIntervalMs,
  });
  let app: FastifyInstance | undefined;
  let agentCount = 0;
  let killed = false;

  const h: Harness = {
    config,
    db,
    redis,
    queues,
    module,
    conversations,
    outbound,
    database,
    prefix,
    agents,
    async conversation(locale, customer = { externalId: `c-${Math.random().toString(36).slice(2)}` }, channel = 'web') {
      const { id } = await conversations.create({ locale, channel, customer });
      const conv = await conversations.find(id);
      return conv!;
    },
    file(conversation, draft, now = new Date()) {
      return module.filing.file({
        conversation,
        locale: conversation.locale,
        now,
        draft: { description: 'Test complaint', category: 'other', severityHints: [], ...draft },
      });
    },
    async chat(conversation, first, answers, pick) {
      const now = new Date();
      const steps: IntakeStep[] = [];
      let view = conversation;
      let s = await module.intake.start({ text: first, locale: view.locale, conversation: view, now });
      steps.push(s);
      for (const answer of answers) {
        if (s.effects.length || !s.dialog.active) break;
        const chosen = pick ? s.replies.flatMap((r) => r.suggestedActions ?? []).find((a) => pick.test(a)) : undefined;
        view = { ...view, dialog: s.dialog };
        s = module.intake.continue({ text: chosen ?? answer, locale: view.locale, conversation: view, now });
        steps.push(s);
      }
      const submit = s.effects.find((e) => e.type === 'submit_complaint');
      if (!submit || submit.type !== 'submit_complaint') return { steps };
      const filed = await module.filing.file({ draft: submit.draft, conversation: { ...view, dialog: s.dialog }, locale: view.locale, now });
      return { steps, filed };
    },
    async http() {
      if (app) return app;
      app = Fastify({ logger: false });
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      await app.register(errorHandlerPlugin);
      // The slice of the composition root these routes need, under the plugin name auth depends on.
      await app.register(fp(async (a: FastifyInstance) => void a.decorate('services', { agentAccounts: agents, audit, complaints: module } as never), { name: 'services' }));
      await app.register(agentAuthPlugin);
      await app.register(agentRoutes);
      await app.register(complaintRoutes);
      await app.ready();
      return app;
    },
    async login(role, o = {}) {
      const email = `${role}${++agentCount}-${Math.random().toString(36).slice(2, 7)}@bank.test`;
      const password = 'Agent-pass-2026!';
      const agent = await agents.create({ email, name: `${role} ${agentCount}`, password, role, languages: o.languages });
      const a = await h.http();
      const res = await a.inject({ method: 'POST', url: '/api/agent/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      return { token: res.json().token as string, id: agent.id };
    },
    async waitFor(probe, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const v = await probe();
        if (v) return v as never;
        if (Date.now() > deadline) throw new Error('condition not met in time');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill() {
      killed = true;
      void module.close().catch(() => {}); // stops its timers at once; its workers never finish
      await redis.closeAll();
    },
    async close() {
      if (killed) {
        await db.$disconnect().catch(() => {});
        if (!opts.database) await database.drop();
        return;
      }
      await module.close().catch(() => {});
      await app?.close().catch(() => {});
      await queues.closeWorkers().catch(() => {});
      await queues.closeQueues().catch(() => {});
      await db.$disconnect().catch(() => {});
      await redis.closeAll().catch(() => {});
      if (!opts.redisUrl) await clearRedisPrefix(prefix).catch(() => {});
      if (!opts.database) await database.drop();
    },
  };
  return h;
}
