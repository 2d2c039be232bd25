// A service clock's job runs when the clock falls due. It evaluates the clock on the complaint's
// history at `now` (the injectable clock): met in time → nothing to do; missed → record one
// ServiceClockBreach (unique per complaint and clock) and escalate to supervisors; not yet due (the
// job woke early, or the clock restarted) → back to the delayed set until it is.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { ComplaintContext } from '../context.js';
import { findMissedClocks, type ClockState, type ServiceClockName } from '../domain/service-clocks.js';
import { isComplaintStatus } from '../domain/workflow.js';
import { enqueueInTransaction } from '../outbox/outbox.js';
import { NOTIFICATIONS_QUEUE, notificationJobId } from './notifications-queue.js';
import { slaQueue } from './sla-queue.js';

export interface ClockCheck {
  clock: ServiceClockName;
  state: ClockState | 'not_applicable';
  dueAt?: Date;
  breachRecorded: boolean;
}

/** Evaluates one clock of one complaint at `now`, recording and escalating a miss. */
export async function checkServiceClock(ctx: ComplaintContext, input: { complaintId: string; clock: ServiceClockName; now: Date }): Promise<ClockCheck> {
  const { complaintId, clock, now } = input;
  const c = await ctx.db.complaint.findUnique({ where: { id: complaintId }, include: { events: { select: { toStatus: true, at: true } } } });
  if (!c) throw new UnrecoverableError('complaint not found');
  const firstAgentReply = c.conversationId
    ? await ctx.db.message.findFirst({ where: { conversationId: c.conversationId, author: 'agent', createdAt: { gte: c.createdAt } }, orderBy: { seq: 'asc' }, select: { createdAt: true } })
    : null;
  const escalation = await ctx.db.notification.findFirst({ where: { complaintId, kind: 'staff.escalated' }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
  const report = findMissedClocks(
    {
      createdAt: c.createdAt,
      severity: c.severity,
      history: c.events.flatMap((e) => (isComplaintStatus(e.toStatus) ? [{ status: e.toStatus, at: e.at }] : [])),
      firstAgentResponseAt: firstAgentReply?.createdAt ?? null,
      escalatedAt: escalation?.createdAt ?? null,
    },
    now,
    ctx.settings.clocks,
    ctx.settings.calendar,
  );
  const ev = report.clocks.find((k) => k.clock === clock);
  if (!ev) return { clock, state: 'not_applicable', breachRecorded: false };
  if (ev.state !== 'breached' && ev.state !== 'met_late') return { clock, state: ev.state, dueAt: ev.dueAt, breachRecorded: false };

  const notify = { queue: NOTIFICATIONS_QUEUE, jobId: notificationJobId(c.reference, 'breach', clock), data: { kind: 'staff.clock_breached', complaintId, clock } };
  const recorded = await ctx.db.$transaction(async (tx) => {
    const created = await tx.serviceClockBreach.createMany({ data: [{ complaintId, clock, dueAt: ev.dueAt, detectedAt: now, escalatedTo: 'supervisors' }], skipDuplicates: true });
    if (created.count === 1) {
      await tx.auditLog.create(
        ctx.audit.entry({ actor: 'system', action: 'complaint.clock_breached', subjectType: 'complaint', subjectId: c.reference, detail: { clock, dueAt: ev.dueAt.toISOString(), state: ev.state } }),
      );
    }
    // Written even when the breach already existed: a crash between the two must not lose the escalation.
    await enqueueInTransaction(tx, [notify]);
    return created.count === 1;
  });
  await ctx.relay.relay([notify]);
  return { clock, state: ev.state, dueAt: ev.dueAt, breachRecorded: recorded };
}

export function createSlaProcessor(ctx: ComplaintContext) {
  return async function sla(job: Job, token?: string): Promise<ClockCheck> {
    const { complaintId, clock } = slaQueue.parse(job.data);
    const now = ctx.clock();
    const result = await checkServiceClock(ctx, { complaintId, clock, now });
    if (result.state === 'running' && result.dueAt && token) {
      // Not due yet by the clock we read: sleep until it is (relative, so an injected clock works too).
      await job.moveToDelayed(Date.now() + Math.max(1000, result.dueAt.getTime() - now.getTime()), token);
      throw new DelayedError();
    }
    return result;
  };
}
