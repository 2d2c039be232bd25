// The abandoned-handoff sweep's queue: a job scheduler runs it every minute (one schedule across all
// instances). The payload carries no data: the processor reads the clock and HANDOFF_ABANDON_MINUTES
// itself (`now` may be given, for an operator's replay).
import { z } from 'zod';
import { parserOf, type QueueDefinition } from '../infra/queues.js';

export const abandonSweepPayloadSchema = z.object({ now: z.iso.datetime().optional() });
export type AbandonSweepPayload = z.infer<typeof abandonSweepPayloadSchema>;

export const ABANDON_SWEEP_QUEUE = 'handoff-abandon-sweep';
/** One scheduler id across instances: BullMQ keeps one schedule however many processes upsert it. */
export const ABANDON_SWEEP_SCHEDULER_ID = 'handoff-abandon-sweep-every-minute';
export const ABANDON_SWEEP_EVERY_MS = 60_000;

export const abandonSweepQueue: QueueDefinition<AbandonSweepPayload> = {
  name: ABANDON_SWEEP_QUEUE,
  // A missed run is caught by the next one a minute later: few attempts, little history kept.
  defaultJobOptions: { attempts: 2, backoff: { type: 'fixed', delay: 5_000 }, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  parse: parserOf(abandonSweepPayloadSchema, ABANDON_SWEEP_QUEUE),
};
