// Triage a new complaint: settle its category, grade it again with everything known now (never
// lower than at filing), assign a case handler with capacity, and acknowledge it as the system.
// Idempotent: a complaint already triaged is left alone, so a retried or duplicated job is harmless.
import { UnrecoverableError, type Job } from 'bullmq';
import type { ComplaintContext } from '../context.js';
import { classifyComplaintCategory } from '../domain/extract-details.js';
import { compareSeverity, gradeSeverity, requiresHandoff, type Severity } from '../domain/severity.js';
import { planTransition } from '../domain/workflow.js';
import { enqueueInTransaction, type OutboxEntry } from '../outbox/outbox.js';
import { severityText } from '../filing/file-complaint.js';
import { isCategory } from '../texts.js';
import { pickAssignee } from '../workflow/staff.js';
import { NOTIFICATIONS_QUEUE, notificationJobId } from './notifications-queue.js';
import { triageQueue } from './triage-queue.js';

const DAY_MS = 86_400_000;

export function createTriageProcessor(ctx: ComplaintContext) {
  return async function triage(job: Job): Promise<{ triaged: boolean; severity?: Severity; assignedTo?: string | null }> {
    const { complaintId, reference } = triageQueue.parse(job.data);
    await ctx.hooks.beforeTriage?.(job);
    const now = ctx.clock();
    const c = await ctx.db.complaint.findUnique({ where: { id: complaintId }, include: { customer: { select: { segment: true, vulnerable: true } } } });
    if (!c) throw new UnrecoverableError(`complaint ${reference} does not exist`);
    if (c.triagedAt) return { triaged: false };

    const filedCategory = isCategory(c.category) ? c.category : 'other';
    const category = filedCategory === 'other' ? classifyComplaintCategory(c.description).category : filedCategory;

    // Filing graded it with everything known then (customer, repeats, later statements); only a
    // category settled here is new information, and a regrade never lowers what filing decided.
    let severity: Severity = c.severity;
    let reasons = c.severityReasons;
    if (category !== filedCategory) {
      const prior = c.customerId
        ? await ctx.db.complaint.count({ where: { customerId: c.customerId, id: { not: c.id }, createdAt: { gte: new Date(c.createdAt.getTime() - 90 * DAY_MS), lte: c.createdAt } } })
        : 0;
      const graded = gradeSeverity({
        text: severityText({ description: c.description, desiredOutcome: c.desiredOutcome ?? undefined, severityHints: [] }),
        ...(c.amount ? { amount: { value: Number(c.amount), currency: c.currency ?? 'CNY' } } : {}),
        category,
        segment: c.customer?.segment,
        vulnerable: c.customer?.vulnerable,
        priorComplaintsIn90Days: prior,
      });
      if (compareSeverity(graded.severity, severity) > 0) severity = graded.severity;
      reasons = [...new Set([...reasons, ...graded.reasons])];
    }
    const assignee = await pickAssignee(ctx.db, { category, severity, locale: c.locale });

    const jobs: OutboxEntry[] = [];
    if (assignee) jobs.push({ queue: NOTIFICATIONS_QUEUE, jobId: notificationJobId(reference, 'assigned'), data: { kind: 'staff.assigned', complaintId } });
    if (requiresHandoff(severity)) jobs.push({ queue: NOTIFICATIONS_QUEUE, jobId: notificationJobId(reference, 'escalated'), data: { kind: 'staff.escalated', complaintId } });

    const ack = planTransition({ from: c.status, to: 'acknowledged', role: 'system' });
    const triaged = await ctx.db.$transaction(async (tx) => {
      const claimed = await tx.complaint.updateMany({
        where: { id: complaintId, triagedAt: null },
        data: { category, severity, severityReasons: reasons, assignedAgentId: c.assignedAgentId ?? assignee?.id ?? null, triagedAt: now },
      });
      if (claimed.count === 0) return false;
      // Acknowledge only if nobody moved it on meanwhile (an agent may have acknowledged it by hand).
      if (ack.ok) {
        const moved = await tx.complaint.updateMany({ where: { id: complaintId, status: 'received' }, data: { status: 'acknowledged', acknowledgedAt: now } });
        if (moved.count === 1) {
          const note = `triaged: ${category}, ${severity}${assignee ? `, assigned to ${assignee.name}` : ', awaiting assignment'}`;
          await tx.complaintEvent.create({ data: { complaintId, fromStatus: 'received', toStatus: 'acknowledged', actor: 'system', actorRole: 'system', note, at: now } });
        }
      }
      await tx.auditLog.create(
        ctx.audit.entry({ actor: 'system', action: 'complaint.triaged', subjectType: 'complaint', subjectId: reference, detail: { category, severity, reasons, assignedAgentId: assignee?.id ?? null } }),
      );
      await enqueueInTransaction(tx, jobs);
      return true;
    });
    if (triaged) await ctx.relay.relay(jobs);
    return { triaged, severity, assignedTo: assignee?.id ?? null };
  };
}
