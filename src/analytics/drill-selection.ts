// Which conversations stand behind a KPI, in the order a supervisor wants to read them (worst or
// newest first). Pure: it selects from the same facts the numbers were computed from, so the list
// behind "handoff rate 12%" is exactly the conversations counted in it.
import {
  clockOutcome,
  COMPLAINT_CLOCKS,
  firstResponseSeconds,
  handlingSeconds,
  isAbandoned,
  isContained,
  isEngaged,
  resolutionHours,
  type ComplaintFact,
  type ConversationFact,
  type HandoffFact,
} from './kpis.js';
import type { DrillMetric } from './kpi-schema.js';

export interface DrillInput {
  conversations?: readonly ConversationFact[];
  handoffs?: readonly HandoffFact[];
  complaints?: readonly ComplaintFact[];
  rated?: ReadonlyArray<{ conversationId: string; score: number; at: Date }>;
  unanswered?: ReadonlyArray<{ conversationId: string; count: number; at: Date }>;
}

/** The facts each metric needs (the caller loads only those). */
export const DRILL_NEEDS: Record<DrillMetric, keyof DrillInput> = {
  conversations: 'conversations',
  containment: 'conversations',
  handoff: 'conversations',
  abandonment: 'handoffs',
  first_response: 'conversations',
  handling: 'handoffs',
  complaint_resolution: 'complaints',
  sla: 'complaints',
  csat: 'rated',
  nps: 'rated',
  unanswered: 'unanswered',
};

interface Ranked {
  id: string;
  /** Larger first. */
  key: number;
  /** Tie-break: later first. */
  at: number;
}

function order(rows: Ranked[]): string[] {
  rows.sort((a, b) => b.key - a.key || b.at - a.at || a.id.localeCompare(b.id));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r.id);
  }
  return out;
}

/** Conversation ids behind a metric, ordered; the caller paginates. */
export function drillConversationIds(metric: DrillMetric, input: DrillInput, now: Date): string[] {
  const convs = input.conversations ?? [];
  const newest = (cs: readonly ConversationFact[]) => order(cs.map((c) => ({ id: c.id, key: 0, at: c.createdAt.getTime() })));
  switch (metric) {
    case 'conversations':
      return newest(convs.filter(isEngaged));
    case 'containment':
      return newest(convs.filter(isContained));
    case 'handoff':
      return newest(convs.filter((c) => isEngaged(c) && c.handedOff));
    case 'abandonment':
      // Newest first: the customers who gave up on the queue lately.
      return order((input.handoffs ?? []).filter(isAbandoned).map((h) => ({ id: h.conversationId, key: 0, at: h.requestedAt.getTime() })));
    case 'first_response':
      // Slowest first.
      return order(convs.filter(isEngaged).flatMap((c) => {
        const s = firstResponseSeconds(c);
        return s === null ? [] : [{ id: c.id, key: s, at: c.createdAt.getTime() }];
      }));
    case 'handling':
      return order((input.handoffs ?? []).flatMap((h) => {
        const s = handlingSeconds(h);
        return s === null ? [] : [{ id: h.conversationId, key: s, at: h.requestedAt.getTime() }];
      }));
    case 'complaint_resolution':
      return order((input.complaints ?? []).flatMap((k) => {
        const hours = resolutionHours(k);
        return hours === null || !k.conversationId ? [] : [{ id: k.conversationId, key: hours, at: k.createdAt.getTime() }];
      }));
    case 'sla':
      // Complaints with a missed clock, the most clocks missed first.
      return order((input.complaints ?? []).flatMap((k) => {
        const missed = COMPLAINT_CLOCKS.filter(({ clock }) => clockOutcome(k, clock, now) === 'missed').length;
        return missed && k.conversationId ? [{ id: k.conversationId, key: missed, at: k.createdAt.getTime() }] : [];
      }));
    case 'csat':
    case 'nps':
      // Lowest score first.
      return order((input.rated ?? []).map((r) => ({ id: r.conversationId, key: -r.score, at: r.at.getTime() })));
    case 'unanswered':
      return order((input.unanswered ?? []).map((u) => ({ id: u.conversationId, key: u.count, at: u.at.getTime() })));
  }
}
