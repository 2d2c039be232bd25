// The handoff module: built once by the composition root (src/services.ts). `port` is what the
// conversation pipeline calls (HandoffPort); the other functions are the agent-side use cases the
// routes (routes.ts) call. Everything that must be seen by other instances goes through PostgreSQL
// (state, claims) and Redis pub/sub (live relay, agent feed), never process memory. Its one worker
// is the abandoned-handoff sweep (startWorkers), scheduled once across instances.
import type { Worker } from 'bullmq';
import { hasRole } from '../agents/accounts.js';
import { forbidden, notFound } from '../http/errors.js';
import { loadReplyCatalogs } from '../conversation/replies.js';
import { fromDbLocale, toDbLocale } from '../conversation/locale.js';
import type { HandoffPort } from '../conversation/handle-customer-message.js';
import { scheduleRepeatableJob } from '../infra/schedule-repeatable-job.js';
import { createAbandonHandoff } from './abandon-handoff.js';
import { ABANDON_SWEEP_EVERY_MS, ABANDON_SWEEP_SCHEDULER_ID, abandonSweepQueue } from './abandon-sweep-queue.js';
import { DISPOSITION } from './abandonment.js';
import { createAgentFeed } from './agent-feed.js';
import { createAgentPresence } from './agent-presence.js';
import { mayRead } from './access.js';
import { toHandoffInitiateActivity, type HandoffConversationReference, type HandoffInitiateActivity } from './botframework-handoff.js';
import { loadCannedResponses } from './canned-responses.js';
import { createClaimHandoff } from './claim-handoff.js';
import { createCloseHandoff } from './close-handoff.js';
import { createContextLoader } from './context.js';
import { actorOf, type Actor, type HandoffCore, type HandoffModuleDeps } from './deps.js';
import { createHandoffQueue, handoffSelect, type HandoffView } from './handoff-queue.js';
import { createReadTranscript } from './read-transcript.js';
import { createRequestHandoff } from './request-handoff.js';
import { createAgentMessaging } from './send-agent-message.js';
import { parseServiceHours } from './service-hours.js';
import { createAbandonSweep } from './sweep-abandoned-handoffs.js';
import { createTransferHandoff } from './transfer-handoff.js';

export type { HandoffModuleDeps, Actor } from './deps.js';
export type { HandoffView } from './handoff-queue.js';
export type { HandoffContext } from './context.js';
export type { AgentStreamEvent } from './agent-feed.js';
export type { TranscriptRecord } from './read-transcript.js';

export interface ConversationForAgent {
  conversation: { id: string; channel: string; locale: 'zh-CN' | 'en'; state: 'bot' | 'waiting' | 'human' | 'closed'; urgent: boolean; createdAt: string; lastMessageAt: string };
  /** The conversation's open handoff, else its latest one. */
  handoff: HandoffView;
  handoffs: Array<{ id: string; status: string; agentId: string | null; createdAt: string; closedAt: string | null; disposition: string | null }>;
}

