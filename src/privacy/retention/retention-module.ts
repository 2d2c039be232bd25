// The retention job as a service: a BullMQ job scheduler runs it once a day (one schedule across all
// instances, built through the queue factory), and `run()` runs it at once (operators, tests).
import type { Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../infra/database.js';
import type { QueueFactory } from '../../infra/queues.js';
import { runRetention, type RetentionResult } from './run-retention.js';
import { RETENTION_SCHEDULER_ID, retentionQueue } from './retention-queue.js';

export interface RetentionModuleDeps {
  config: Pick<Config, 'RETENTION_DAYS' | 'TIMEZONE'>;
  db: Database;
  queues: QueueFactory;
  log: FastifyBaseLogger;
  /** Cron pattern in config.TIMEZONE (default: every day at 03:30, when chat traffic is lowest). */
  schedule?: string;
  clock?: () => Date;
  /** How soon to try again to register the schedule when Redis is away at start (default 30 s). */
  scheduleRetryMs?: number;
}

export const DEFAULT_RETENTION_SCHEDULE = '30 3 * * *';

export function createRetentionModule(deps: RetentionModuleDeps) {
  const clock = deps.clock ?? (() => new Date());
  const pattern = deps.schedule ?? DEFAULT_RETENTION_SCHEDULE;
  let worker: Worker | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const run = (opts: { now?: Date; actor?: string } = {}): Promise<RetentionResult> =>
    runRetention({ db: deps.db, now: opts.now ?? clock(), retentionDays: deps.config.RETENTION_DAYS, actor: opts.actor });

  async function schedule(): Promise<void> {
    try {
      await deps.queues.queue(retentionQueue).upsertJobScheduler(RETENTION_SCHEDULER_ID, { pattern, tz: deps.config.TIMEZONE }, { name: 'retention', data: {} });
      deps.log.debug({ pattern, tz: deps.config.TIMEZONE }, 'retention job scheduled');
    } catch (err) {
      // Redis away at start: the HTTP side must still come up; the schedule is registered later.
      if (closed) return;
      deps.log.warn({ err }, 'could not schedule the retention job; will try again');
      retryTimer = setTimeout(() => void schedule(), deps.scheduleRetryMs ?? 30_000);
      retryTimer.unref();
    }
  }

  return {
    run,

    /** Starts the worker (concurrency 1: runs never overlap in one process) and registers the daily schedule. */
    async startWorkers(): Promise<void> {
      if (worker) return;
      closed = false;
      worker = deps.queues.worker(
        retentionQueue,
        async (job) => {
          const payload = retentionQueue.parse(job.data);
          const result = await run({ now: payload.now ? new Date(payload.now) : undefined });
          deps.log.info(result, 'retention run finished');
          return result;
        },
        { concurrency: 1, lockDuration: 5 * 60_000 },
      );
      worker.on('failed', (job, err) => deps.log.error({ err, jobId: job?.id }, 'retention run failed'));
      await schedule();
    },

    async close(): Promise<void> {
      closed = true;
      clearTimeout(retryTimer);
      await worker?.close();
      worker = undefined;
    },
  };
}

export type RetentionModule = ReturnType<typeof createRetentionModule>;
