// Use case: a supervisor (or an agent who handled it) reads a conversation's whole record, read-only:
// the transcript with how each customer message was routed, its handoffs, complaints and ratings.
// It needs no handoff, so it serves every row of the dashboard's drill-down, bot-only ones included.
// Texts are as stored (personal data masked, as in the transcript); rating comments, stored as the
// customer typed them, are masked here. No customer name or id: a review of how the conversation
// went needs neither. Every read is written to the audit log.
import { forbidden, notFound } from '../http/errors.js';
import { fromDbLocale, type Locale } from '../conversation/locale.js';
import { maskPersonalData } from '../privacy/mask-personal-data.js';
import { mayReadTranscript } from './access.js';
import { actorOf, type Actor, type HandoffCore } from './deps.js';

/** The newest messages shown; older ones are left out and `truncated` says so. */
export const TRANSCRIPT_RECORD_LIMIT = 500;

export interface TranscriptRecord {
  conversation: {
    id: string;
    channel: string;
    locale: Locale;
    state: 'bot' | 'waiting' | 'human' | 'closed';
    urgent: boolean;
    createdAt: string;
    lastMessageAt: string;
    closedAt: string | null;
    resolvedBy: string | null;
    customer: { segment: 'ordinary' | 'key' | 'vip'; vulnerable: boolean } | null;
  };
  /** Oldest first. `route`, `intent` and `confidence` are how a customer message was handled (null on the others). */
  messages: Array<{ id: string; author: 'customer' | 'bot' | 'agent' | 'system'; text: string; createdAt: string; agentId: string | null; route: string | null; intent: string | null; confidence: number | null }>;
  truncated: boolean;
  handoffs: Array<{ id: string; status: string; reason: string; priority: number; agent: { id: string; name: string } | null; createdAt: string; claimedAt: string | null; closedAt: string | null; disposition: string | null }>;
  complaints: Array<{ reference: string; status: string; severity: string; category: string; createdAt: string }>;
  ratings: Array<{ kind: 'csat' | 'nps'; score: number; comment: string | null; createdAt: string; handoffId: string | null; complaint: string | null }>;
}

type ConversationRow = {
  id: string;
  channel: string;
  locale: 'zh_CN' | 'en';
  state: TranscriptRecord['conversation']['state'];
  urgent: boolean;
  createdAt: Date;
  lastMessageAt: Date;
  closedAt: Date | null;
  resolvedBy: string | null;
  customer: { segment: 'ordinary' | 'key' | 'vip'; vulnerable: boolean } | null;
  handoffs: Array<{ id: string; status: string; reason: string; priority: number; agentId: string | null; agent: { name: string } | null; requestedAt: Date; claimedAt: Date | null; closedAt: Date | null; disposition: string | null }>;
  complaints: Array<{ id: string; reference: string; status: string; severity: string; category: string; createdAt: Date; assignedAgentId: string | null }>;
  ratings: Array<{ kind: 'csat' | 'nps'; score: number; comment: string | null; createdAt: Date; handoffId: string | null; complaintId: string | null }>;
};
type MessageRow = { id: string; author: TranscriptRecord['messages'][number]['author']; text: string; createdAt: Date; agentId: string | null; route: string | null; intent: string | null; confidence: number | null };

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The record as the API shows it, from the rows (pure). `messages` oldest first. */
export function toTranscriptRecord(c: ConversationRow, messages: readonly MessageRow[], truncated: boolean): TranscriptRecord {
  const referenceOf = new Map(c.complaints.map((k) => [k.id, k.reference]));
  return {
    conversation: {
      id: c.id,
      channel: c.channel,
      locale: fromDbLocale(c.locale),
      state: c.state,
      urgent: c.urgent,
      createdAt: c.createdAt.toISOString(),
      lastMessageAt: c.lastMessageAt.toISOString(),
      closedAt: iso(c.closedAt),
      resolvedBy: c.resolvedBy,
      customer: c.customer ? { segment: c.customer.segment, vulnerable: c.customer.vulnerable } : null,
    },
    messages: messages.map((m) => {
      const customer = m.author === 'customer';
      return { id: m.id, author: m.author, text: m.text, createdAt: m.createdAt.toISOString(), agentId: m.agentId, route: customer ? m.route : null, intent: customer ? m.intent : null, confidence: customer ? m.confidence : null };
    }),
    truncated,
    handoffs: c.handoffs.map((h) => ({
      id: h.id,
      status: h.status,
      reason: h.reason,
      priority: h.priority,
      agent: h.agentId && h.agent ? { id: h.agentId, name: h.agent.name } : null,
      createdAt: h.requestedAt.toISOString(),
      claimedAt: iso(h.claimedAt),
      closedAt: iso(h.closedAt),
      disposition: h.disposition,
    })),
    complaints: c.complaints.map((k) => ({ reference: k.reference, status: k.status, severity: k.severity, category: k.category, createdAt: k.createdAt.toISOString() })),
    ratings: c.ratings.map((r) => ({
      kind: r.kind,
      score: r.score,
      comment: r.comment === null ? null : maskPersonalData(r.comment).text,
      createdAt: r.createdAt.toISOString(),
      handoffId: r.handoffId,
      complaint: r.complaintId ? (referenceOf.get(r.complaintId) ?? null) : null,
    })),
  };
}

