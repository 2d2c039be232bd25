/** Share of predictions equal to the truth. */
export function accuracy(truth: readonly string[], predicted: readonly string[]): number {
  if (truth.length === 0) return 0;
  let correct = 0;
  truth.forEach((label, i) => {
    if (predicted[i] === label) correct++;
  });
  return correct / truth.length;
}

/**
 * Unweighted mean of per-label F1 over every label that occurs in the truth or the predictions
 * (as scikit-learn's f1_score(average="macro"); a label with no true and no predicted items is absent).
 */
export function macroF1(truth: readonly string[], predicted: readonly string[]): number {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const entry = (label: string) => {
    let c = counts.get(label);
    if (!c) counts.set(label, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  truth.forEach((label, i) => {
    const guess = predicted[i];
    if (guess === label) entry(label).tp++;
    else {
      entry(label).fn++;
      entry(guess).fp++;
    }
  });
  if (counts.size === 0) return 0;
  let sum = 0;
  for (const { tp, fp, fn } of counts.values()) sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return sum / counts.size;
}

/** Percentile by linear interpolation between closest ranks (numpy's default); q in [0, 100]. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}
