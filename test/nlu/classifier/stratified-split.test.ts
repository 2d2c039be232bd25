import { describe, expect, it } from 'vitest';
import { stratifiedFolds } from '../../../src/nlu/classifier/stratified-folds.js';
import { stratifiedSplit } from '../../../src/nlu/classifier/stratified-split.js';

const items = [
  ...Array.from({ length: 100 }, (_, i) => ({ id: `a${i}`, label: 'a' })),
  ...Array.from({ length: 50 }, (_, i) => ({ id: `b${i}`, label: 'b' })),
  ...Array.from({ length: 3 }, (_, i) => ({ id: `c${i}`, label: 'c' })),
];

describe('stratifiedSplit', () => {
  it('holds out exactly testSize items in proportion to each label, keeping one training item per label', () => {
    const { train, test } = stratifiedSplit(items, (x) => x.label, { testSize: 60, seed: 1 });
    expect(test).toHaveLength(60);
    expect(train).toHaveLength(items.length - 60);
    const count = (list: typeof items, label: string) => list.filter((x) => x.label === label).length;
    expect(count(test, 'a')).toBeGreaterThanOrEqual(39);
    expect(count(test, 'a')).toBeLessThanOrEqual(40);
    expect(count(test, 'b')).toBeGreaterThanOrEqual(19);
    expect(count(test, 'b')).toBeLessThanOrEqual(20);
    expect(count(train, 'c')).toBeGreaterThanOrEqual(1);
    expect(new Set([...train, ...test].map((x) => x.id)).size).toBe(items.length);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const first = stratifiedSplit(items, (x) => x.label, { testSize: 30, seed: 7 });
    const again = stratifiedSplit(items, (x) => x.label, { testSize: 30, seed: 7 });
    const other = stratifiedSplit(items, (x) => x.label, { testSize: 30, seed: 8 });
    expect(again.test.map((x) => x.id)).toEqual(first.test.map((x) => x.id));
    expect(other.test.map((x) => x.id)).not.toEqual(first.test.map((x) => x.id));
  });
});

describe('stratifiedFolds', () => {
  it('deals every label evenly over the folds, deterministically', () => {
    const folds = stratifiedFolds(items, (x) => x.label, 3, 5);
    expect(stratifiedFolds(items, (x) => x.label, 3, 5)).toEqual(folds);
    for (const label of ['a', 'b']) {
      const counts = [0, 0, 0];
      items.forEach((x, i) => x.label === label && counts[folds[i]]++);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect(() => stratifiedFolds(items, (x) => x.label, 1, 5)).toThrow(RangeError);
  });
});
