// Use case: the conversation asks for a person (customer request, urgent route, severe complaint,
// repeated fallbacks, negative sentiment). One open handoff per conversation, whichever instance
// asks: a transaction-scoped advisory lock on the conversation serialises concurrent requests.
import type { ConversationView, HandoffReason } from '../conversation/turn-types.js';
import { toDbLocale } from '../conversation/locale.js';
import type { HandoffPort, HandoffTicket } from '../conversation/handle-customer-message.js';
import type { HandoffCore } from './deps.js';
import type { HandoffQueue } from './handoff-queue.js';
import { basePriority, type ComplaintSeverity } from './priority.js';
import { isWithinServiceHours } from './service-hours.js';
import { refreshLlmSummary } from './context.js';
import { DISPOSITION } from './abandonment.js';

export interface RequestHandoffInput {
  conversation: ConversationView;
  reason: HandoffReason;
  urgent: boolean;
  complaintId?: string;
}

const lockKey = (scope: string, id: string) => `handoff:${scope}:${id}`;

export function createRequestHandoff(core: HandoffCore, queue: HandoffQueue) {
  const { db, audit, live, log } = core;

  /** The complaint to rank and show with: the one named, else the conversation's latest still open. */
  async function linkedComplaint(conversationId: string, complaintId?: string) {
    const select = { id: true, severity: true } as const;
    if (complaintId) return db.complaint.findUnique({ where: { id: complaintId }, select });
    return db.complaint.findFirst({ where: { conversationId, status: { notIn: ['closed', 'rejected', 'resolved'] } }, orderBy: { createdAt: 'desc' }, select });
  }

  async function ticketFor(row: { id: string; status: string; locale: 'zh_CN' | 'en' }): Promise<HandoffTicket> {
    if (row.status !== 'waiting') return { id: row.id, status: row.status };
    const { position, estimate } = await queue.standing(row.id, row.locale === 'zh_CN' ? 'zh-CN' : 'en');
    return { id: row.id, status: row.status, ...(position !== undefined ? { queuePosition: position, estimatedWaitMinutes: estimate?.minutes } : {}) };
  }

  async function request(input: RequestHandoffInput): Promise<HandoffTicket> {
    const { conversation, reason } = input;
    const now = core.now();
    const complaint = await linkedComplaint(conversation.id, input.complaintId);
    const urgent = input.urgent || reason === 'urgent';
    const priority = basePriority({
      reason,
      urgent,
      segment: conversation.customer?.segment,
      vulnerable: conversation.customer?.vulnerable,
      complaintSeverity: (complaint?.severity as ComplaintSeverity | undefined) ?? null,
    });
    const customerActor = `customer:${conversation.id}`;

    if (!isWithinServiceHours(core.serviceHours, now, core.config.TIMEZONE)) {
      // No empty wait: the bot offers a callback or a ticket. The unmet request is still recorded
      // (status abandoned) so demand outside hours shows in the figures.
      const row = await db.$transaction(async (tx) => {
        const created = await tx.handoff.create({
          data: { conversationId: conversation.id, complaintId: complaint?.id ?? null, status: 'abandoned', reason, priority, locale: toDbLocale(conversation.locale), requestedAt: now, closedAt: now, disposition: DISPOSITION.outsideServiceHours },
          select: { id: true },
        });
        await tx.auditLog.create(audit.entry({ actor: customerActor, action: 'handoff.outside_hours', subjectType: 'handoff', subjectId: created.id, detail: { conversationId: conversation.id, reason, serviceHours: core.serviceHours.text } }));
        return created;
      });
      return { id: row.id, status: 'outside_service_hours', outsideServiceHours: true, serviceHours: core.serviceHours.text };
    }

    const outcome = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey('conv', conversation.id)}, 0))`;
      const open = await tx.handoff.findFirst({ where: { conversationId: conversation.id, status: { in: ['waiting', 'active'] } }, select: { id: true, status: true, locale: true, priority: true, complaintId: true } });
      if (open) {
        // Asked again (or escalated, e.g. a complaint turned out severe): keep the place in the
        // queue, but never lower it, and link the complaint if it is new.
        const raise = open.status === 'waiting' && priority > open.priority;
        const link = !open.complaintId && complaint;
        if (raise || link) {
          await tx.handoff.update({ where: { id: open.id }, data: { ...(raise ? { priority } : {}), ...(link ? { complaintId: complaint.id } : {}) } });
          await tx.auditLog.create(audit.entry({ actor: customerActor, action: 'handoff.escalate', subjectType: 'handoff', subjectId: open.id, detail: { reason, from: open.priority, to: raise ? priority : open.priority, complaintId: complaint?.id ?? null } }));
        }
        return { row: open, created: false, changed: Boolean(raise) };
      }
      const row = await tx.handoff.create({
        data: { conversationId: conversation.id, complaintId: complaint?.id ?? null, status: 'waiting', reason, priority, locale: toDbLocale(conversation.locale), requestedAt: now },
        select: { id: true, status: true, locale: true, priority: true, complaintId: true },
      });
      // A conversation with a person on it is never put back to waiting.
      await tx.conversation.updateMany({ where: { id: conversation.id, state: { not: 'human' } }, data: { state: 'waiting', ...(urgent ? { urgent: true } : {}) } });
      await tx.auditLog.create(audit.entry({ actor: customerActor, action: 'handoff.request', subjectType: 'handoff', subjectId: row.id, detail: { conversationId: conversation.id, reason, urgent, priority, complaintId: complaint?.id ?? null } }));
      return { row, created: true, changed: true };
    });

    const ticket = await ticketFor(outcome.row);
    if (outcome.changed) {
      // After commit: agents' queues refresh, the customer's page shows "waiting".
      await core.live.publishAgentFeed({ type: 'handoff.requested', handoffId: outcome.row.id, conversationId: conversation.id }).catch((err) => log.warn({ err }, 'agent feed publish failed'));
    }
    if (outcome.created) {
      await live.publish(conversation.id, { type: 'state', state: 'waiting', ...(ticket.queuePosition !== undefined ? { queuePosition: ticket.queuePosition } : {}) }).catch(() => {});
      if (core.llm.enabled) {
        void refreshLlmSummary({ db, llm: core.llm, loader: core.contexts, log }, outcome.row.id).catch((err) => log.warn({ err }, 'LLM handoff summary failed'));
      }
    }
    return ticket;
  }

  const port: Omit<HandoffPort, 'customerLeft'> = {
    request,
    async waitingPosition(conversationId) {
      const row = await db.handoff.findFirst({ where: { conversationId, status: 'waiting' }, select: { id: true, status: true, locale: true } });
      return row ? ticketFor(row) : null;
    },
    async notifyCustomerMessage(conversationId, messageId) {
      await live.publishAgentFeed({ type: 'customer.message', conversationId, messageId }).catch((err) => log.warn({ err }, 'agent feed publish failed'));
    },
  };
  return { request, port, lockKey };
}
