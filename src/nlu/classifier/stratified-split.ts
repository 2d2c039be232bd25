import { createRandom, shuffleInPlace } from './random.js';

export interface StratifiedSplitOptions {
  /** Total number of held-out items; each label contributes in proportion to its size. */
  testSize: number;
  seed: number;
}

/**
 * Deterministic stratified split. Each label's share of `testSize` is proportional to its size
 * (largest-remainder rounding, so the total is exact) and never takes a label's last training item.
 * Both parts keep the input order.
 */
export function stratifiedSplit<T>(
  items: readonly T[],
  labelOf: (item: T) => string,
  options: StratifiedSplitOptions,
): { train: T[]; test: T[] } {
  const byLabel = new Map<string, number[]>();
  items.forEach((item, index) => {
    const label = labelOf(item);
    const list = byLabel.get(label) ?? [];
    list.push(index);
    byLabel.set(label, list);
  });
  const labels = [...byLabel.keys()].sort();
  const testSize = Math.min(Math.max(0, Math.floor(options.testSize)), items.length - labels.length);
  const exact = labels.map((label) => (byLabel.get(label)!.length * testSize) / items.length);
  const quota = exact.map((value, i) => Math.min(Math.floor(value), byLabel.get(labels[i])!.length - 1));
  let missing = testSize - quota.reduce((a, b) => a + b, 0);
  const byRemainder = labels.map((_, i) => i).sort((a, b) => exact[b] - quota[b] - (exact[a] - quota[a]) || a - b);
  while (missing > 0) {
    let progressed = false;
    for (const i of byRemainder) {
      if (missing === 0) break;
      if (quota[i] < byLabel.get(labels[i])!.length - 1) {
        quota[i]++;
        missing--;
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  const random = createRandom(options.seed);
  const inTest = new Uint8Array(items.length);
  labels.forEach((label, i) => {
    const indices = byLabel.get(label)!.slice();
    shuffleInPlace(indices, random);
    for (const index of indices.slice(0, quota[i])) inTest[index] = 1;
  });
  const train: T[] = [];
  const test: T[] = [];
  items.forEach((item, index) => (inTest[index] ? test : train).push(item));
  return { train, test };
}
