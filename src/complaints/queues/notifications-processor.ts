// Sends complaint notices, each exactly once per recipient:
// - to the customer: the notice is written into the conversation's transcript (the record, and what
//   the web chat's live stream shows) together with the claim of its Notification row, in one
//   transaction; it is then pushed on the live stream and through the conversation's channel
//   (Bot Framework...), and the row marked sent. A job retried after a crash finds the row already
//   stored and only re-delivers the same message; it never writes a second one.
// - to staff: a Notification row per agent in the console inbox (storing it is the delivery).
// The row's idempotencyKey is `<job id>:<recipient>`, and the job id is derived from the domain.
import { csatQuestion } from '../../analytics/satisfaction-prompts.js';
import { readDialogState } from '../../conversation/dialog-state.js';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Prisma } from '../../generated/prisma/client.js';
import { toStoredMessage, type StoredMessage } from '../../conversation/store.js';
import { fromDbLocale, type Locale } from '../../conversation/locale.js';
import type { ComplaintContext } from '../context.js';
import { categoryLabel, customerNotice } from '../texts.js';
import { staffByIds, supervisors, type StaffMember } from '../workflow/staff.js';
import { notificationsQueue, type NoticeKind, type NotificationPayload } from './notifications-queue.js';

const messageSelect = { id: true, seq: true, author: true, text: true, createdAt: true, metadata: true } as const;

export function staffNoticeText(kind: NoticeKind, v: { reference?: string; clock?: string; category?: string; count?: number; status?: string }, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const cat = v.category ? categoryLabel(v.category, locale) : '';
  switch (kind) {
    case 'staff.assigned':
      return zh ? `投诉 ${v.reference} 已分配给您处理。` : `Complaint ${v.reference} has been assigned to you.`;
    case 'staff.escalated':
      return zh ? `高优先级投诉 ${v.reference} 需要主管关注。` : `High-priority complaint ${v.reference} needs a supervisor's attention.`;
    case 'staff.approval_needed':
      return zh ? `投诉 ${v.reference} 的处理方案等待您审批。` : `The resolution proposed for complaint ${v.reference} is waiting for your approval.`;
    case 'staff.resolution_decided':
      return zh ? `投诉 ${v.reference} 的处理方案已被${v.status === 'approved' ? '批准' : '退回'}。` : `The resolution for complaint ${v.reference} was ${v.status === 'approved' ? 'approved' : 'sent back for more investigation'}.`;
    case 'staff.clock_breached':
      return zh ? `投诉 ${v.reference} 超过了服务时限（${v.clock}），请尽快处理。` : `Complaint ${v.reference} missed its ${v.clock} deadline and needs action now.`;
    case 'staff.crisis_alert':
      return zh ? `群体性投诉预警：${cat}类投诉在时间窗口内已达 ${v.count} 件。` : `Crisis alert: ${v.count} complaints about ${cat.toLowerCase()} within the window.`;
    default:
      return kind;
  }
}

