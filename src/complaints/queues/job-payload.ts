// Shared helpers for the complaint queues' definitions: payloads are validated with zod and a bad one
// fails the job at once (UnrecoverableError: retrying cannot fix it); retries back off exponentially.
import { UnrecoverableError, type JobsOptions } from 'bullmq';
import type { ZodType } from 'zod';

export const RETRYING: JobsOptions = { attempts: 5, backoff: { type: 'exponential', delay: 1000 } };

export function parserOf<T>(schema: ZodType<T>, queue: string): (payload: unknown) => T {
  return (payload) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new UnrecoverableError(`bad ${queue} payload: ${parsed.error.message}`);
    return parsed.data;
  };
}

/** BullMQ refuses custom ids with a single ':' (it reserves them), so domain ids join with '-'. */
export const jobId = (...parts: Array<string | number>) => parts.join('-');
