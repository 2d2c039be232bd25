// Use case: move a complaint along its workflow. The state change, its event (who, when, note) and
// its audit row commit together, guarded by the status read (a concurrent change gives 409); the
// notices it causes go through the outbox and are relayed after commit.
import { AppError } from '../../http/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ComplaintContext } from '../context.js';
import { addWorkingDays } from '../domain/working-calendar.js';
import { planTransition, type ComplaintStatus, type TransitionName, type WorkflowRole } from '../domain/workflow.js';
import { clockJobs } from '../filing/file-complaint.js';
import { enqueueInTransaction, type OutboxEntry } from '../outbox/outbox.js';
import { NOTIFICATIONS_QUEUE, notificationJobId, type NoticeKind } from '../queues/notifications-queue.js';

export interface TransitionRequest {
  reference: string;
  to: string;
  note?: string;
  /** The proposed resolution (resolution_proposed), or its final wording (resolved). */
  resolution?: string;
  /** Root cause, for analytics by cause. */
  cause?: string;
  actor: { id: string; role: WorkflowRole };
}

/** Notices caused by each transition; customer notices go to the conversation's channel. */
const NOTICES: Partial<Record<TransitionName, NoticeKind[]>> = {
  propose_resolution: ['staff.approval_needed'],
  approve_resolution: ['staff.resolution_decided'],
  reject_resolution: ['staff.resolution_decided'],
  carry_out_resolution: ['customer.resolved'],
  start_follow_up: ['customer.follow_up'],
  reopen: ['customer.reopened', 'staff.assigned'],
};

export interface TransitionResult {
  reference: string;
  from: ComplaintStatus;
  to: ComplaintStatus;
  transition: TransitionName;
  at: Date;
}

export async function transitionComplaint(ctx: ComplaintContext, req: TransitionRequest): Promise<TransitionResult> {
  const c = await ctx.db.complaint.findUnique({ where: { reference: req.reference }, select: { id: true, reference: true, status: true, resolution: true, resolutionDueAt: true } });
  if (!c) throw new AppError('not_found', `complaint ${req.reference} not found`);
  const plan = planTransition({ from: c.status, to: req.to, role: req.actor.role });
  if (!plan.ok) {
    if (plan.reason === 'forbidden_role') throw new AppError('forbidden', `the ${req.actor.role} role may not move a complaint from ${plan.from} to ${plan.to}`, { allowedRoles: plan.allowedRoles });
    throw new AppError('conflict', `a complaint in status ${plan.from} cannot move to ${plan.to}`);
  }
  const now = ctx.clock();
  const actor = req.actor.role === 'system' ? 'system' : `agent:${req.actor.id}`;
  const resolution = req.resolution ?? (plan.transition === 'propose_resolution' && !c.resolution ? req.note : undefined);

  const data: Prisma.ComplaintUpdateManyMutationInput = { status: plan.to };
  if (resolution) data.resolution = resolution;
  if (req.cause) data.cause = req.cause;
  if (plan.to === 'acknowledged') data.acknowledgedAt = now;
  if (plan.transition === 'propose_resolution') data.investigationReportedAt = now;
  if (plan.to === 'resolved') data.resolvedAt = now;
  if (plan.to === 'closed') data.closedAt = now;
  // A reopened complaint owes a new resolution within the same number of working days.
  const reopenDue = plan.transition === 'reopen' ? addWorkingDays(now, ctx.settings.clocks.resolutionWorkingDays, ctx.settings.calendar) : null;
  if (reopenDue) data.resolutionDueAt = reopenDue;

  const jobs: OutboxEntry[] = [];
  await ctx.db.$transaction(async (tx) => {
    const moved = await tx.complaint.updateMany({ where: { id: c.id, status: c.status }, data });
    if (moved.count === 0) throw new AppError('conflict', `complaint ${c.reference} changed meanwhile; reload it and try again`);
    const event = await tx.complaintEvent.create({
      data: { complaintId: c.id, fromStatus: plan.from, toStatus: plan.to, actor, actorRole: req.actor.role, note: req.note ?? null, at: now },
      select: { id: true },
    });
    await tx.auditLog.create(
      ctx.audit.entry({ actor, action: `complaint.${plan.transition}`, subjectType: 'complaint', subjectId: c.reference, detail: { from: plan.from, to: plan.to, note: req.note ?? null, ...(req.cause ? { cause: req.cause } : {}) } }),
    );
    for (const kind of NOTICES[plan.transition] ?? []) {
      jobs.push({ queue: NOTIFICATIONS_QUEUE, jobId: notificationJobId(c.reference, event.id.toString(), kind.replace('.', '_')), data: { kind, complaintId: c.id, eventId: event.id.toString() } });
    }
    if (reopenDue) {
      const round = await tx.complaintEvent.count({ where: { complaintId: c.id, toStatus: 'reopened' } });
      jobs.push(...clockJobs(c.id, c.reference, { final_resolution: reopenDue }, round));
    }
    await enqueueInTransaction(tx, jobs);
  });
  await ctx.relay.relay(jobs);
  return { reference: c.reference, from: plan.from, to: plan.to, transition: plan.transition, at: now };
}
