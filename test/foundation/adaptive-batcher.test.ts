import { describe, expect, it } from 'vitest';
import { createAdaptiveBatcher } from '../../src/infra/adaptive-batcher.js';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('adaptive batcher', () => {
  it('sends a lone item at once, and groups items that arrive while batches are in flight', async () => {
    const batches: number[][] = [];
    const b = createAdaptiveBatcher(async (items: number[]) => {
      batches.push(items);
      await tick();
      return items.map((i) => i * 10);
    }, { maxInFlight: 1, maxBatch: 100 });
    expect(await b.run(1)).toBe(10);
    expect(batches).toEqual([[1]]);
    await tick(); // the first batch has fully settled
    const results = await Promise.all([2, 3, 4, 5].map((i) => b.run(i)));
    expect(results).toEqual([20, 30, 40, 50]);
    expect(batches.slice(1)).toEqual([[2], [3, 4, 5]]);
  });

  it('keeps items with the same key in different batches and honours maxBatch', async () => {
    const batches: string[][] = [];
    const b = createAdaptiveBatcher(async (items: string[]) => {
      batches.push(items);
      await tick();
      return items;
    }, { maxInFlight: 1, maxBatch: 2, key: (s) => s.split(':')[0] });
    await Promise.all(['a:1', 'a:2', 'b:1', 'c:1', 'a:3'].map((s) => b.run(s)));
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(2);
      expect(new Set(batch.map((s) => s.split(':')[0])).size).toBe(batch.length);
    }
    expect(batches.flat().sort()).toEqual(['a:1', 'a:2', 'a:3', 'b:1', 'c:1']);
  });

  it('fails only the bad item of a failed batch', async () => {
    const b = createAdaptiveBatcher(async (items: number[]) => {
      await tick();
      if (items.includes(13)) throw new Error('unlucky');
      return items;
    }, { maxInFlight: 1, maxBatch: 10 });
    const results = await Promise.allSettled([1, 2, 13, 4].map((i) => b.run(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });
});
