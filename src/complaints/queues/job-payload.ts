// Shared helpers for the complaint queues' definitions (payloads are validated with infra/queues'
// parserOf): retries back off exponentially, and job ids are built from the domain.
import type { JobsOptions } from 'bullmq';

export const RETRYING: JobsOptions = { attempts: 5, backoff: { type: 'exponential', delay: 1000 } };

/** BullMQ refuses custom ids with a single ':' (it reserves them), so domain ids join with '-'. */
export const jobId = (...parts: Array<string | number>) => parts.join('-');
