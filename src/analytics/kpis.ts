// The KPI arithmetic, as pure functions over plain rows ("facts") that kpi-queries.ts loads for a
// filter. Nothing here touches the database or the clock (`now` is passed in), so every number the
// dashboard shows can be checked by hand against a small fixture (test/analytics/kpis.test.ts).
//
// Definitions (each population is "what started in the range"):
// - engaged conversation: started in range and has at least one customer message; the denominator.
// - contained (self-service): engaged, resolved by the bot (Conversation.resolvedBy = 'bot'), no handoff.
// - handoff rate: engaged conversations with at least one handoff.
// - first response: first customer message → the first bot or agent message after it. Turn messages
//   are stored in one transaction with one timestamp, so a bot reply's real delay is the pipeline
//   latency recorded on the customer message; the larger of the two is taken.
// - agent first response: handoff claimed → the first agent message after the claim.
// - handling time: handoff claimed → closed.
// - abandonment rate: queued handoffs (all but those asked for outside service hours, which never
//   queue) that the customer gave up on before an agent claimed them (ended the conversation, or
//   went silent for HANDOFF_ABANDON_MINUTES).
// - complaint resolution: filed → resolved (resolvedAt), complaints filed in range.
// - SLA compliance per clock: met on time / decided so far, where decided = done, or due and passed;
//   a recorded breach (ServiceClockBreach) counts as missed whatever the timestamps say.
// - CSAT: ratings 1–5 given in range; NPS: % promoters (9–10) − % detractors (0–6) of ratings 0–10.
import { normaliseText } from '../nlu/text-normalise.js';
import { ABANDONED_BY_CUSTOMER, DISPOSITION } from '../handoff/abandonment.js';
import type { KpiRange } from './kpi-range.js';
import type { KpiReport, Percentiles } from './kpi-schema.js';

export interface ConversationFact {
  id: string;
  createdAt: Date;
  resolvedBy: string | null;
  handedOff: boolean;
  /** First customer message; null when the customer never wrote. */
  firstCustomerAt: Date | null;
  firstRoute: string | null;
  firstIntent: string | null;
  /** Pipeline latency of the first customer turn (Message.metadata.latencyMs). */
  firstTurnLatencyMs: number | null;
  /** First bot or agent message after the first customer message. */
  firstReplyAt: Date | null;
}

export interface HandoffFact {
  id: string;
  conversationId: string;
  status: 'waiting' | 'active' | 'closed' | 'abandoned';
  disposition: string | null;
  requestedAt: Date;
  claimedAt: Date | null;
  closedAt: Date | null;
  /** First message of the claiming agent at or after the claim. */
  firstAgentReplyAt: Date | null;
}

export interface ComplaintFact {
  id: string;
  reference: string;
  conversationId: string | null;
  category: string;
  cause: string | null;
  createdAt: Date;
  ackDueAt: Date;
  acknowledgedAt: Date | null;
  investigationDueAt: Date;
  investigationReportedAt: Date | null;
  resolutionDueAt: Date;
  resolvedAt: Date | null;
  /** Clock names with a ServiceClockBreach row. */
  breachedClocks: string[];
}

export interface CountRow {
  key: string;
  count: number;
}

export interface RatingCount {
  kind: 'csat' | 'nps';
  score: number;
  count: number;
}

export interface KpiFacts {
  conversations: ConversationFact[];
  handoffs: HandoffFact[];
  complaints: ComplaintFact[];
  /** Ratings given in range, counted by kind and score. */
  ratings: RatingCount[];
  turnsByRoute: CountRow[];
  turnsByIntent: CountRow[];
  /** Customer messages routed to fallback, counted by (lightly normalised) text. */
  fallbackTexts: CountRow[];
}

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;
const ratio = (num: number, den: number, digits = 4): number | null => (den > 0 ? round(num / den, digits) : null);

// ---- per-row measures -------------------------------------------------------------------------------

export const isEngaged = (c: ConversationFact) => c.firstCustomerAt !== null;
export const isContained = (c: ConversationFact) => isEngaged(c) && c.resolvedBy === 'bot' && !c.handedOff;

