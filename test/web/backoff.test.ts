import { describe, expect, it } from 'vitest';
import { backoffDelay, RECONNECT_POLICY } from '../../web/widget/backoff.js';

describe('backoffDelay', () => {
  it('doubles from 1 s and caps at 30 s', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 10, 50].map((n) => backoffDelay(n, () => 1));
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });

  it('randomises the lower half of each delay so clients spread out', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(3, () => 0)).toBe(4000);
    expect(backoffDelay(3, () => 0.5)).toBe(6000);
    const samples = Array.from({ length: 200 }, () => backoffDelay(4));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(8000);
    expect(Math.max(...samples)).toBeLessThanOrEqual(16000);
    expect(new Set(samples).size).toBeGreaterThan(50);
  });

  it('never goes below a server hint (retry:, Retry-After) but bounds absurd hints', () => {
    expect(backoffDelay(0, () => 0, RECONNECT_POLICY, 5000)).toBe(5000);
    expect(backoffDelay(5, () => 1, RECONNECT_POLICY, 5000)).toBe(30000);
    expect(backoffDelay(0, () => 0, RECONNECT_POLICY, 10 * 60_000)).toBe(120_000);
  });

  it('treats negative or fractional attempts as the nearest sensible attempt', () => {
    expect(backoffDelay(-3, () => 1)).toBe(1000);
    expect(backoffDelay(1.7, () => 1)).toBe(2000);
  });
});
