// Registers a repeatable job with BullMQ's job scheduler (one schedule across all instances however
// many upsert it). Redis away at start must not stop the HTTP side from coming up: the registration
// is tried again later, until `stop()`.
import type { JobSchedulerTemplateOptions, Queue, RepeatOptions } from 'bullmq';

export interface RepeatableJob {
  queue: () => Queue;
  schedulerId: string;
  repeat: Omit<RepeatOptions, 'key'>;
  job: { name: string; data: unknown; opts?: JobSchedulerTemplateOptions };
  log: { warn(obj: object, msg: string): void; debug(obj: object, msg: string): void };
  /** How soon to try again when Redis is away (default 30 s). */
  retryMs?: number;
}

/** Resolves after the first attempt (registered, or a retry armed); `stop` cancels further retries. */
export function scheduleRepeatableJob(spec: RepeatableJob): { started: Promise<void>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  async function attempt(): Promise<void> {
    try {
      await spec.queue().upsertJobScheduler(spec.schedulerId, spec.repeat, spec.job);
      spec.log.debug({ schedulerId: spec.schedulerId, ...spec.repeat }, 'job scheduled');
    } catch (err) {
      if (stopped) return;
      spec.log.warn({ err, schedulerId: spec.schedulerId }, 'could not schedule the job; will try again');
      timer = setTimeout(() => void attempt(), spec.retryMs ?? 30_000);
      timer.unref();
    }
  }
  return {
    started: attempt(),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