export function firstResponseSeconds(c: ConversationFact): number | null {
  if (!c.firstCustomerAt || !c.firstReplyAt) return null;
  return Math.max(0, seconds(c.firstCustomerAt, c.firstReplyAt), (c.firstTurnLatencyMs ?? 0) / 1000);
}

/** Entered the agents' queue (a request outside service hours is recorded, never queued). */
export const isQueued = (h: HandoffFact) => h.disposition !== DISPOSITION.outsideServiceHours;
/** Queued, then given up by the customer before an agent claimed it. */
export const isAbandoned = (h: HandoffFact) => h.status === 'abandoned' && ABANDONED_BY_CUSTOMER.includes(h.disposition ?? '');

export const handlingSeconds = (h: HandoffFact): number | null => (h.claimedAt && h.closedAt ? Math.max(0, seconds(h.claimedAt, h.closedAt)) : null);

export const agentFirstResponseSeconds = (h: HandoffFact): number | null =>
  h.claimedAt && h.firstAgentReplyAt ? Math.max(0, seconds(h.claimedAt, h.firstAgentReplyAt)) : null;

export const resolutionHours = (k: ComplaintFact): number | null => (k.resolvedAt ? Math.max(0, seconds(k.createdAt, k.resolvedAt) / 3600) : null);

// ---- service clocks -----------------------------------------------------------------------------------

/** The complaint clocks whose due date and stop time are columns of Complaint (names as in ServiceClockBreach). */
export const COMPLAINT_CLOCKS = [
  { clock: 'acknowledge', due: 'ackDueAt', done: 'acknowledgedAt' },
  { clock: 'investigation_report', due: 'investigationDueAt', done: 'investigationReportedAt' },
  { clock: 'final_resolution', due: 'resolutionDueAt', done: 'resolvedAt' },
] as const satisfies ReadonlyArray<{ clock: string; due: keyof ComplaintFact; done: keyof ComplaintFact }>;
export type ComplaintClock = (typeof COMPLAINT_CLOCKS)[number]['clock'];

export type ClockOutcome = 'met' | 'missed' | 'running';

export function clockOutcome(k: ComplaintFact, clock: ComplaintClock, now: Date): ClockOutcome {
  const spec = COMPLAINT_CLOCKS.find((c) => c.clock === clock)!;
  const due = k[spec.due];
  const done = k[spec.done];
  const breached = k.breachedClocks.includes(clock);
  if (done) return done.getTime() <= due.getTime() && !breached ? 'met' : 'missed';
  return breached || due.getTime() <= now.getTime() ? 'missed' : 'running';
}

export function slaByClock(complaints: readonly ComplaintFact[], now: Date): { compliance: Record<string, number | null>; counts: Record<string, { met: number; due: number }> } {
  const compliance: Record<string, number | null> = {};
  const counts: Record<string, { met: number; due: number }> = {};
  for (const { clock } of COMPLAINT_CLOCKS) {
    let met = 0;
    let due = 0;
    for (const k of complaints) {
      const outcome = clockOutcome(k, clock, now);
      if (outcome === 'running') continue;
      due++;
      if (outcome === 'met') met++;
    }
    counts[clock] = { met, due };
    compliance[clock] = ratio(met, due);
  }
  return { compliance, counts };
}

// ---- statistics -----------------------------------------------------------------------------------------

