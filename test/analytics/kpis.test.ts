// KPI arithmetic against a small fixture whose numbers were worked out by hand (in the comments).
import { describe, expect, it } from 'vitest';
import { computeKpis, percentile, questionKey, summarise, topUnanswered, type ComplaintFact, type ConversationFact, type HandoffFact, type KpiFacts } from '../../src/analytics/kpis.js';
import { drillConversationIds } from '../../src/analytics/drill-selection.js';
import type { KpiRange } from '../../src/analytics/kpi-range.js';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const H = 3600;
const NOW = new Date('2026-03-20T00:00:00Z');
const RANGE: KpiRange = { start: new Date(T0), end: NOW, from: '2026-03-02', to: '2026-03-19', timeZone: 'UTC' };

function conv(id: string, o: Partial<ConversationFact>): ConversationFact {
  return { id, createdAt: at(0), resolvedBy: null, handedOff: false, firstCustomerAt: at(5), firstRoute: 'faq', firstIntent: 'faq.question', firstTurnLatencyMs: null, firstReplyAt: null, ...o };
}

// Six conversations; c6 never had a customer message, so five are engaged.
//   first response = max(reply − customer message, pipeline latency):
//   c1 max(0, 0.8) = 0.8 · c2 max(2, 0.5) = 2 · c3 max(0, 1.2) = 1.2 · c4 max(30, 0) = 30 · c5 no reply
const conversations: ConversationFact[] = [
  conv('c1', { resolvedBy: 'bot', firstReplyAt: at(5), firstTurnLatencyMs: 800 }),
  conv('c2', { resolvedBy: 'bot', firstReplyAt: at(7), firstTurnLatencyMs: 500, createdAt: at(100) }),
  conv('c3', { resolvedBy: 'agent', handedOff: true, firstRoute: 'handoff', firstReplyAt: at(5), firstTurnLatencyMs: 1200 }),
  conv('c4', { handedOff: true, firstRoute: 'complaint', firstReplyAt: at(35) }),
  conv('c5', { firstRoute: 'fallback', firstIntent: 'fallback' }),
  conv('c6', { resolvedBy: 'bot', firstCustomerAt: null, firstRoute: null, firstIntent: null }),
];

// Handling = claim → close; agent first response = claim → first agent message.
//   h1: 600 s, 45 s · h2: 300 s, 15 s · h3 waiting (no numbers)
// Abandonment: h4 was given up by its silent customer; h5 was asked for outside service hours and
// never queued → 1 abandoned of 4 queued = 0.25.
const handoffs: HandoffFact[] = [
  { id: 'h1', conversationId: 'c3', status: 'closed', disposition: 'resolved', requestedAt: at(10), claimedAt: at(70), closedAt: at(670), firstAgentReplyAt: at(115) },
  { id: 'h2', conversationId: 'c4', status: 'closed', disposition: 'resolved', requestedAt: at(40), claimedAt: at(100), closedAt: at(400), firstAgentReplyAt: at(115) },
  { id: 'h3', conversationId: 'c4', status: 'waiting', disposition: null, requestedAt: at(500), claimedAt: null, closedAt: null, firstAgentReplyAt: null },
  { id: 'h4', conversationId: 'c4', status: 'abandoned', disposition: 'customer_left', requestedAt: at(900), claimedAt: null, closedAt: at(2700), firstAgentReplyAt: null },
  { id: 'h5', conversationId: 'c3', status: 'abandoned', disposition: 'outside_service_hours', requestedAt: at(950), claimedAt: null, closedAt: at(950), firstAgentReplyAt: null },
];

function complaint(id: string, createdAt: number, o: Partial<ComplaintFact>): ComplaintFact {
  return {
    id,
    reference: `CMP-2026-00000${id.slice(1)}`,
    conversationId: `c${id.slice(1)}`,
    category: 'cards',
    cause: null,
    createdAt: at(createdAt),
    ackDueAt: at(createdAt + 24 * H),
    acknowledgedAt: null,
    investigationDueAt: at(createdAt + 48 * H),
    investigationReportedAt: null,
    resolutionDueAt: at(createdAt + 21 * 24 * H),
    resolvedAt: null,
    breachedClocks: [],
    ...o,
  };
}

