// The composition root: builds every domain service once from the infrastructure and wires the
// domains to each other through the ports they declare (the conversation never imports handoff's
// internals, and so on). Fastify plugins only register routes over these services.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppDeps } from './app.js';
import { createAgentAccounts } from './agents/accounts.js';
import { createAuditLog } from './platform/audit-log.js';
import { fieldCipherFromConfig } from './privacy/keyring-from-config.js';
import { createLiveEvents } from './realtime/live-events.js';
import { createConversationStore } from './conversation/store.js';
import { createCustomerMessageHandler } from './conversation/handle-customer-message.js';
import { createCloseConversation } from './conversation/close-conversation.js';
import { createTurnPorts } from './conversation/turn-ports.js';
import { createNluModule } from './nlu/nlu-module.js';
import { createKnowledgeModule } from './knowledge/knowledge-module.js';
import { createRatings } from './analytics/ratings.js';
import { createComplaintsModule } from './complaints/complaints-module.js';
import { createHandoffModule } from './handoff/handoff-module.js';
import { createLlmModule } from './llm/llm-module.js';
import { createMetrics } from './ops/metrics.js';
import { createRetentionModule } from './privacy/retention/retention-module.js';
import { createOutboundChannels } from './channels/outbound.js';
import { createBotFrameworkChannel } from './channels/botframework/channel.js';

export async function createServices(deps: AppDeps, log: FastifyBaseLogger) {
  const { config, db, redis, queues } = deps;
  const metrics = createMetrics();
  const outbound = createOutboundChannels();
  const cipher = fieldCipherFromConfig(config, (m) => log.warn(m));
  const audit = createAuditLog(db);
  const live = createLiveEvents(redis);
  const agentAccounts = createAgentAccounts(db, { sessionTtlHours: config.AGENT_SESSION_TTL_HOURS });
  const conversations = createConversationStore(db, cipher);
  const knowledge = await createKnowledgeModule({ db, log, variables: { hotline: config.BANK_HOTLINE } });
  const nlu = await createNluModule({ log });
  const llm = createLlmModule({ config, log, metrics });
  const ratings = createRatings({ db });
  const handoffs = createHandoffModule({ config, db, live, audit, queues, log, conversations, llm, outbound, redis: deps.redis, cipher });
  const complaints = createComplaintsModule({ config, db, queues, audit, live, log, conversations, cipher, llm, outbound });
  const ports = createTurnPorts({ config, nlu, knowledge, complaints, llm });
  const customerMessages = createCustomerMessageHandler({
    store: conversations,
    ports,
    handoffs: handoffs.port,
    complaints: complaints.filing,
    live,
    cipher,
    ratings,
    onTurn: (t) => {
      metrics.turns.inc({ route: t.route, decided_by: t.decidedBy, channel: t.channel });
      metrics.turnLatency.observe(t.latencyMs / 1000);
    },
  });
  const closeConversation = createCloseConversation({ store: conversations, live, audit, handoffs: handoffs.port });
  const retention = createRetentionModule({ config, db, queues, log });
  // Registers its proactive deliverer on `outbound`, so workers reach Teams/Slack customers too.
  const botframework = createBotFrameworkChannel({ config, db, store: conversations, handler: customerMessages, outbound, log });

  return { metrics, outbound, cipher, audit, live, agentAccounts, conversations, knowledge, nlu, llm, ratings, handoffs, complaints, customerMessages, closeConversation, ports, botframework, retention };
}

export type Services = Awaited<ReturnType<typeof createServices>>;

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export const servicesPlugin = fp(
  async (app: FastifyInstance) => {
    const services = await createServices(app.deps, app.log);
    app.decorate('services', services);
    // First-start seeding through the stores; idempotent and safe with several instances.
    await services.knowledge.load();
    const { TELLER_ADMIN_EMAIL, TELLER_ADMIN_PASSWORD } = app.deps.config;
    if (TELLER_ADMIN_EMAIL && TELLER_ADMIN_PASSWORD && (await services.agentAccounts.ensureAdmin(TELLER_ADMIN_EMAIL, TELLER_ADMIN_PASSWORD))) {
      app.log.info({ email: TELLER_ADMIN_EMAIL }, 'created the admin account');
    }
    app.addHook('onClose', async () => {
      await app.services.complaints.close();
      await app.services.retention.close();
      await app.services.handoffs.closeWorkers();
      await app.services.live.close();
    });
  },
  { name: 'services' },
);
