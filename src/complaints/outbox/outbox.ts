// The transactional outbox: jobs are written as OutboxJob rows in the same transaction as the change
// that causes them, then relayed to BullMQ after commit. If Redis is down the rows simply wait; the
// periodic relay (started with the workers) dispatches them later. Job ids are stable and derived
// from the domain, so dispatching a row twice (two instances, a crash before marking) adds one job.
import type { FastifyBaseLogger } from 'fastify';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Database } from '../../infra/database.js';
import type { QueueDefinition, QueueFactory } from '../../infra/queues.js';

export interface OutboxEntry {
  queue: string;
  jobId: string;
  data: Record<string, unknown>;
  /** Run no earlier than this (delayed job); absent = at once. */
  runAt?: Date;
}

interface StoredPayload {
  data: Record<string, unknown>;
  runAt?: string;
}

import { requestContext } from '../../infra/request-context.js';

type Tx = Pick<Database, 'outboxJob'>;

/** The request that caused a job travels with it, for the logs (src/infra/request-context.ts). */
function withRequestId(data: Record<string, unknown>): Record<string, unknown> {
  const requestId = requestContext.requestId();
  return requestId && data.requestId === undefined ? { ...data, requestId } : data;
}

/** Writes outbox rows inside the caller's transaction; a row with the same job id is kept as it is. */
export async function enqueueInTransaction(tx: Tx, entries: OutboxEntry[]): Promise<void> {
  if (!entries.length) return;
  await tx.outboxJob.createMany({
    data: entries.map((e) => ({
      queue: e.queue,
      jobId: e.jobId,
      // The request that caused the job travels with it, for the logs (src/infra/request-context.ts).
      payload: { data: withRequestId(e.data), ...(e.runAt ? { runAt: e.runAt.toISOString() } : {}) } as unknown as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  });
}

const DISPATCH_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
    }),
  ]);
}

export interface OutboxRelay {
  /** Dispatches rows just committed (the caller has them at hand, so they are not read back). Never throws. */
  relay(entries: OutboxEntry[]): Promise<number>;
  /** Dispatches every row still waiting, oldest first. Never throws. */
  relayPending(limit?: number): Promise<number>;
}

export function createOutboxRelay(deps: {
  db: Database;
  queues: QueueFactory;
  definitions: ReadonlyArray<QueueDefinition<unknown>>;
  clock: () => Date;
  log: FastifyBaseLogger;
}): OutboxRelay {
  const byName = new Map(deps.definitions.map((d) => [d.name, d]));
  let sweeping: Promise<number> | null = null;

  type Pending = { queue: string; jobId: string; data: Record<string, unknown>; runAt?: string };

  const fromRow = (row: { queue: string; jobId: string; payload: Prisma.JsonValue }): Pending => {
    const p = row.payload as unknown as StoredPayload;
    return { queue: row.queue, jobId: row.jobId, data: p.data, runAt: p.runAt };
  };

  /** One bulk add per queue; rows of a queue Redis did not take stay waiting for the next sweep. */
  async function dispatch(jobs: Pending[]): Promise<number> {
    if (!jobs.length) return 0;
    const byQueue = new Map<string, Pending[]>();
    for (const j of jobs) byQueue.set(j.queue, [...(byQueue.get(j.queue) ?? []), j]);
    const done: string[] = [];
    const failed: Array<{ ids: string[]; error: string }> = [];
    const now = deps.clock().getTime();
    await Promise.all(
      [...byQueue].map(async ([queue, group]) => {
        const ids = group.map((j) => j.jobId);
        try {
          const def = byName.get(queue);
          if (!def) throw new Error(`unknown queue ${queue}`);
          const bulk = group.map((j) => {
            const delay = j.runAt ? Math.max(0, new Date(j.runAt).getTime() - now) : 0;
            return { name: def.name, data: j.data, opts: { jobId: j.jobId, ...(delay ? { delay } : {}) } };
          });
          await withTimeout(deps.queues.queue(def).addBulk(bulk), DISPATCH_TIMEOUT_MS);
          done.push(...ids);
        } catch (err) {
          failed.push({ ids, error: String((err as Error)?.message ?? err).slice(0, 500) });
        }
      }),
    );
    await Promise.all([
      done.length ? deps.db.outboxJob.updateMany({ where: { jobId: { in: done }, dispatchedAt: null }, data: { dispatchedAt: new Date(), attempts: { increment: 1 }, lastError: null } }) : null,
      ...failed.map((f) => deps.db.outboxJob.updateMany({ where: { jobId: { in: f.ids } }, data: { attempts: { increment: 1 }, lastError: f.error } }).catch(() => null)),
    ]);
    return done.length;
  }

  return {
    async relay(entries) {
      if (!entries.length) return 0;
      try {
        return await dispatch(entries.map((e) => ({ queue: e.queue, jobId: e.jobId, data: withRequestId(e.data), runAt: e.runAt?.toISOString() })));
      } catch (err) {
        deps.log.warn({ err }, 'complaint outbox relay failed; the periodic relay will retry');
        return 0;
      }
    },
    relayPending(limit = 500) {
      // One sweep at a time per process: overlapping sweeps would only add the same jobs twice.
      sweeping ??= (async () => {
        try {
          let total = 0;
          for (;;) {
            const rows = await deps.db.outboxJob.findMany({ where: { dispatchedAt: null }, orderBy: { id: 'asc' }, take: limit });
            const n = await dispatch(rows.map(fromRow));
            total += n;
            if (rows.length < limit || n < rows.length) return total;
          }
        } catch (err) {
          deps.log.debug({ err }, 'complaint outbox sweep failed; will try again');
          return 0;
        } finally {
          sweeping = null;
        }
      })();
      return sweeping;
    },
  };
}