export function createNotificationsProcessor(ctx: ComplaintContext) {
  async function customer(job: Job, p: NotificationPayload): Promise<{ sent: number }> {
    const c = await ctx.db.complaint.findUnique({ where: { id: p.complaintId! }, include: { conversation: { select: { id: true, channel: true } } } });
    if (!c) throw new UnrecoverableError('complaint not found');
    if (!c.conversation) return { sent: 0 };
    const recipient = `conversation:${c.conversation.id}`;
    const key = `${job.id}:${recipient}`;
    const locale = fromDbLocale(c.locale);
    const kind = p.kind.replace('customer.', '') as 'resolved' | 'follow_up' | 'reopened';
    const base = customerNotice(kind, { reference: c.reference, resolution: c.resolution, locale });
    // The follow-up is where the bank asks how the complaint was handled (CSAT); the pipeline reads the answer.
    const survey = kind === 'follow_up' ? csatQuestion(locale, { trigger: 'complaint_closed', complaintId: c.id, reference: c.reference }) : null;
    const notice = survey ? { text: `${base.text}\n${survey.text}`, suggestedActions: survey.metadata.suggestedActions } : base;

    // 1. The row first: its unique key is what makes every later step happen once.
    await ctx.db.notification.createMany({
      data: [{ idempotencyKey: key, kind: p.kind, recipient, channel: c.conversation.channel, complaintId: c.id, conversationId: c.conversation.id, text: notice.text }],
      skipDuplicates: true,
    });
    const row = await ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: key } });
    if (row.status === 'sent') return { sent: 0 };

    // 2. Claim and write the message in one transaction: only one attempt ever stores it.
    if (row.status === 'pending') {
      const now = ctx.clock();
      await ctx.db.$transaction(async (tx) => {
        const claimed = await tx.notification.updateMany({ where: { id: row.id, status: 'pending' }, data: { status: 'stored' } });
        if (claimed.count === 0) return;
        await tx.message.create({
          data: {
            conversationId: c.conversation!.id,
            author: 'bot',
            text: notice.text,
            route: 'complaint',
            intent: `complaint.notice.${kind}`,
            metadata: { notificationId: row.id, complaint: c.reference, ...(notice.suggestedActions ? { suggestedActions: notice.suggestedActions } : {}) } as Prisma.InputJsonValue,
          },
        });
        const conv = await tx.conversation.findUniqueOrThrow({ where: { id: c.conversation!.id }, select: { dialog: true } });
        const dialog = survey ? { ...readDialogState(conv.dialog), survey: { kind: 'csat', trigger: 'complaint_closed', complaintId: c.id, thenNps: false } } : undefined;
        await tx.conversation.update({ where: { id: c.conversation!.id }, data: { messageCount: { increment: 1 }, lastMessageAt: now, ...(dialog ? { dialog: dialog as object } : {}) } });
      });
    }
    await ctx.hooks.afterNoticeStored?.(job, row.id);

    // 3. Deliver the stored message (again, if an earlier attempt died before marking it sent).
    const stored = await ctx.db.message.findFirst({ where: { conversationId: c.conversation.id, metadata: { path: ['notificationId'], equals: row.id } }, select: messageSelect });
    if (stored) {
      const message: StoredMessage = toStoredMessage(stored);
      await ctx.live.publish(c.conversation.id, { type: 'message', message }).catch(() => {});
      await ctx.outbound?.deliver({ conversationId: c.conversation.id, channel: c.conversation.channel }, message);
    }
    await ctx.db.notification.update({ where: { id: row.id }, data: { status: 'sent', sentAt: ctx.clock() } });
    return { sent: 1 };
  }

  async function staff(job: Job, p: NotificationPayload): Promise<{ sent: number }> {
    let recipients: StaffMember[] = [];
    let vars: Parameters<typeof staffNoticeText>[1] = {};
    let complaintId: string | null = null;
    if (p.kind === 'staff.crisis_alert') {
      const alert = await ctx.db.crisisAlert.findUnique({ where: { id: p.crisisAlertId ?? '' } });
      if (!alert) throw new UnrecoverableError('crisis alert not found');
      recipients = await supervisors(ctx.db);
      vars = { category: alert.category, count: alert.complaintCount };
    } else {
      const c = await ctx.db.complaint.findUnique({ where: { id: p.complaintId ?? '' }, select: { id: true, reference: true, status: true, assignedAgentId: true } });
      if (!c) throw new UnrecoverableError('complaint not found');
      complaintId = c.id;
      vars = { reference: c.reference, clock: p.clock, status: c.status };
      const assigned = c.assignedAgentId ? await staffByIds(ctx.db, [c.assignedAgentId]) : [];
      if (p.kind === 'staff.assigned' || p.kind === 'staff.resolution_decided') recipients = assigned;
      else if (p.kind === 'staff.clock_breached') recipients = uniqueById([...(await supervisors(ctx.db)), ...assigned]);
      else recipients = await supervisors(ctx.db);
      if (p.kind === 'staff.resolution_decided' && p.eventId) {
        const ev = await ctx.db.complaintEvent.findUnique({ where: { id: BigInt(p.eventId) }, select: { toStatus: true } });
        vars.status = ev?.toStatus;
      }
    }
    if (!recipients.length) return { sent: 0 };
    const now = ctx.clock();
    const created = await ctx.db.notification.createMany({
      data: recipients.map((r) => ({
        idempotencyKey: `${job.id}:agent:${r.id}`,
        kind: p.kind,
        recipient: `agent:${r.id}`,
        channel: 'console',
        complaintId,
        text: staffNoticeText(p.kind, vars, r.languages[0] === 'en' ? 'en' : 'zh-CN'),
        status: 'sent',
        sentAt: now,
      })),
      skipDuplicates: true,
    });
    return { sent: created.count };
  }

  return async function notify(job: Job): Promise<{ sent: number }> {
    const p = notificationsQueue.parse(job.data);
    return p.kind.startsWith('customer.') ? customer(job, p) : staff(job, p);
  };
}

function uniqueById(list: StaffMember[]): StaffMember[] {
  return [...new Map(list.map((s) => [s.id, s])).values()];
}
