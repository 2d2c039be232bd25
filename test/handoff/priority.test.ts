import { describe, expect, it } from 'vitest';
import { AGING_CAP, agingPoints, basePriority, effectivePriority, orderQueue, positionInQueue, PRIORITY_WEIGHTS, type PriorityFacts } from '../../src/handoff/priority.js';

const t0 = new Date('2026-03-02T02:00:00Z');
const minutesAgo = (m: number) => new Date(t0.getTime() - m * 60_000);
const plain: PriorityFacts = { reason: 'customer_request', urgent: false, segment: 'ordinary' };

describe('handoff priority', () => {
  it('orders the tiers strictly: urgent > VIP > complaint severity > key segment > plain', () => {
    const urgent = basePriority({ ...plain, reason: 'urgent', urgent: true });
    const vip = basePriority({ ...plain, segment: 'vip' });
    const crisis = basePriority({ ...plain, reason: 'complaint_severity', complaintSeverity: 'crisis' });
    const low = basePriority({ ...plain, reason: 'complaint_severity', complaintSeverity: 'low' });
    const key = basePriority({ ...plain, segment: 'key' });
    const ordinary = basePriority(plain);
    expect([urgent, vip, crisis, low, key, ordinary]).toEqual([...[urgent, vip, crisis, low, key, ordinary]].sort((a, b) => b - a));
    expect(new Set([urgent, vip, crisis, low, key, ordinary]).size).toBe(6);
  });

  it('ranks complaint severities crisis > high > medium > low', () => {
    const p = (s: 'low' | 'medium' | 'high' | 'crisis') => basePriority({ ...plain, reason: 'complaint_severity', complaintSeverity: s });
    expect(p('crisis')).toBeGreaterThan(p('high'));
    expect(p('high')).toBeGreaterThan(p('medium'));
    expect(p('medium')).toBeGreaterThan(p('low'));
  });

  it('weights reasons inside a tier: distress before a plain request', () => {
    expect(basePriority({ ...plain, reason: 'negative_sentiment' })).toBeGreaterThan(basePriority({ ...plain, reason: 'repeated_fallback' }));
    expect(basePriority({ ...plain, reason: 'repeated_fallback' })).toBeGreaterThan(basePriority(plain));
  });

  it('never lets waiting, reason and vulnerability together lift a customer over the next tier', () => {
    const maxBelowKey = basePriority({ reason: 'negative_sentiment', urgent: false, segment: 'ordinary', vulnerable: true }) + AGING_CAP;
    expect(maxBelowKey).toBeLessThan(basePriority({ ...plain, segment: 'key' }));
    const maxBelowLow = basePriority({ reason: 'negative_sentiment', urgent: false, segment: 'key', vulnerable: true }) + AGING_CAP;
    expect(maxBelowLow).toBeLessThan(basePriority({ ...plain, complaintSeverity: 'low' }));
    const maxBelowVip = basePriority({ reason: 'negative_sentiment', urgent: false, segment: 'key', vulnerable: true, complaintSeverity: 'crisis' }) + AGING_CAP;
    expect(maxBelowVip).toBeLessThan(basePriority({ ...plain, segment: 'vip' }));
    expect(basePriority({ reason: 'negative_sentiment', urgent: false, segment: 'vip', vulnerable: true, complaintSeverity: 'crisis' }) + AGING_CAP).toBeLessThan(PRIORITY_WEIGHTS.urgent);
  });

  it('ages by waiting minutes, capped', () => {
    expect(agingPoints(0)).toBe(0);
    expect(agingPoints(59_000)).toBe(0);
    expect(agingPoints(10 * 60_000)).toBe(50);
    expect(agingPoints(10 * 3600_000)).toBe(AGING_CAP);
    expect(effectivePriority(100, minutesAgo(4), t0)).toBe(120);
  });

  it('puts the queue in order: priority, then the longer wait, and lets aging overtake small steps', () => {
    const base = basePriority(plain);
    const queue = [
      { id: 'fresh-plain', priority: base, requestedAt: minutesAgo(1) },
      { id: 'vip', priority: basePriority({ ...plain, segment: 'vip' }), requestedAt: minutesAgo(0) },
      { id: 'old-plain', priority: base, requestedAt: minutesAgo(5) },
      { id: 'fallback-new', priority: basePriority({ ...plain, reason: 'repeated_fallback' }), requestedAt: minutesAgo(0) },
      { id: 'long-wait', priority: base, requestedAt: minutesAgo(30) },
    ];
    // long-wait has aged 150 points, more than the 40-point repeated_fallback step.
    expect(orderQueue(queue, t0).map((q) => q.id)).toEqual(['vip', 'long-wait', 'fallback-new', 'old-plain', 'fresh-plain']);
    expect(positionInQueue(queue, 'old-plain', t0)).toBe(4);
    expect(positionInQueue(queue, 'nope', t0)).toBeUndefined();
  });
});
