import { createRandom, shuffleInPlace } from './random.js';
import { squaredNorm } from './sparse.js';
import type { LinearScores, TrainingSet } from './training-set.js';

export interface CrammerSingerOptions {
  /** Inverse regularisation strength, as in LIBLINEAR. */
  c: number;
  maxEpochs: number;
  /** Stop when no example's gradient spread exceeds this (LIBLINEAR's eps). */
  tolerance: number;
  seed: number;
}

/**
 * Multi-class SVM of Crammer and Singer solved in the dual by sequential coordinate descent over
 * examples (Keerthi et al. 2008, LIBLINEAR solver 4, without shrinking). One joint problem over all
 * classes, so margins are comparable between classes, unlike one-vs-rest.
 * The bias is an extra feature of value 1.
 */
export function trainCrammerSinger(data: TrainingSet, options: CrammerSingerOptions): LinearScores {
  const { vectors, labels, classes, features } = data;
  const n = vectors.length;
  const weights = new Float64Array((features + 1) * classes);
  const biasRow = features * classes;
  const alpha = new Float64Array(n * classes);
  const qii = Float64Array.from(vectors, (v) => squaredNorm(v) + 1);
  const gradient = new Float64Array(classes);
  const b = new Float64Array(classes);
  const sorted = new Float64Array(classes);
  const next = new Float64Array(classes);
  const order = Int32Array.from(vectors.keys());
  const random = createRandom(options.seed);
  for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
    shuffleInPlace(order, random);
    let worst = 0;
    for (const i of order) {
      const { indices, values } = vectors[i];
      const y = labels[i];
      const a = qii[i];
      const base = i * classes;
      for (let m = 0; m < classes; m++) gradient[m] = (m === y ? 0 : 1) + weights[biasRow + m];
      for (let k = 0; k < indices.length; k++) {
        const row = indices[k] * classes;
        const value = values[k];
        for (let m = 0; m < classes; m++) gradient[m] += value * weights[row + m];
      }
      let minG = Infinity;
      let maxG = -Infinity;
      for (let m = 0; m < classes; m++) {
        const g = gradient[m];
        if (m === y ? alpha[base + m] < options.c : alpha[base + m] < 0) {
          if (g < minG) minG = g;
        }
        if (g > maxG) maxG = g;
      }
      if (maxG - minG > worst) worst = maxG - minG;
      if (maxG - minG <= 1e-12) continue;
      // Sub-problem: min 1/2 a |alpha'|^2 + b . alpha' with alpha'_m <= c[m==y], sum alpha' = 0.
      for (let m = 0; m < classes; m++) {
        b[m] = gradient[m] - a * alpha[base + m];
        sorted[m] = b[m] + (m === y ? a * options.c : 0);
      }
      sorted.sort().reverse();
      let beta = sorted[0] - a * options.c;
      let r = 1;
      for (; r < classes && beta < r * sorted[r]; r++) beta += sorted[r];
      beta /= r;
      let changed = false;
      for (let m = 0; m < classes; m++) {
        const proposed = (beta - b[m]) / a;
        next[m] = Math.min(m === y ? options.c : 0, proposed) - alpha[base + m];
        if (Math.abs(next[m]) > 1e-12) changed = true;
        else next[m] = 0;
      }
      if (!changed) continue;
      for (let m = 0; m < classes; m++) alpha[base + m] += next[m];
      for (let k = 0; k < indices.length; k++) {
        const row = indices[k] * classes;
        const value = values[k];
        for (let m = 0; m < classes; m++) if (next[m] !== 0) weights[row + m] += next[m] * value;
      }
      for (let m = 0; m < classes; m++) weights[biasRow + m] += next[m];
    }
    if (worst < options.tolerance) break;
  }
  return { weights: weights.subarray(0, biasRow), bias: weights.slice(biasRow) };
}
