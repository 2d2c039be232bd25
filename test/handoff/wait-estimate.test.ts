import { describe, expect, it } from 'vitest';
import { estimateWait, median } from '../../src/handoff/wait-estimate.js';

const min = (m: number) => m * 60_000;

describe('wait estimate', () => {
  it('uses the median of recent real waits, not the mean a single outlier drags up', () => {
    const e = estimateWait({ ahead: 0, recentWaitsMs: [min(2), min(2), min(3), min(60)], agentsOnline: 1 });
    expect(e).toMatchObject({ basis: 'recent_claims', samples: 4, minutes: 3 });
    expect(median([5, 1, 3])).toBe(3);
  });

  it('scales with customers ahead per agent online', () => {
    const waits = [min(2), min(2), min(2)];
    expect(estimateWait({ ahead: 5, recentWaitsMs: waits, agentsOnline: 1 }).minutes).toBe(12);
    expect(estimateWait({ ahead: 5, recentWaitsMs: waits, agentsOnline: 3 }).minutes).toBe(4);
    expect(estimateWait({ ahead: 0, recentWaitsMs: waits, agentsOnline: 3 }).minutes).toBe(2);
  });

  it('falls back to the default with too few recent claims, and says so', () => {
    const e = estimateWait({ ahead: 1, recentWaitsMs: [min(30)], agentsOnline: 1, defaultMinutes: 3 });
    expect(e).toMatchObject({ basis: 'default', samples: 1, minutes: 6 });
  });

  it('never promises less than a minute, and treats nobody online as one agent', () => {
    expect(estimateWait({ ahead: 0, recentWaitsMs: [1000, 1000, 1000], agentsOnline: 4 }).minutes).toBe(1);
    expect(estimateWait({ ahead: 2, recentWaitsMs: [], agentsOnline: 0 })).toMatchObject({ minutes: 9, agentsOnline: 0 });
  });
});
