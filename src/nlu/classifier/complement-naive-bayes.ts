import type { LinearScores, TrainingSet } from './training-set.js';

export interface ComplementNaiveBayesOptions {
  /** Additive smoothing. */
  alpha: number;
}

/**
 * Complement Naive Bayes (Rennie et al. 2003) on TF-IDF vectors, with weight normalisation.
 * A class scores high when its complement (all other classes) explains the utterance badly.
 * Strong on small, imbalanced intent sets; linear, so it fuses into the same weight matrix.
 */
export function trainComplementNaiveBayes(data: TrainingSet, options: ComplementNaiveBayesOptions): LinearScores {
  const { vectors, labels, classes, features } = data;
  const perClass = new Float64Array(features * classes);
  const total = new Float64Array(features);
  for (let i = 0; i < vectors.length; i++) {
    const { indices, values } = vectors[i];
    for (let k = 0; k < indices.length; k++) {
      perClass[indices[k] * classes + labels[i]] += values[k];
      total[indices[k]] += values[k];
    }
  }
  const weights = new Float64Array(features * classes);
  const column = new Float64Array(features);
  for (let c = 0; c < classes; c++) {
    let sum = 0;
    for (let f = 0; f < features; f++) {
      column[f] = total[f] - perClass[f * classes + c] + options.alpha;
      sum += column[f];
    }
    let norm = 0;
    for (let f = 0; f < features; f++) {
      column[f] = Math.log(column[f] / sum);
      norm += Math.abs(column[f]);
    }
    // Negated: a high complement likelihood means a low score for this class.
    for (let f = 0; f < features; f++) weights[f * classes + c] = -column[f] / norm;
  }
  return { weights, bias: new Float64Array(classes) };
}
