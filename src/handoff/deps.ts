// What the handoff use cases share: the infrastructure handed in by the composition root, plus the
// few things the module builds once (clock, reply texts, context loader, presence).
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../infra/database.js';
import type { QueueFactory } from '../infra/queues.js';
import type { RedisFactory } from '../infra/redis.js';
import type { LiveEvents } from '../realtime/live-events.js';
import type { AuditLog } from '../platform/audit-log.js';
import type { ConversationStore, FieldEncryptor } from '../conversation/store.js';
import type { LlmModule } from '../llm/llm-module.js';
import type { OutboundChannels } from '../channels/outbound.js';
import type { ReplyCatalog } from '../conversation/replies.js';
import type { Locale } from '../conversation/locale.js';
import type { AgentRole } from '../agents/accounts.js';
import type { ContextLoader, FieldDecryptor } from './context.js';
import type { AgentPresence } from './agent-presence.js';
import type { ServiceHours } from './service-hours.js';

export interface HandoffModuleDeps {
  config: Config;
  db: Database;
  live: LiveEvents;
  audit: AuditLog;
  queues: QueueFactory;
  log: FastifyBaseLogger;
  conversations: ConversationStore;
  llm: LlmModule;
  /** Delivery to Bot Framework (and other non-web) channels; web chat follows the live stream. */
  outbound?: OutboundChannels;
  /** For agent presence across instances (who has the console open); without it, live sessions count. */
  redis?: RedisFactory;
  /** Encrypts the original of a masked agent message and decrypts the customer's name for the agent. */
  cipher?: FieldEncryptor & FieldDecryptor;
  now?: () => Date;
  /** Reply texts (content/replies.yaml); loaded from the file when not given. */
  replies?: Record<Locale, ReplyCatalog>;
}

export interface HandoffCore extends HandoffModuleDeps {
  now: () => Date;
  replies: Record<Locale, ReplyCatalog>;
  contexts: ContextLoader;
  presence: AgentPresence;
  serviceHours: ServiceHours;
}

/** The acting agent, as the routes know it (src/agents/accounts.ts AgentIdentity). */
export interface Actor {
  id: string;
  role: AgentRole;
  name?: string;
  languages: Locale[];
  maxConcurrent: number;
}

export const actorOf = (agent: Actor) => `agent:${agent.id}`;