// Clocks at NOW (2026-03-20), due so far = done, or due date passed:
//   k1: ack +1h ≤ 24h met · report +40h ≤ 48h met · resolved +120h ≤ 21d met
//   k2: ack +30h > 24h missed · report not done, due 03-04 passed → missed · resolution due 03-23 → running
//   k3 (filed +1d): ack +2h on time but a breach row says acknowledge was missed → missed · report +10h met · resolved +48h met
//   k4 (filed 03-19 12:00): everything still running
//   acknowledge 1 met / 3 due = 0.3333 · investigation_report 2/3 = 0.6667 · final_resolution 2/2 = 1
// Resolution hours: k1 120, k3 48 → avg 84, p50 84, p90 48 + 0.9·72 = 112.8
const complaints: ComplaintFact[] = [
  complaint('k1', 0, { acknowledgedAt: at(1 * H), investigationReportedAt: at(40 * H), resolvedAt: at(120 * H), cause: 'system_error' }),
  complaint('k2', 0, { acknowledgedAt: at(30 * H) }),
  complaint('k3', 24 * H, { category: 'fees_charges', acknowledgedAt: at(26 * H), investigationReportedAt: at(34 * H), resolvedAt: at(72 * H), breachedClocks: ['acknowledge'], cause: 'staff_error' }),
  complaint('k4', Date.parse('2026-03-19T12:00:00Z') / 1000 - T0 / 1000, { category: 'loans' }),
];

const facts: KpiFacts = {
  conversations,
  handoffs,
  complaints,
  ratings: [
    // CSAT: 5×3, 4×1, 2×1, 1×1 → 6 ratings, sum 22, avg 3.67
    { kind: 'csat', score: 5, count: 3 },
    { kind: 'csat', score: 4, count: 1 },
    { kind: 'csat', score: 2, count: 1 },
    { kind: 'csat', score: 1, count: 1 },
    // NPS: 10×2, 9×1 promoters (3) · 8, 7 passives (2) · 6, 3 detractors (2) → (3 − 2) / 7 = 14.3
    { kind: 'nps', score: 10, count: 2 },
    { kind: 'nps', score: 9, count: 1 },
    { kind: 'nps', score: 8, count: 1 },
    { kind: 'nps', score: 7, count: 1 },
    { kind: 'nps', score: 6, count: 1 },
    { kind: 'nps', score: 3, count: 1 },
  ],
  turnsByRoute: [
    { key: 'faq', count: 7 },
    { key: 'fallback', count: 4 },
  ],
  turnsByIntent: [
    { key: 'faq:card-activate', count: 5 },
    { key: 'faq:pin-change', count: 2 },
    { key: 'fallback', count: 4 },
  ],
  fallbackTexts: [
    { key: 'how do i buy gold?', count: 3 },
    { key: 'How do I buy gold', count: 2 },
    { key: '可以办理外币兑换吗？', count: 4 },
    { key: '=cmd|calc', count: 1 },
    { key: '？？', count: 2 },
  ],
};