export function createReadTranscript(core: HandoffCore) {
  const { db, audit } = core;

  return async function readTranscript(input: { agent: Actor; conversationId: string; ip?: string }): Promise<TranscriptRecord> {
    const { agent, conversationId } = input;
    const conv = await db.conversation.findUnique({
      where: { id: conversationId },
      select: {
        id: true,
        channel: true,
        locale: true,
        state: true,
        urgent: true,
        createdAt: true,
        lastMessageAt: true,
        closedAt: true,
        resolvedBy: true,
        customer: { select: { segment: true, vulnerable: true } },
        handoffs: {
          orderBy: { requestedAt: 'asc' },
          select: { id: true, status: true, reason: true, priority: true, agentId: true, agent: { select: { name: true } }, requestedAt: true, claimedAt: true, closedAt: true, disposition: true },
        },
        complaints: { orderBy: { createdAt: 'asc' }, select: { id: true, reference: true, status: true, severity: true, category: true, createdAt: true, assignedAgentId: true } },
        ratings: { orderBy: { createdAt: 'asc' }, select: { kind: true, score: true, comment: true, createdAt: true, handoffId: true, complaintId: true } },
      },
    });
    if (!conv) throw notFound('conversation');
    const handled = { handoffAgentIds: conv.handoffs.map((h) => h.agentId), complaintAgentIds: conv.complaints.map((k) => k.assignedAgentId) };
    // The messages are asked only when the role, the handoffs and the complaints do not settle it.
    const allowed =
      mayReadTranscript(agent, { ...handled, wroteIn: false }) ||
      mayReadTranscript(agent, { ...handled, wroteIn: (await db.message.findFirst({ where: { conversationId, agentId: agent.id }, select: { id: true } })) !== null });
    if (!allowed) throw forbidden('an agent may read the record of a conversation they handled; supervisors may read any');

    const newest = await db.message.findMany({
      where: { conversationId },
      orderBy: { seq: 'desc' },
      take: TRANSCRIPT_RECORD_LIMIT + 1,
      select: { id: true, author: true, text: true, createdAt: true, agentId: true, route: true, intent: true, confidence: true },
    });
    const truncated = newest.length > TRANSCRIPT_RECORD_LIMIT;
    const record = toTranscriptRecord(conv, newest.slice(0, TRANSCRIPT_RECORD_LIMIT).reverse(), truncated);
    await audit.record({
      actor: actorOf(agent),
      action: 'conversation.transcript.read',
      subjectType: 'conversation',
      subjectId: conv.id,
      detail: { messages: record.messages.length, truncated, handoffIds: record.handoffs.map((h) => h.id), complaints: record.complaints.map((k) => k.reference) },
      ip: input.ip,
    });
    return record;
  };
}