export function createHandoffModule(deps: HandoffModuleDeps) {
  const now = deps.now ?? (() => new Date());
  const replies = deps.replies ?? loadReplyCatalogs();
  const core: HandoffCore = {
    ...deps,
    now,
    replies,
    serviceHours: parseServiceHours(deps.config.SERVICE_HOURS),
    contexts: createContextLoader({ db: deps.db, catalog: loadCannedResponses(), cipher: deps.cipher }),
    presence: createAgentPresence({ db: deps.db, redis: deps.redis, now }),
  };
  const queue = createHandoffQueue(core);
  const requesting = createRequestHandoff(core, queue);
  const messaging = createAgentMessaging(core);
  const abandoning = createAbandonHandoff(core);
  const sweepAbandoned = createAbandonSweep(core, abandoning);
  let worker: Worker | undefined;
  let scheduler: ReturnType<typeof scheduleRepeatableJob> | undefined;

  /** The sweep's worker (concurrency 1) and its every-minute schedule; `closeWorkers` stops both. */
  async function startWorkers(): Promise<void> {
    if (worker) return;
    worker = deps.queues.worker(
      abandonSweepQueue,
      async (job) => {
        const payload = abandonSweepQueue.parse(job.data);
        const result = await sweepAbandoned({ now: payload.now ? new Date(payload.now) : undefined });
        if (result.abandoned.length) deps.log.info(result, 'abandoned handoffs swept');
        return result;
      },
      { concurrency: 1 },
    );
    worker.on('failed', (job, err) => deps.log.error({ err, jobId: job?.id }, 'abandoned-handoff sweep failed'));
    scheduler = scheduleRepeatableJob({
      queue: () => deps.queues.queue(abandonSweepQueue),
      schedulerId: ABANDON_SWEEP_SCHEDULER_ID,
      repeat: { every: ABANDON_SWEEP_EVERY_MS },
      job: { name: 'sweep', data: {} },
      log: deps.log,
    });
    await scheduler.started;
  }

  async function closeWorkers(): Promise<void> {
    scheduler?.stop();
    scheduler = undefined;
    await worker?.close();
    worker = undefined;
  }

  async function readConversation(input: { agent: Actor; conversationId: string; ip?: string }): Promise<ConversationForAgent> {
    const conv = await deps.db.conversation.findUnique({
      where: { id: input.conversationId },
      select: { id: true, channel: true, locale: true, state: true, urgent: true, createdAt: true, lastMessageAt: true, handoffs: { orderBy: { requestedAt: 'desc' }, select: handoffSelect } },
    });
    if (!conv) throw notFound('conversation');
    if (!mayRead(input.agent, conv.handoffs)) throw forbidden('you may read a conversation waiting in the queue or one you serve');
    const current = conv.handoffs.find((h) => h.status === 'waiting' || h.status === 'active') ?? conv.handoffs[0];
    if (!current) throw notFound('handoff for this conversation');
    const [view] = await queue.toViews([current]);
    await deps.audit.record({ actor: actorOf(input.agent), action: 'conversation.read', subjectType: 'conversation', subjectId: conv.id, detail: { handoffId: current.id }, ip: input.ip });
    return {
      conversation: { id: conv.id, channel: conv.channel, locale: fromDbLocale(conv.locale), state: conv.state, urgent: conv.urgent, createdAt: conv.createdAt.toISOString(), lastMessageAt: conv.lastMessageAt.toISOString() },
      handoff: view,
      handoffs: conv.handoffs.map((h) => ({ id: h.id, status: h.status, agentId: h.agentId, createdAt: h.requestedAt.toISOString(), closedAt: h.closedAt?.toISOString() ?? null, disposition: h.disposition })),
    };
  }

  /** The handoff as a Bot Framework `handoff.initiate` event, for an external contact centre. */
  async function botFrameworkInitiate(input: { agent: Actor; handoffId: string; ip?: string }): Promise<HandoffInitiateActivity> {
    const row = await deps.db.handoff.findUnique({ where: { id: input.handoffId }, select: { ...handoffSelect, conversation: { select: { channelReference: { select: { channelId: true, serviceUrl: true, reference: true } } } } } });
    if (!row) throw notFound('handoff');
    if (!hasRole(input.agent.role, 'supervisor') && !mayRead(input.agent, [row])) throw forbidden();
    const [view] = await queue.toViews([row]);
    const ref = row.conversation.channelReference;
    const stored = (ref?.reference ?? {}) as { conversation?: { id?: string }; user?: { id?: string; name?: string }; bot?: { id?: string; name?: string }; activityId?: string };
    const reference: HandoffConversationReference | null =
      ref && stored.conversation?.id
        ? {
            channelId: ref.channelId,
            serviceUrl: ref.serviceUrl,
            conversation: { id: stored.conversation.id },
            ...(stored.user?.id ? { user: { id: stored.user.id, name: stored.user.name, role: 'user' as const } } : {}),
            ...(stored.bot?.id ? { bot: { id: stored.bot.id, name: stored.bot.name, role: 'bot' as const } } : {}),
            ...(stored.activityId ? { activityId: stored.activityId } : {}),
          }
        : null;
    await deps.audit.record({ actor: actorOf(input.agent), action: 'handoff.export_botframework', subjectType: 'handoff', subjectId: row.id, detail: { conversationId: row.conversationId }, ip: input.ip });
    return toHandoffInitiateActivity({ handoff: { id: row.id, conversationId: row.conversationId, priority: view.priority, requestedAt: row.requestedAt }, context: view.context, reference, now: now() });
  }

  return {
    /** For the conversation (createCustomerMessageHandler's and createCloseConversation's `handoffs`). */
    port: {
      ...requesting.port,
      async customerLeft(conversationId: string) {
        await abandoning.abandonWaitingOf(conversationId, DISPOSITION.customerClosed, `customer:${conversationId}`);
      },
    } satisfies HandoffPort,
    request: requesting.request,
    list: queue.list,
    /** Queue position and wait estimate of a waiting handoff. */
    standing: queue.standing,
    claim: createClaimHandoff(core, queue),
    transfer: createTransferHandoff(core, queue),
    close: createCloseHandoff(core, queue),
    sendAgentMessage: messaging.send,
    setTyping: messaging.typing,
    readConversation,
    /** The read-only record of any conversation (handoff or not), for supervisors and the agent who handled it. */
    readTranscript: createReadTranscript(core),
    botFrameworkInitiate,
    /** Opens one agent's live feed; resolves to the function that ends it. */
    openAgentFeed: createAgentFeed(core),
    countAgentsOnline: core.presence.countOnline,
    waitingCount: (locale: 'zh-CN' | 'en') => deps.db.handoff.count({ where: { status: 'waiting', locale: toDbLocale(locale) } }),
    /** Abandons the waiting handoffs whose customer has been silent for HANDOFF_ABANDON_MINUTES (also run by the sweep job). */
    sweepAbandoned,
    /** The abandoned-handoff sweep's queue (Bull Board). */
    queues: () => [deps.queues.queue(abandonSweepQueue)],
    startWorkers,
    closeWorkers,
  };
}

export type HandoffModule = ReturnType<typeof createHandoffModule>;
