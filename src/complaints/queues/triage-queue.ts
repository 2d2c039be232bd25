// Triage: categorise, grade and assign a new complaint, then acknowledge it (received → acknowledged).
import { z } from 'zod';
import { parserOf, type QueueDefinition } from '../../infra/queues.js';
import { jobId, RETRYING } from './job-payload.js';

export const triagePayloadSchema = z.object({ complaintId: z.uuid(), reference: z.string() });
export type TriagePayload = z.infer<typeof triagePayloadSchema>;

export const TRIAGE_QUEUE = 'complaint-triage';
export const triageQueue: QueueDefinition<TriagePayload> = {
  name: TRIAGE_QUEUE,
  defaultJobOptions: RETRYING,
  parse: parserOf(triagePayloadSchema, TRIAGE_QUEUE),
};
export const triageJobId = (reference: string) => jobId('triage', reference);
