// Mass-complaint detection: counts complaints of the same category within CRISIS_WINDOW_MINUTES
// before this one arrived; at CRISIS_THRESHOLD or more a CrisisAlert is raised for supervisors, once
// per window (shouldRaiseCrisisAlert's cooldown). Jobs of one category are serialised by a
// transaction-scoped advisory lock, so two concurrent complaints cannot both raise the alert.
import { UnrecoverableError, type Job } from 'bullmq';
import type { ComplaintContext } from '../context.js';
import { shouldRaiseCrisisAlert } from '../domain/crisis-detector.js';
import { enqueueInTransaction, type OutboxEntry } from '../outbox/outbox.js';
import { crisisQueue } from './crisis-queue.js';
import { NOTIFICATIONS_QUEUE, notificationJobId } from './notifications-queue.js';

export function createCrisisProcessor(ctx: ComplaintContext) {
  return async function detectCrisis(job: Job): Promise<{ alertId: string | null; count: number }> {
    const { complaintId } = crisisQueue.parse(job.data);
    const c = await ctx.db.complaint.findUnique({ where: { id: complaintId }, select: { category: true, createdAt: true } });
    if (!c) throw new UnrecoverableError('complaint not found');
    const { threshold, windowMinutes } = ctx.settings.crisis;
    // The window ends when this complaint arrived, so a job run late still counts what it should.
    const at = c.createdAt;
    const windowStart = new Date(at.getTime() - windowMinutes * 60_000);

    const result = await ctx.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`teller:crisis:${c.category}`}))) AS l`;
      const inWindowWhere = { category: c.category, createdAt: { gt: windowStart, lte: at } };
      const count = await tx.complaint.count({ where: inWindowWhere });
      if (count < threshold) return { alertId: null, count, jobs: [] as OutboxEntry[] };
      const last = await tx.crisisAlert.findFirst({ where: { category: c.category }, orderBy: { windowEnd: 'desc' }, select: { windowEnd: true } });
      if (!shouldRaiseCrisisAlert({ countInWindow: count, lastAlertAt: last?.windowEnd ?? null, now: at }, ctx.settings.crisis)) {
        return { alertId: null, count, jobs: [] as OutboxEntry[] };
      }
      const inWindow = await tx.complaint.findMany({ where: inWindowWhere, select: { reference: true }, orderBy: { createdAt: 'asc' }, take: 1000 });
      const alert = await tx.crisisAlert.create({
        data: { category: c.category, complaintCount: inWindow.length, windowStart, windowEnd: at, complaintRefs: inWindow.map((r) => r.reference) },
      });
      await tx.auditLog.create(
        ctx.audit.entry({ actor: 'system', action: 'complaint.crisis_alert', subjectType: 'crisis_alert', subjectId: alert.id, detail: { category: c.category, count: inWindow.length, threshold } }),
      );
      const jobs: OutboxEntry[] = [{ queue: NOTIFICATIONS_QUEUE, jobId: notificationJobId('crisis', alert.id), data: { kind: 'staff.crisis_alert', crisisAlertId: alert.id } }];
      await enqueueInTransaction(tx, jobs);
      return { alertId: alert.id, count: inWindow.length, jobs };
    });
    if (result.jobs.length) await ctx.relay.relay(result.jobs);
    return { alertId: result.alertId, count: result.count };
  };
}
