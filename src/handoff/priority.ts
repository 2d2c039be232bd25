// The order of the agent queue, as plain arithmetic over plain data (no clock, no database).
//
// Tiers, strictly ordered: urgent > VIP > complaint severity > key segment; inside a tier the
// reason weight and the vulnerable flag separate cases, and waiting time ages a handoff upwards.
// Each tier's weight exceeds the most everything below it can add, so no amount of waiting lifts an
// ordinary request over a VIP's or a crisis complaint's: aging only reorders requests of the same
// standing, and (capped) lets a long wait overtake the small reason/vulnerability steps.
import type { HandoffReason } from '../conversation/turn-types.js';

export type Segment = 'ordinary' | 'key' | 'vip';
export type ComplaintSeverity = 'low' | 'medium' | 'high' | 'crisis';

export const PRIORITY_WEIGHTS = {
  urgent: 100_000,
  vip: 10_000,
  severity: { low: 2_000, medium: 4_000, high: 6_000, crisis: 8_000 } satisfies Record<ComplaintSeverity, number>,
  key: 1_000,
  /** Customers the bank must treat with extra care rank above others of the same standing. */
  vulnerable: 200,
  /** Why the bot gave up: a customer in distress or stuck comes before a plain "agent please". */
  reason: { urgent: 100, negative_sentiment: 80, complaint_severity: 60, repeated_fallback: 40, customer_request: 0 } satisfies Record<HandoffReason, number>,
} as const;

/** Aging: points per waiting minute, capped so that with the largest reason and vulnerability steps it
 *  still stays below the smallest tier step (key = 1000). */
export const AGING_POINTS_PER_MINUTE = 5;
export const AGING_CAP = 400;

export interface PriorityFacts {
  reason: HandoffReason;
  urgent: boolean;
  segment?: Segment | null;
  vulnerable?: boolean | null;
  complaintSeverity?: ComplaintSeverity | null;
}

/** The stored (base) priority of a handoff: higher first. */
export function basePriority(f: PriorityFacts): number {
  const w = PRIORITY_WEIGHTS;
  return (
    (f.urgent || f.reason === 'urgent' ? w.urgent : 0) +
    (f.segment === 'vip' ? w.vip : 0) +
    (f.complaintSeverity ? w.severity[f.complaintSeverity] : 0) +
    (f.segment === 'key' ? w.key : 0) +
    (f.vulnerable ? w.vulnerable : 0) +
    w.reason[f.reason]
  );
}

export function agingPoints(waitingMs: number): number {
  if (!(waitingMs > 0)) return 0;
  return Math.min(AGING_CAP, Math.floor(waitingMs / 60_000) * AGING_POINTS_PER_MINUTE);
}

/** Priority at `now`: the base plus what waiting has earned. */
export function effectivePriority(base: number, requestedAt: Date, now: Date): number {
  return base + agingPoints(now.getTime() - requestedAt.getTime());
}

export interface Queued {
  id: string;
  priority: number;
  requestedAt: Date;
}

/** Queue order: effective priority descending, then who asked first, then id (a total order). */
export function compareQueued(now: Date) {
  return (a: Queued, b: Queued): number =>
    effectivePriority(b.priority, b.requestedAt, now) - effectivePriority(a.priority, a.requestedAt, now) ||
    a.requestedAt.getTime() - b.requestedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function orderQueue<T extends Queued>(items: readonly T[], now: Date): T[] {
  return [...items].sort(compareQueued(now));
}

/** 1-based position of `id` in the ordered queue, or undefined when it is not waiting. */
export function positionInQueue(items: readonly Queued[], id: string, now: Date): number | undefined {
  const i = orderQueue(items, now).findIndex((x) => x.id === id);
  return i < 0 ? undefined : i + 1;
}
