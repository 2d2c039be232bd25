/** A sparse feature vector: parallel arrays of feature index and value, indices unique. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

export function squaredNorm(vector: SparseVector): number {
  let sum = 0;
  for (let k = 0; k < vector.values.length; k++) sum += vector.values[k] * vector.values[k];
  return sum;
}

/** Scores of every class for a feature-major weight matrix (`weights[feature * classes + class]`). */
export function scoreFeatureMajor(
  vector: SparseVector,
  weights: Float32Array | Float64Array,
  bias: Float32Array | Float64Array,
  classes: number,
  out: Float64Array,
): void {
  for (let c = 0; c < classes; c++) out[c] = bias[c];
  const { indices, values } = vector;
  for (let k = 0; k < indices.length; k++) {
    const row = indices[k] * classes;
    const value = values[k];
    for (let c = 0; c < classes; c++) out[c] += value * weights[row + c];
  }
}
