// The app the handoff tests and bench run against. Real by default: buildApp (src/app.ts) with the
// composition root. Standalone (tests with HANDOFF_TEST_STANDALONE=1, bench with --standalone): only
// what the handoff needs, all real — audit, live events, agent accounts, conversation store, handoff
// module, and the routes of agents, customer chat (transcript + SSE stream) and handoff. The
// customer's turn handler is the one piece left out; callers then ask for a person through the
// handoff port, as that handler does.
import fp from 'fastify-plugin';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../../src/config.js';
import type { Infrastructure } from '../../src/infra/infrastructure.js';
import { errorHandlerPlugin } from '../../src/http/error-handler.js';
import { AppError } from '../../src/http/errors.js';
import { createAgentAccounts, type AgentAccounts } from '../../src/agents/accounts.js';
import { agentAuthPlugin } from '../../src/agents/auth.js';
import { agentRoutes } from '../../src/agents/routes.js';
import { createAuditLog, type AuditLog } from '../../src/platform/audit-log.js';
import { createLiveEvents, type LiveEvents } from '../../src/realtime/live-events.js';
import { createConversationStore, type ConversationStore } from '../../src/conversation/store.js';
import { conversationRoutes } from '../../src/conversation/routes.js';
import { fieldCipherFromConfig } from '../../src/privacy/keyring-from-config.js';
import { createLlmModule } from '../../src/llm/llm-module.js';
import { createRatings } from '../../src/analytics/ratings.js';
import { createHandoffModule, type HandoffModule } from '../../src/handoff/handoff-module.js';
import { createCloseConversation } from '../../src/conversation/close-conversation.js';
import { handoffRoutes } from '../../src/handoff/routes.js';

export const ADMIN = { email: 'admin@bank.test', password: 'Adm1n-pass-2026!' };

export interface HandoffServices {
  handoffs: HandoffModule;
  conversations: ConversationStore;
  agentAccounts: AgentAccounts;
  live: LiveEvents;
  audit: AuditLog;
}

export async function buildHandoffApp(opts: { config: Config; infra: Pick<Infrastructure, 'db' | 'redis' | 'queues'>; standalone: boolean }): Promise<{ app: FastifyInstance; wired: boolean }> {
  const { config, infra } = opts;
  if (!opts.standalone) {
    const { buildApp } = await import('../../src/app.js');
    return { app: await buildApp({ config, ...infra }), wired: true };
  }
  const app = Fastify({ logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL } });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', { config, ...infra });
  await app.register(errorHandlerPlugin);
  const cipher = fieldCipherFromConfig(config);
  const audit = createAuditLog(infra.db);
  const live = createLiveEvents(infra.redis);
  const agentAccounts = createAgentAccounts(infra.db, { sessionTtlHours: config.AGENT_SESSION_TTL_HOURS });
  const conversations = createConversationStore(infra.db, cipher);
  const llm = createLlmModule({ config, log: app.log });
  const handoffs = createHandoffModule({ config, db: infra.db, live, audit, queues: infra.queues, log: app.log, conversations, llm, redis: infra.redis, cipher });
  const customerMessages = {
    handle: async () => {
      throw new AppError('unavailable', 'the turn pipeline is not part of the standalone handoff app');
    },
  };
  const closeConversation = createCloseConversation({ store: conversations, live, audit, handoffs: handoffs.port });
  const services = { cipher, audit, live, agentAccounts, conversations, llm, handoffs, customerMessages, closeConversation, ratings: createRatings({ db: infra.db }) };
  await app.register(fp(async (a) => void a.decorate('services', services as never), { name: 'services' }));
  await app.register(agentAuthPlugin);
  await app.register(agentRoutes);
  await app.register(conversationRoutes);
  await app.register(handoffRoutes);
  if (config.TELLER_ADMIN_EMAIL && config.TELLER_ADMIN_PASSWORD) await agentAccounts.ensureAdmin(config.TELLER_ADMIN_EMAIL, config.TELLER_ADMIN_PASSWORD);
  return { app, wired: false };
}
