import { describe, expect, it } from 'vitest';
import { fitTemperature, temperatureLoss } from '../../../src/nlu/classifier/calibration.js';
import { createRandom } from '../../../src/nlu/classifier/random.js';

describe('fitTemperature', () => {
  it('recovers the temperature that generated the labels', () => {
    const random = createRandom(42);
    const trueTemperature = 2.5;
    const scores: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const row = Float64Array.from({ length: 5 }, () => random() * 10);
      const weights = Array.from(row, (s) => Math.exp(s / trueTemperature));
      const total = weights.reduce((a, b) => a + b, 0);
      let pick = random() * total;
      let label = 0;
      while (pick > weights[label]) pick -= weights[label++];
      scores.push(row);
      labels.push(Math.min(label, 4));
    }
    const fitted = fitTemperature(scores, labels);
    expect(fitted).toBeGreaterThan(2.2);
    expect(fitted).toBeLessThan(2.8);
    expect(temperatureLoss(scores, labels, fitted)).toBeLessThanOrEqual(temperatureLoss(scores, labels, 1));
  });

  it('sharpens (T < 1) when the top score is right more often than softmax(scores) says', () => {
    const scores = Array.from({ length: 100 }, () => Float64Array.from([1, 0, 0]));
    expect(fitTemperature(scores, new Array(100).fill(0))).toBeLessThan(0.1);
  });
});
