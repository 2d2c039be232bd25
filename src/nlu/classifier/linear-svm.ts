import { createRandom, shuffleInPlace } from './random.js';
import { squaredNorm } from './sparse.js';
import type { LinearScores, TrainingSet } from './training-set.js';

export interface LinearSvmOptions {
  /** Inverse regularisation strength, as in LIBLINEAR. */
  c: number;
  maxEpochs: number;
  /** Stop when the projected-gradient spread falls below this (LIBLINEAR's eps). */
  tolerance: number;
  seed: number;
}

/**
 * One-vs-rest L2-regularised squared-hinge SVM solved in the dual by coordinate descent
 * (Hsieh et al. 2008, LIBLINEAR solver 1). The bias is an extra feature of value 1, regularised like the rest.
 * Each class is trained on its own, so only one dense weight vector is alive at a time.
 */
export function trainLinearSvm(data: TrainingSet, options: LinearSvmOptions): LinearScores {
  const { vectors, labels, classes, features } = data;
  const n = vectors.length;
  const diagonal = 1 / (2 * options.c);
  const qii = Float64Array.from(vectors, (v) => squaredNorm(v) + 1 + diagonal);
  const weights = new Float64Array(features * classes);
  const bias = new Float64Array(classes);
  const w = new Float64Array(features + 1);
  const alpha = new Float64Array(n);
  const order = Int32Array.from(vectors.keys());
  const random = createRandom(options.seed);
  for (let cls = 0; cls < classes; cls++) {
    w.fill(0);
    alpha.fill(0);
    for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
      shuffleInPlace(order, random);
      let maxPg = -Infinity;
      let minPg = Infinity;
      for (const i of order) {
        const { indices, values } = vectors[i];
        const y = labels[i] === cls ? 1 : -1;
        let margin = w[features];
        for (let k = 0; k < indices.length; k++) margin += values[k] * w[indices[k]];
        const g = y * margin - 1 + diagonal * alpha[i];
        const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
        if (pg > maxPg) maxPg = pg;
        if (pg < minPg) minPg = pg;
        if (pg === 0) continue;
        const old = alpha[i];
        alpha[i] = Math.max(old - g / qii[i], 0);
        const delta = (alpha[i] - old) * y;
        if (delta === 0) continue;
        for (let k = 0; k < indices.length; k++) w[indices[k]] += delta * values[k];
        w[features] += delta;
      }
      if (maxPg - minPg < options.tolerance) break;
    }
    for (let f = 0; f < features; f++) weights[f * classes + cls] = w[f];
    bias[cls] = w[features];
  }
  return { weights, bias };
}
