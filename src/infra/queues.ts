// The one place that builds BullMQ queues and workers, all under the configured prefix, and closes
// them on shutdown (workers first so in-flight jobs finish, then queues, then connections).
import { Queue, QueueEvents, UnrecoverableError, Worker, type JobsOptions, type Processor, type WorkerOptions } from 'bullmq';
import type { ZodType } from 'zod';
import type { RedisFactory } from './redis.js';
import { requestContext } from './request-context.js';

export interface QueueDefinition<Payload> {
  name: string;
  defaultJobOptions?: JobsOptions;
  /** Validates a job's payload; processors get the parsed value. */
  parse(payload: unknown): Payload;
}

/** A definition's `parse` from a zod schema: a bad payload fails the job at once (retrying cannot fix it). */
export function parserOf<T>(schema: ZodType<T>, queue: string): (payload: unknown) => T {
  return (payload) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new UnrecoverableError(`bad ${queue} payload: ${parsed.error.message}`);
    return parsed.data;
  };
}

export interface QueueFactory {
  queue<P>(def: QueueDefinition<P>): Queue;
  worker<P>(def: QueueDefinition<P>, processor: Processor, options?: Partial<WorkerOptions>): Worker;
  events(name: string): QueueEvents;
  /** All queues created so far (Bull Board, metrics). */
  allQueues(): Queue[];
  closeWorkers(): Promise<void>;
  closeQueues(): Promise<void>;
}

export function createQueueFactory(redis: RedisFactory): QueueFactory {
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];
  const events: QueueEvents[] = [];
  // Queues share one connection for commands; workers need their own blocking connection each.
  let shared: ReturnType<RedisFactory['connect']> | undefined;
  const sharedConnection = () => (shared ??= redis.connect('bullmq-queues', { maxRetriesPerRequest: 1, enableOfflineQueue: false }));

  return {
    queue(def) {
      let q = queues.get(def.name);
      if (!q) {
        q = new Queue(def.name, {
          connection: sharedConnection(),
          prefix: redis.bullPrefix,
          defaultJobOptions: { removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: false, ...def.defaultJobOptions },
        });
        q.on('error', () => {});
        queues.set(def.name, q);
      }
      return q;
    },
    worker(def, processor, options = {}) {
      this.queue(def);
      // A job runs under the request id it was enqueued with (or its own job id), for the logs.
      const traced: Processor = (job, token, signal) =>
        requestContext.run(String((job.data as { requestId?: unknown } | undefined)?.requestId ?? `job:${def.name}:${job.id}`), () => processor(job, token, signal));
      const w = new Worker(def.name, traced, {
        connection: redis.connect(`bullmq-worker:${def.name}`, { maxRetriesPerRequest: null }),
        prefix: redis.bullPrefix,
        concurrency: 5,
        ...options,
      });
      w.on('error', () => {});
      workers.push(w);
      return w;
    },
    events(name) {
      const e = new QueueEvents(name, { connection: redis.connect(`bullmq-events:${name}`, { maxRetriesPerRequest: null }), prefix: redis.bullPrefix });
      e.on('error', () => {});
      events.push(e);
      return e;
    },
    allQueues: () => [...queues.values()],
    async closeWorkers() {
      await Promise.all(workers.map((w) => w.close()));
      workers.length = 0;
    },
    async closeQueues() {
      await Promise.all([...events.map((e) => e.close()), ...[...queues.values()].map((q) => q.close())]);
      events.length = 0;
      queues.clear();
    },
  };
}
