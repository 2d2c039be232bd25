import { createRandom, shuffleInPlace } from './random.js';
import type { LinearScores, TrainingSet } from './training-set.js';

export interface SoftmaxRegressionOptions {
  epochs: number;
  /** L2 penalty per example. */
  lambda: number;
  /** Initial step; decays as lr0 / (1 + lr0 * lambda * t) (Bottou's schedule for L2-regularised SGD). */
  learningRate: number;
  /**
   * Average the weights at the end of each epoch from this epoch on: tail averaging removes most of the
   * noise of a large constant-ish step, so few epochs suffice. Ignored when >= epochs.
   */
  averageFrom: number;
  seed: number;
}

/**
 * Multinomial logistic regression trained by SGD. The L2 shrinkage is applied lazily through a global
 * scale factor so each step touches only the example's non-zero features.
 */
export function trainSoftmaxRegression(data: TrainingSet, options: SoftmaxRegressionOptions): LinearScores {
  const { vectors, labels, classes } = data;
  const weights = new Float64Array(data.features * classes);
  const bias = new Float64Array(classes);
  const gradient = new Float64Array(classes);
  const averaging = options.averageFrom < options.epochs;
  const averageWeights = new Float64Array(averaging ? weights.length : 0);
  const averageBias = new Float64Array(classes);
  let snapshots = 0;
  const order = Int32Array.from(vectors.keys());
  const random = createRandom(options.seed);
  let scale = 1;
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const { indices, values } = vectors[i];
      const lr = options.learningRate / (1 + options.learningRate * options.lambda * t++);
      for (let c = 0; c < classes; c++) gradient[c] = 0;
      for (let k = 0; k < indices.length; k++) {
        const row = indices[k] * classes;
        const value = values[k];
        for (let c = 0; c < classes; c++) gradient[c] += value * weights[row + c];
      }
      let max = -Infinity;
      for (let c = 0; c < classes; c++) {
        gradient[c] = gradient[c] * scale + bias[c];
        if (gradient[c] > max) max = gradient[c];
      }
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        gradient[c] = Math.exp(gradient[c] - max);
        sum += gradient[c];
      }
      // d(loss)/d(score_c) = p_c - [c is the label]
      for (let c = 0; c < classes; c++) gradient[c] = gradient[c] / sum - (c === labels[i] ? 1 : 0);
      scale *= 1 - lr * options.lambda;
      const step = lr / scale;
      for (let k = 0; k < indices.length; k++) {
        const row = indices[k] * classes;
        const value = values[k] * step;
        for (let c = 0; c < classes; c++) weights[row + c] -= value * gradient[c];
      }
      for (let c = 0; c < classes; c++) bias[c] -= lr * gradient[c];
      if (scale < 1e-6) {
        for (let j = 0; j < weights.length; j++) weights[j] *= scale;
        scale = 1;
      }
    }
    if (averaging && epoch >= options.averageFrom) {
      snapshots++;
      for (let j = 0; j < weights.length; j++) averageWeights[j] += weights[j] * scale;
      for (let c = 0; c < classes; c++) averageBias[c] += bias[c];
    }
  }
  if (averaging) {
    for (let j = 0; j < weights.length; j++) averageWeights[j] /= snapshots;
    for (let c = 0; c < classes; c++) averageBias[c] /= snapshots;
    return { weights: averageWeights, bias: averageBias };
  }
  for (let j = 0; j < weights.length; j++) weights[j] *= scale;
  return { weights, bias };
}
