// Reconciliation: the outbox guarantees a job reaches Redis once, but Redis can still lose it later
// (a restart without persistence, a flushed instance). PostgreSQL is the record, so outbox rows whose
// work is evidently not done are handed back to the relay: triage of complaints still untriaged, and
// the service clocks of complaints still open. Re-dispatching is safe: a job id still in Redis is not
// added twice, and the processors are idempotent.
import type { Database } from '../../infra/database.js';
import { OPEN_STATUSES } from '../domain/workflow.js';
import { SLA_QUEUE } from '../queues/sla-queue.js';
import { TRIAGE_QUEUE } from '../queues/triage-queue.js';

export interface ReconcileOptions {
  now: Date;
  /** A triage dispatched this long ago whose complaint is still untriaged is dispatched again. */
  triageAfterMs?: number;
  /** Clock jobs of open complaints are re-armed at most this often. */
  rearmAfterMs?: number;
}

export async function reconcileOutbox(db: Database, opts: ReconcileOptions): Promise<{ triage: number; clocks: number }> {
  const triageBefore = new Date(opts.now.getTime() - (opts.triageAfterMs ?? 60_000));
  const rearmBefore = new Date(opts.now.getTime() - (opts.rearmAfterMs ?? 10 * 60_000));
  // A clock that fell due more than a day ago has run (or its breach is on record); leave it be.
  const stillRelevant = new Date(opts.now.getTime() - 86_400_000).toISOString();
  const triage = await db.$executeRaw`
    UPDATE "OutboxJob" o SET "dispatchedAt" = NULL
    FROM "Complaint" c
    WHERE o."queue" = ${TRIAGE_QUEUE} AND o."dispatchedAt" < ${triageBefore}
      AND c."id" = (o."payload"->'data'->>'complaintId')::uuid AND c."triagedAt" IS NULL`;
  const clocks = await db.$executeRaw`
    UPDATE "OutboxJob" o SET "dispatchedAt" = NULL
    FROM "Complaint" c
    WHERE o."queue" = ${SLA_QUEUE} AND o."dispatchedAt" < ${rearmBefore}
      AND (o."payload"->>'runAt') > ${stillRelevant}
      AND c."id" = (o."payload"->'data'->>'complaintId')::uuid
      AND c."status"::text = ANY(${[...OPEN_STATUSES]}::text[])`;
  return { triage, clocks };
}