describe('computeKpis on the hand-checked fixture', () => {
  const k = computeKpis(facts, { range: RANGE, now: NOW });

  it('counts engaged conversations and the self-service and handoff rates', () => {
    expect(k.conversations).toBe(5);
    expect(k.contained).toBe(2); // c1, c2 (c6 was resolved by the bot but never engaged)
    expect(k.handedOff).toBe(2); // c3, c4
    expect(k.containmentRate).toBe(0.4);
    expect(k.handoffRate).toBe(0.4);
  });

  it('first response: sorted 0.8, 1.2, 2, 30 → avg 8.5, p50 1.6, p90 21.6', () => {
    // p50 rank 1.5 → 1.2 + 0.5·0.8 = 1.6 · p90 rank 2.7 → 2 + 0.7·28 = 21.6
    expect(k.firstResponseSeconds).toEqual({ avg: 8.5, p50: 1.6, p90: 21.6, count: 4 });
  });

  it('abandonment: the silent customer’s handoff of the four that were queued', () => {
    expect(k.abandonedHandoffs).toBe(1);
    expect(k.abandonmentRate).toBe(0.25);
  });

  it('handling time 300, 600 and agent first response 15, 45', () => {
    expect(k.handoffs).toBe(5);
    expect(k.handlingSeconds).toEqual({ avg: 450, p50: 450, p90: 570, count: 2 });
    expect(k.agentFirstResponseSeconds).toEqual({ avg: 30, p50: 30, p90: 42, count: 2 });
  });

  it('complaint resolution hours and SLA compliance per clock', () => {
    expect(k.complaints).toBe(4);
    expect(k.complaintResolutionHours).toEqual({ avg: 84, p50: 84, p90: 112.8, count: 2 });
    expect(k.slaCompliance).toEqual({ acknowledge: 0.3333, investigation_report: 0.6667, final_resolution: 1 });
    expect(k.slaCounts).toEqual({ acknowledge: { met: 1, due: 3 }, investigation_report: { met: 2, due: 3 }, final_resolution: { met: 2, due: 2 } });
  });

  it('CSAT average and distribution, NPS', () => {
    expect(k.csat).toEqual({ avg: 3.67, count: 6, distribution: { '1': 1, '2': 1, '3': 0, '4': 1, '5': 3 } });
    expect(k.nps).toEqual({ score: 14.3, count: 7, promoters: 3, passives: 2, detractors: 2 });
  });

  it('volumes by route, intent, category and cause', () => {
    expect(k.volumes.byRoute).toEqual({ faq: 2, handoff: 1, complaint: 1, fallback: 1 });
    expect(k.volumes.turnsByRoute).toEqual({ faq: 7, fallback: 4 });
    expect(k.volumes.byIntent).toEqual({ 'faq:card-activate': 5, 'faq:pin-change': 2, fallback: 4 });
    expect(k.volumes.byCategory).toEqual({ cards: 2, fees_charges: 1, loans: 1 });
    expect(k.volumes.byCause).toEqual({ system_error: 1, staff_error: 1 });
  });

  it('top unanswered questions merge case and punctuation variants and drop empty ones', () => {
    // "how do i buy gold?" (3) + "How do I buy gold" (2) = 5, shown in the more frequent spelling
    expect(k.topUnanswered).toEqual([
      { text: 'how do i buy gold?', count: 5 },
      { text: '可以办理外币兑换吗？', count: 4 },
      { text: '=cmd|calc', count: 1 },
    ]);
  });

  it('gives nulls, not zeros or NaN, when there is nothing to measure', () => {
    const empty = computeKpis({ conversations: [], handoffs: [], complaints: [], ratings: [], turnsByRoute: [], turnsByIntent: [], fallbackTexts: [] }, { range: RANGE, now: NOW });
    expect(empty.containmentRate).toBeNull();
    expect([empty.abandonedHandoffs, empty.abandonmentRate]).toEqual([0, null]);
    expect(empty.firstResponseSeconds).toEqual({ avg: null, p50: null, p90: null, count: 0 });
    expect(empty.slaCompliance).toEqual({ acknowledge: null, investigation_report: null, final_resolution: null });
    expect(empty.csat.avg).toBeNull();
    expect(empty.nps.score).toBeNull();
  });
});

describe('statistics helpers', () => {
  it('percentile interpolates like percentile_cont', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0.9)).toBe(46);
    expect(summarise([null, 3, 1, 2])).toEqual({ avg: 2, p50: 2, p90: 2.8, count: 3 });
  });

  it('questionKey ignores case, width, spacing and surrounding punctuation', () => {
    expect(questionKey('  How   do I buy GOLD?? ')).toBe('how do i buy gold');
    expect(questionKey('可以办理外币兑换吗？')).toBe(questionKey('可以办理外币兑换吗'));
    expect(questionKey('ＡＢＣ１２３！')).toBe('abc123');
    expect(topUnanswered([{ key: 'a', count: 1 }, { key: 'b', count: 1 }], 1)).toEqual([{ text: 'a', count: 1 }]);
  });
});

describe('drill-down selection matches the numbers', () => {
  it('lists exactly the conversations counted, in reading order', () => {
    expect(drillConversationIds('conversations', { conversations }, NOW)).toEqual(['c2', 'c1', 'c3', 'c4', 'c5']);
    expect(drillConversationIds('containment', { conversations }, NOW)).toEqual(['c2', 'c1']);
    expect(drillConversationIds('handoff', { conversations }, NOW).sort()).toEqual(['c3', 'c4']);
    // slowest first responses first
    expect(drillConversationIds('first_response', { conversations }, NOW)).toEqual(['c4', 'c2', 'c3', 'c1']);
    // c4 appears once though two of its handoffs are counted
    expect(drillConversationIds('handling', { handoffs }, NOW)).toEqual(['c3', 'c4']);
    expect(drillConversationIds('abandonment', { handoffs }, NOW)).toEqual(['c4']);
    // k2 (2 clocks missed) before k3 (1); k1 and k4 missed none
    expect(drillConversationIds('sla', { complaints }, NOW)).toEqual(['c2', 'c3']);
    expect(drillConversationIds('complaint_resolution', { complaints }, NOW)).toEqual(['c1', 'c3']);
    expect(drillConversationIds('csat', { rated: [{ conversationId: 'x', score: 5, at: at(1) }, { conversationId: 'y', score: 2, at: at(1) }] }, NOW)).toEqual(['y', 'x']);
  });
});
