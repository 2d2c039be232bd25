// The retention job as a service: a BullMQ job scheduler runs it once a day (one schedule across all
// instances, built through the queue factory), and `run()` runs it at once (operators, tests).
import type { Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../infra/database.js';
import type { QueueFactory } from '../../infra/queues.js';
import { scheduleRepeatableJob } from '../../infra/schedule-repeatable-job.js';
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
  let scheduler: ReturnType<typeof scheduleRepeatableJob> | undefined;

  const run = (opts: { now?: Date; actor?: string } = {}): Promise<RetentionResult> =>
    runRetention({ db: deps.db, now: opts.now ?? clock(), retentionDays: deps.config.RETENTION_DAYS, actor: opts.actor });

  return {
    run,

    /** Starts the worker (concurrency 1: runs never overlap in one process) and registers the daily schedule. */
    async startWorkers(): Promise<void> {
      if (worker) return;
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
      scheduler = scheduleRepeatableJob({
        queue: () => deps.queues.queue(retentionQueue),
        schedulerId: RETENTION_SCHEDULER_ID,
        repeat: { pattern, tz: deps.config.TIMEZONE },
        job: { name: 'retention', data: {} },
        log: deps.log,
        retryMs: deps.scheduleRetryMs,
      });
      await scheduler.started;
    },

    async close(): Promise<void> {
      scheduler?.stop();
      scheduler = undefined;
      await worker?.close();
      worker = undefined;
    },
  };
}

export type RetentionModule = ReturnType<typeof createRetentionModule>;
