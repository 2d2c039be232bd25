// The complaints module: intake dialog (for the conversation pipeline), filing (for the turn's
// effects), the workflow service (for the agent API), and the BullMQ workers with the outbox relay.
import type { Queue, Worker, WorkerOptions } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import type { OutboundChannels } from '../channels/outbound.js';
import type { Config } from '../config.js';
import type { ComplaintFilingPort } from '../conversation/handle-customer-message.js';
import type { IntakeStep, TurnPorts } from '../conversation/pipeline.js';
import type { ConversationStore } from '../conversation/store.js';
import type { Locale } from '../conversation/locale.js';
import type { ConversationView, ReplyDraft } from '../conversation/turn-types.js';
import type { Database } from '../infra/database.js';
import type { QueueDefinition, QueueFactory } from '../infra/queues.js';
import type { LlmModule } from '../llm/llm-module.js';
import type { AuditLog } from '../platform/audit-log.js';
import type { FieldCipher } from '../privacy/field-crypto.js';
import type { LiveEvents } from '../realtime/live-events.js';
import type { ComplaintContext, ComplaintHooks } from './context.js';
import { fileComplaint, type FileComplaintInput } from './filing/file-complaint.js';
import { continueIntake, startIntake, type IntakeTurn } from './intake/intake-dialog.js';
import { extractWithLlm, mergeLlmExtraction } from './intake/llm-extraction.js';
import { createOutboxRelay } from './outbox/outbox.js';
import { reconcileOutbox, type ReconcileOptions } from './outbox/reconcile.js';
import { createCrisisProcessor } from './queues/crisis-processor.js';
import { crisisQueue } from './queues/crisis-queue.js';
import { createNotificationsProcessor } from './queues/notifications-processor.js';
import { notificationsQueue } from './queues/notifications-queue.js';
import { checkServiceClock, createSlaProcessor } from './queues/sla-processor.js';
import { slaQueue } from './queues/sla-queue.js';
import { createTriageProcessor } from './queues/triage-processor.js';
import { triageQueue } from './queues/triage-queue.js';
import { complaintSettingsFrom } from './settings.js';
import { createComplaintWorkflow } from './workflow/complaint-workflow.js';
import type { ServiceClockName } from './domain/service-clocks.js';

export interface ComplaintsModuleDeps {
  config: Config;
  db: Database;
  queues: QueueFactory;
  audit: AuditLog;
  live: LiveEvents;
  log: FastifyBaseLogger;
  /**
   * Accepted from the composition root but not needed: notices are written to the transcript
   * directly (the store's recordTurn would overwrite the live dialog state), and the pipeline hands
   * over text that is already masked, so there is nothing for the cipher to protect yet.
   */
  conversations?: ConversationStore;
  cipher?: FieldCipher;
  llm: LlmModule;
  outbound?: OutboundChannels;
  /** The time processors read; tests inject one to make service clocks fall due without waiting. */
  clock?: () => Date;
  /** Fault-injection seams for tests. */
  hooks?: ComplaintHooks;
  /** Worker tuning (tests shorten lock and stalled intervals to recover killed jobs quickly). */
  workerOptions?: Partial<WorkerOptions>;
  /** How often the outbox relay looks for rows Redis could not take (default 1 s). */
  relayIntervalMs?: number;
  /** How often jobs Redis may have lost are re-armed from PostgreSQL (default 60 s). */
  reconcileIntervalMs?: number;
}

/** The intake as the pipeline port wants it, plus a variant that also asks the LLM when configured. */
export interface ComplaintIntake extends Readonly<TurnPorts['complaints']> {
  /** With the conversation, only its own customer's complaints are found (pass it when you can). */
  statusReply(reference: string, locale: Locale, conversation?: ConversationView): Promise<ReplyDraft>;
  /** Like start, merging the LLM's reading of the first message (prompts/complaint-extraction.md). */
  startWithLlm(input: Parameters<TurnPorts['complaints']['start']>[0]): Promise<IntakeStep>;
}

const DEFINITIONS = [triageQueue, slaQueue, notificationsQueue, crisisQueue] as ReadonlyArray<QueueDefinition<unknown>>;

