// How a complaint is shown to agents (the API's JSON): the contract's fields first
// (reference, status, severity, category, createdAt, dueAt, history), then the case details.
import { z } from 'zod';
import { TRANSITIONS, availableTransitions, isComplaintStatus, type WorkflowRole } from '../domain/workflow.js';

export const historyEntrySchema = z.object({
  status: z.string(),
  from: z.string().nullable(),
  at: z.string(),
  by: z.string(),
  byName: z.string().nullable(),
  role: z.string(),
  note: z.string().nullable(),
  transition: z.string().nullable(),
});

export const complaintSummarySchema = z.object({
  reference: z.string(),
  status: z.string(),
  severity: z.string(),
  category: z.string(),
  createdAt: z.string(),
  dueAt: z.string(),
  triagedAt: z.string().nullable(),
  assignedAgent: z.object({ id: z.string(), name: z.string() }).nullable(),
  channel: z.string(),
  locale: z.string(),
});

export const complaintDetailSchema = complaintSummarySchema.extend({
  severityReasons: z.array(z.string()),
  dueDates: z.object({ acknowledge: z.string(), investigation: z.string(), resolution: z.string() }),
  description: z.string(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  occurredText: z.string().nullable(),
  occurredOn: z.string().nullable(),
  desiredOutcome: z.string().nullable(),
  contactPreference: z.string().nullable(),
  resolution: z.string().nullable(),
  cause: z.string().nullable(),
  conversationId: z.string().nullable(),
  history: z.array(historyEntrySchema),
  breaches: z.array(z.object({ clock: z.string(), dueAt: z.string(), detectedAt: z.string() })),
  /** Moves the viewer's role may make from here (for the console's buttons). */
  nextTransitions: z.array(z.object({ name: z.string(), to: z.string() })),
});

export type ComplaintSummary = z.infer<typeof complaintSummarySchema>;
export type ComplaintDetail = z.infer<typeof complaintDetailSchema>;

type Decimalish = { toNumber(): number } | number | null;

export interface ComplaintRow {
  reference: string;
  status: string;
  severity: string;
  category: string;
  createdAt: Date;
  resolutionDueAt: Date;
  triagedAt: Date | null;
  channel: string;
  locale: string;
  assignedAgent: { id: string; name: string } | null;
}

export interface ComplaintDetailRow extends ComplaintRow {
  severityReasons: string[];
  ackDueAt: Date;
  investigationDueAt: Date;
  description: string;
  amount: Decimalish;
  currency: string | null;
  occurredText: string | null;
  occurredOn: Date | null;
  desiredOutcome: string | null;
  contactPreference: string | null;
  resolution: string | null;
  cause: string | null;
  conversationId: string | null;
  events: Array<{ fromStatus: string | null; toStatus: string; actor: string; actorRole: string; note: string | null; at: Date }>;
  breaches: Array<{ clock: string; dueAt: Date; detectedAt: Date }>;
}

export function toSummary(c: ComplaintRow): ComplaintSummary {
  return {
    reference: c.reference,
    status: c.status,
    severity: c.severity,
    category: c.category,
    createdAt: c.createdAt.toISOString(),
    // The contract's dueAt is the final-resolution deadline (the one that matters to the customer).
    dueAt: c.resolutionDueAt.toISOString(),
    triagedAt: c.triagedAt?.toISOString() ?? null,
    assignedAgent: c.assignedAgent,
    channel: c.channel,
    locale: c.locale === 'zh_CN' ? 'zh-CN' : c.locale,
  };
}

function transitionName(from: string | null, to: string): string | null {
  if (!from || !isComplaintStatus(from)) return null;
  return TRANSITIONS.find((r) => r.to === to && r.from.includes(from))?.name ?? null;
}

export function toDetail(c: ComplaintDetailRow, viewer: { role: WorkflowRole }, agentNames: Map<string, string>): ComplaintDetail {
  const amount = c.amount === null ? null : typeof c.amount === 'number' ? c.amount : c.amount.toNumber();
  return {
    ...toSummary(c),
    severityReasons: c.severityReasons,
    dueDates: { acknowledge: c.ackDueAt.toISOString(), investigation: c.investigationDueAt.toISOString(), resolution: c.resolutionDueAt.toISOString() },
    description: c.description,
    amount,
    currency: c.currency,
    occurredText: c.occurredText,
    occurredOn: c.occurredOn ? c.occurredOn.toISOString().slice(0, 10) : null,
    desiredOutcome: c.desiredOutcome,
    contactPreference: c.contactPreference,
    resolution: c.resolution,
    cause: c.cause,
    conversationId: c.conversationId,
    history: c.events.map((e) => ({
      status: e.toStatus,
      from: e.fromStatus,
      at: e.at.toISOString(),
      by: e.actor,
      byName: e.actor.startsWith('agent:') ? (agentNames.get(e.actor.slice(6)) ?? null) : null,
      role: e.actorRole,
      note: e.note,
      transition: transitionName(e.fromStatus, e.toStatus),
    })),
    breaches: c.breaches.map((b) => ({ clock: b.clock, dueAt: b.dueAt.toISOString(), detectedAt: b.detectedAt.toISOString() })),
    nextTransitions: isComplaintStatus(c.status) ? availableTransitions(c.status, viewer.role).map((r) => ({ name: r.name, to: r.name === 'reject_resolution' ? 'rejected' : r.to })) : [],
  };
}
