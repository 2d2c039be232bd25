import type { SparseVector } from './sparse.js';

/** Vectorised training data shared by the learners. */
export interface TrainingSet {
  vectors: SparseVector[];
  /** Class index of each vector. */
  labels: Int32Array;
  features: number;
  classes: number;
}

/** A linear scorer in feature-major layout: score[c] = bias[c] + sum_f x[f] * weights[f * classes + c]. */
export interface LinearScores {
  weights: Float64Array;
  bias: Float64Array;
}
