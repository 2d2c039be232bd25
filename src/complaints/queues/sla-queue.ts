// Service clocks: one delayed job per clock, due when the clock is; it records a breach if missed.
import { z } from 'zod';
import { parserOf, type QueueDefinition } from '../../infra/queues.js';
import { SERVICE_CLOCKS, type ServiceClockName } from '../domain/service-clocks.js';
import { jobId, RETRYING } from './job-payload.js';

export const slaPayloadSchema = z.object({ complaintId: z.uuid(), reference: z.string(), clock: z.enum(SERVICE_CLOCKS) });
export type SlaPayload = z.infer<typeof slaPayloadSchema>;

export const SLA_QUEUE = 'complaint-sla';
export const slaQueue: QueueDefinition<SlaPayload> = {
  name: SLA_QUEUE,
  defaultJobOptions: RETRYING,
  parse: parserOf(slaPayloadSchema, SLA_QUEUE),
};
/** `round` distinguishes a clock restarted by a reopening from the first one. */
export const slaJobId = (reference: string, clock: ServiceClockName, round = 0) => (round ? jobId('sla', reference, clock, `r${round}`) : jobId('sla', reference, clock));
