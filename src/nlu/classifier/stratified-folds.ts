import { createRandom, shuffleInPlace } from './random.js';

/**
 * Deterministic stratified k-fold assignment: each label's items are shuffled (seeded) and dealt round-robin,
 * so every fold holds about 1/k of every label. Returns the fold number of each item.
 */
export function stratifiedFolds<T>(items: readonly T[], labelOf: (item: T) => string, folds: number, seed: number): Int32Array {
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError('folds must be an integer >= 2');
  const byLabel = new Map<string, number[]>();
  items.forEach((item, index) => {
    const label = labelOf(item);
    const list = byLabel.get(label) ?? [];
    list.push(index);
    byLabel.set(label, list);
  });
  const random = createRandom(seed);
  const fold = new Int32Array(items.length);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const indices = byLabel.get(label)!;
    shuffleInPlace(indices, random);
    // Continue the deal where the previous label stopped, so small labels do not all land in fold 0.
    for (const index of indices) fold[index] = next++ % folds;
  }
  return fold;
}
