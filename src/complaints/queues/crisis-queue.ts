// Crisis detection: each new complaint is counted with others of its category inside the window.
import { z } from 'zod';
import { parserOf, type QueueDefinition } from '../../infra/queues.js';
import { jobId, RETRYING } from './job-payload.js';

export const crisisPayloadSchema = z.object({ complaintId: z.uuid(), reference: z.string() });
export type CrisisPayload = z.infer<typeof crisisPayloadSchema>;

export const CRISIS_QUEUE = 'complaint-crisis';
export const crisisQueue: QueueDefinition<CrisisPayload> = {
  name: CRISIS_QUEUE,
  defaultJobOptions: RETRYING,
  parse: parserOf(crisisPayloadSchema, CRISIS_QUEUE),
};
export const crisisJobId = (reference: string) => jobId('crisis', reference);
