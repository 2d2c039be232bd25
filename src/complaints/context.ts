// What the complaint use cases and processors share: infrastructure, settings, the clock and the
// outbox relay. Built once by createComplaintsModule.
import type { FastifyBaseLogger } from 'fastify';
import type { Job } from 'bullmq';
import type { OutboundChannels } from '../channels/outbound.js';
import type { Database } from '../infra/database.js';
import type { AuditLog } from '../platform/audit-log.js';
import type { LiveEvents } from '../realtime/live-events.js';
import type { OutboxRelay } from './outbox/outbox.js';
import type { ComplaintSettings } from './settings.js';

/** Seams for fault-injection tests: called at the named moment inside a processor. */
export interface ComplaintHooks {
  /** After a customer notice is stored in the transcript, before it is delivered and marked sent. */
  afterNoticeStored?(job: Job, notificationId: string): Promise<void> | void;
  /** At the start of a triage job. */
  beforeTriage?(job: Job): Promise<void> | void;
}

export interface ComplaintContext {
  db: Database;
  audit: AuditLog;
  live: LiveEvents;
  log: FastifyBaseLogger;
  outbound?: OutboundChannels;
  settings: ComplaintSettings;
  /** The time every use case and processor reads (injectable so tests control the clocks). */
  clock: () => Date;
  relay: OutboxRelay;
  hooks: ComplaintHooks;
}