export function createComplaintsModule(deps: ComplaintsModuleDeps) {
  const settings = complaintSettingsFrom(deps.config);
  const clock = deps.clock ?? (() => new Date());
  const relay = createOutboxRelay({ db: deps.db, queues: deps.queues, definitions: DEFINITIONS, clock, log: deps.log });
  const ctx: ComplaintContext = { db: deps.db, audit: deps.audit, live: deps.live, log: deps.log, outbound: deps.outbound, settings, clock, relay, hooks: deps.hooks ?? {} };
  const queues = (): Queue[] => DEFINITIONS.map((d) => deps.queues.queue(d));
  const workflow = createComplaintWorkflow(ctx, queues);

  const turnOf = (input: Parameters<TurnPorts['complaints']['start']>[0]): IntakeTurn => ({
    text: input.text,
    locale: input.locale,
    dialog: input.conversation.dialog,
    now: input.now,
    timeZone: settings.timeZone,
  });

  const intake: ComplaintIntake = {
    start: (input) => startIntake(turnOf(input)),
    continue: (input) => continueIntake(turnOf(input)),
    statusReply: (reference: string, locale: Locale, conversation?: ConversationView) => workflow.statusReply(reference, locale, conversation),
    async startWithLlm(input) {
      const turn = turnOf(input);
      const extracted = await extractWithLlm(deps.llm, { text: input.text, locale: input.locale, now: input.now, timeZone: settings.timeZone }).catch(() => null);
      return startIntake(turn, (slots) => mergeLlmExtraction(slots, extracted));
    },
  };

  const filing = {
    file: (input: FileComplaintInput) => fileComplaint(ctx, input),
  } satisfies ComplaintFilingPort;

  let workers: Worker[] = [];
  let timers: NodeJS.Timeout[] = [];

  async function reconcile(opts: Partial<ReconcileOptions> = {}) {
    const result = await reconcileOutbox(deps.db, { now: clock(), ...opts });
    if (result.triage || result.clocks) deps.log.info(result, 'complaint jobs re-armed from the database');
    await relay.relayPending();
    return result;
  }

  return {
    intake,
    filing,
    workflow,
    settings,
    /** The complaint queues (for Bull Board and metrics). */
    queues,

    async startWorkers(): Promise<void> {
      if (workers.length) return;
      const opts = deps.workerOptions ?? {};
      workers = [
        deps.queues.worker(triageQueue, createTriageProcessor(ctx), { concurrency: 10, ...opts }),
        deps.queues.worker(slaQueue, createSlaProcessor(ctx), { concurrency: 5, ...opts }),
        deps.queues.worker(notificationsQueue, createNotificationsProcessor(ctx), { concurrency: 10, ...opts }),
        deps.queues.worker(crisisQueue, createCrisisProcessor(ctx), { concurrency: 5, ...opts }),
      ];
      for (const w of workers) {
        w.on('failed', (job, err) => {
          const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
          deps.log[final ? 'error' : 'warn']({ err, queue: w.name, jobId: job?.id, attempt: job?.attemptsMade }, final ? 'complaint job failed for good (dead letter)' : 'complaint job failed; will retry');
        });
      }
      await relay.relayPending();
      timers = [
        setInterval(() => void relay.relayPending(), deps.relayIntervalMs ?? 1000),
        setInterval(() => void reconcile().catch((err) => deps.log.debug({ err }, 'complaint reconciliation failed; will try again')), deps.reconcileIntervalMs ?? 60_000),
      ];
      for (const t of timers) t.unref();
    },

    /** Relays outbox rows still waiting (also runs every second once workers started). */
    relayOutbox: (): Promise<number> => relay.relayPending(),

    /** Re-arms jobs Redis may have lost (untriaged complaints, clocks of open ones); runs every minute with the workers. */
    reconcile,

    /** Evaluates one service clock now (operators' "check now"; tests with a controlled `now`). */
    checkServiceClock: (complaintId: string, clockName: ServiceClockName, now = clock()) => checkServiceClock(ctx, { complaintId, clock: clockName, now }),

    /** Stops the relay timer and this module's workers; queues and connections close with the infrastructure. */
    async close(): Promise<void> {
      for (const t of timers) clearInterval(t);
      timers = [];
      await Promise.all(workers.map((w) => w.close()));
      workers = [];
    },
  };
}

export type ComplaintsModule = ReturnType<typeof createComplaintsModule>;
