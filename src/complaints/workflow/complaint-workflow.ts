// The workflow service behind the agent API: list and read complaints (reads are audited), move them
// along, the console's notice inbox, the customer-facing status reply, and the dead-letter list of
// failed jobs that operators can retry.
import type { Queue } from 'bullmq';
import type { Locale } from '../../conversation/locale.js';
import type { ConversationView, ReplyDraft } from '../../conversation/turn-types.js';
import { AppError } from '../../http/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ComplaintContext } from '../context.js';
import { normalizeComplaintReference } from '../domain/reference.js';
import { isComplaintStatus, type WorkflowRole } from '../domain/workflow.js';
import { statusSentence, unknownReference } from '../texts.js';
import { toDetail, toSummary, type ComplaintDetail, type ComplaintSummary } from './complaint-view.js';
import { transitionComplaint, type TransitionRequest, type TransitionResult } from './transition-complaint.js';

export interface Viewer {
  id: string;
  role: WorkflowRole;
  ip?: string;
}

export interface ListFilter {
  status?: string;
  severity?: string;
  category?: string;
  assignedTo?: string;
  limit?: number;
  /** Reference of the last item of the previous page (newest first). */
  before?: string;
}

export interface DeadLetter {
  queue: string;
  jobId: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
  data: unknown;
}

const summarySelect = {
  reference: true,
  status: true,
  severity: true,
  category: true,
  createdAt: true,
  resolutionDueAt: true,
  triagedAt: true,
  channel: true,
  locale: true,
  assignedAgent: { select: { id: true, name: true } },
} as const;

export function createComplaintWorkflow(ctx: ComplaintContext, queues: () => Queue[]) {
  const actorOf = (v: Viewer) => (v.role === 'system' ? 'system' : `agent:${v.id}`);

  return {
    async list(filter: ListFilter, viewer: Viewer): Promise<ComplaintSummary[]> {
      const where: Prisma.ComplaintWhereInput = {
        ...(filter.status ? { status: filter.status as never } : {}),
        ...(filter.severity ? { severity: filter.severity as never } : {}),
        ...(filter.category ? { category: filter.category } : {}),
        ...(filter.assignedTo ? { assignedAgentId: filter.assignedTo } : {}),
      };
      if (filter.before) {
        const cursor = await ctx.db.complaint.findUnique({ where: { reference: filter.before }, select: { createdAt: true } });
        if (cursor) where.createdAt = { lt: cursor.createdAt };
      }
      const rows = await ctx.db.complaint.findMany({ where, orderBy: { createdAt: 'desc' }, take: Math.min(Math.max(filter.limit ?? 50, 1), 200), select: summarySelect });
      await ctx.audit.record({ actor: actorOf(viewer), action: 'complaint.list', subjectType: 'complaint', subjectId: '*', detail: { filter: { ...filter }, count: rows.length }, ip: viewer.ip });
      return rows.map(toSummary);
    },

    async get(reference: string, viewer: Viewer): Promise<ComplaintDetail> {
      const row = await ctx.db.complaint.findUnique({
        where: { reference },
        select: {
          ...summarySelect,
          severityReasons: true,
          ackDueAt: true,
          investigationDueAt: true,
          description: true,
          amount: true,
          currency: true,
          occurredText: true,
          occurredOn: true,
          desiredOutcome: true,
          contactPreference: true,
          resolution: true,
          cause: true,
          conversationId: true,
          events: { orderBy: { id: 'asc' }, select: { fromStatus: true, toStatus: true, actor: true, actorRole: true, note: true, at: true } },
          breaches: { orderBy: { detectedAt: 'asc' }, select: { clock: true, dueAt: true, detectedAt: true } },
        },
      });
      if (!row) throw new AppError('not_found', `complaint ${reference} not found`);
      await ctx.audit.record({ actor: actorOf(viewer), action: 'complaint.read', subjectType: 'complaint', subjectId: reference, ip: viewer.ip });
      const agentIds = [...new Set(row.events.filter((e) => e.actor.startsWith('agent:')).map((e) => e.actor.slice(6)))];
      const agents = agentIds.length ? await ctx.db.agent.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true } }) : [];
      return toDetail(row, viewer, new Map(agents.map((a) => [a.id, a.name])));
    },

    transition(req: TransitionRequest): Promise<TransitionResult> {
      return transitionComplaint(ctx, req);
    },

    /** The console inbox: notices for one agent, newest first. */
    async notices(agentId: string, limit = 50) {
      const rows = await ctx.db.notification.findMany({ where: { recipient: `agent:${agentId}` }, orderBy: { createdAt: 'desc' }, take: Math.min(limit, 200) });
      const refs = await ctx.db.complaint.findMany({ where: { id: { in: rows.flatMap((r) => (r.complaintId ? [r.complaintId] : [])) } }, select: { id: true, reference: true } });
      const refOf = new Map(refs.map((r) => [r.id, r.reference]));
      return rows.map((r) => ({ id: r.id, kind: r.kind, text: r.text, complaint: r.complaintId ? (refOf.get(r.complaintId) ?? null) : null, createdAt: r.createdAt.toISOString() }));
    },

    /** The bot's answer to "what is the status of CMP-…?". With a conversation, only its customer's complaints are found. */
    async statusReply(reference: string, locale: Locale, conversation?: ConversationView): Promise<ReplyDraft> {
      const ref = normalizeComplaintReference(reference) ?? reference;
      const c = await ctx.db.complaint.findUnique({ where: { reference: ref }, select: { status: true, ackDueAt: true, resolutionDueAt: true, customerId: true, conversationId: true } });
      const own = !conversation || !c || c.conversationId === conversation.id || (!!c.customerId && c.customerId === conversation.customer?.id);
      if (!c || !own || !isComplaintStatus(c.status)) return { text: unknownReference(ref, locale) };
      return { text: statusSentence({ reference: ref, status: c.status, ackDueAt: c.ackDueAt, resolutionDueAt: c.resolutionDueAt, locale, timeZone: ctx.settings.timeZone }) };
    },

    /** Jobs that failed after all their retries, across the complaint queues, newest first. */
    async deadLetters(limit = 100): Promise<DeadLetter[]> {
      const all = await Promise.all(
        queues().map(async (q) => {
          const jobs = await q.getFailed(0, limit - 1);
          return jobs.map((j) => ({
            queue: q.name,
            jobId: String(j.id),
            name: j.name,
            failedReason: j.failedReason ?? '',
            attemptsMade: j.attemptsMade,
            failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
            data: j.data,
          }));
        }),
      );
      return all.flat().sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? '')).slice(0, limit);
    },

    async retryDeadLetter(queueName: string, jobId: string, viewer: Viewer): Promise<{ queue: string; jobId: string; state: string }> {
      const queue = queues().find((q) => q.name === queueName);
      if (!queue) throw new AppError('not_found', `queue ${queueName} not found`);
      const job = await queue.getJob(jobId);
      if (!job) throw new AppError('not_found', `job ${jobId} not found in ${queueName}`);
      const state = await job.getState();
      if (state !== 'failed') throw new AppError('conflict', `job ${jobId} is ${state}, not failed`);
      await job.retry('failed');
      await ctx.audit.record({ actor: actorOf(viewer), action: 'complaint.job_retried', subjectType: 'job', subjectId: `${queueName}/${jobId}`, ip: viewer.ip });
      return { queue: queueName, jobId, state: await job.getState() };
    },
  };
}

export type ComplaintWorkflow = ReturnType<typeof createComplaintWorkflow>;
