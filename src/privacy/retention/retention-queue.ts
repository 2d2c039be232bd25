// The daily retention job's queue. The payload carries no data: the processor reads the clock and the
// configured retention period itself (`now` may be given, for an operator's replay of a missed day).
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { QueueDefinition } from '../../infra/queues.js';

export const retentionPayloadSchema = z.object({ now: z.iso.datetime().optional() });
export type RetentionPayload = z.infer<typeof retentionPayloadSchema>;

export const RETENTION_QUEUE = 'privacy-retention';
/** One scheduler id across instances: BullMQ keeps one schedule however many processes upsert it. */
export const RETENTION_SCHEDULER_ID = 'retention-daily';

export const retentionQueue: QueueDefinition<RetentionPayload> = {
  name: RETENTION_QUEUE,
  defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { count: 60 }, removeOnFail: { count: 60 } },
  parse(payload) {
    const parsed = retentionPayloadSchema.safeParse(payload ?? {});
    if (!parsed.success) throw new UnrecoverableError(`bad ${RETENTION_QUEUE} payload: ${parsed.error.message}`);
    return parsed.data;
  },
};