/** Linear interpolation between closest ranks (PostgreSQL's percentile_cont). `sorted` ascending. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function summarise(values: ReadonlyArray<number | null>, digits = 1): Percentiles {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return { avg: null, p50: null, p90: null, count: 0 };
  const avg = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { avg: round(avg, digits), p50: round(percentile(xs, 0.5)!, digits), p90: round(percentile(xs, 0.9)!, digits), count: xs.length };
}

export function csatSummary(ratings: readonly RatingCount[]): KpiReport['csat'] {
  const distribution: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let count = 0;
  let sum = 0;
  for (const r of ratings) {
    if (r.kind !== 'csat' || r.score < 1 || r.score > 5) continue;
    distribution[String(r.score)] += r.count;
    count += r.count;
    sum += r.score * r.count;
  }
  return { avg: count ? round(sum / count, 2) : null, count, distribution };
}

export function npsSummary(ratings: readonly RatingCount[]): KpiReport['nps'] {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const r of ratings) {
    if (r.kind !== 'nps' || r.score < 0 || r.score > 10) continue;
    if (r.score >= 9) promoters += r.count;
    else if (r.score >= 7) passives += r.count;
    else detractors += r.count;
  }
  const count = promoters + passives + detractors;
  return { score: count ? round(((promoters - detractors) / count) * 100, 1) : null, count, promoters, passives, detractors };
}

// ---- volumes and unanswered questions ---------------------------------------------------------------------

export function countBy<T>(items: readonly T[], key: (item: T) => string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== null) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

export const toRecord = (rows: readonly CountRow[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.key] = (out[r.key] ?? 0) + r.count;
  return out;
};

/** The grouping key of a question: normalised text without surrounding punctuation ("How do I…?" = "how do i…"). */
export function questionKey(text: string): string {
  return normaliseText(text)
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
    .replace(/\s+/g, ' ');
}

/** Fallback questions merged by questionKey, most asked first; each shown as its most frequent spelling. */
export function topUnanswered(rows: readonly CountRow[], limit: number): Array<{ text: string; count: number }> {
  const groups = new Map<string, { count: number; best: CountRow }>();
  for (const row of rows) {
    const key = questionKey(row.key);
    if (!key) continue;
    const g = groups.get(key);
    if (!g) groups.set(key, { count: row.count, best: row });
    else {
      g.count += row.count;
      if (row.count > g.best.count) g.best = row;
    }
  }
  return [...groups.values()]
    .map((g) => ({ text: g.best.key.trim(), count: g.count }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
    .slice(0, limit);
}

// ---- the report -----------------------------------------------------------------------------------------

export function computeKpis(facts: KpiFacts, opts: { range: KpiRange; now: Date; unansweredLimit?: number }): KpiReport {
  const engaged = facts.conversations.filter(isEngaged);
  const contained = engaged.filter(isContained).length;
  const handedOff = engaged.filter((c) => c.handedOff).length;
  const sla = slaByClock(facts.complaints, opts.now);
  const queued = facts.handoffs.filter(isQueued).length;
  const abandoned = facts.handoffs.filter(isAbandoned).length;
  return {
    range: { from: opts.range.from, to: opts.range.to, timeZone: opts.range.timeZone, start: opts.range.start.toISOString(), end: opts.range.end.toISOString() },
    conversations: engaged.length,
    contained,
    handedOff,
    containmentRate: ratio(contained, engaged.length),
    handoffRate: ratio(handedOff, engaged.length),
    firstResponseSeconds: summarise(engaged.map(firstResponseSeconds)),
    agentFirstResponseSeconds: summarise(facts.handoffs.map(agentFirstResponseSeconds)),
    handoffs: facts.handoffs.length,
    abandonedHandoffs: abandoned,
    abandonmentRate: ratio(abandoned, queued),
    handlingSeconds: summarise(facts.handoffs.map(handlingSeconds)),
    complaints: facts.complaints.length,
    complaintResolutionHours: summarise(facts.complaints.map(resolutionHours), 2),
    slaCompliance: sla.compliance,
    slaCounts: sla.counts,
    csat: csatSummary(facts.ratings),
    nps: npsSummary(facts.ratings),
    volumes: {
      byRoute: countBy(engaged, (c) => c.firstRoute ?? 'unknown'),
      turnsByRoute: toRecord(facts.turnsByRoute),
      byIntent: toRecord(facts.turnsByIntent),
      byCategory: countBy(facts.complaints, (k) => k.category),
      byCause: countBy(facts.complaints, (k) => k.cause),
    },
    topUnanswered: topUnanswered(facts.fallbackTexts, opts.unansweredLimit ?? 20),
  };
}
