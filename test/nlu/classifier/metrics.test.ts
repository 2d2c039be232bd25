import { describe, expect, it } from 'vitest';
import { accuracy, macroF1, percentile } from '../../../src/nlu/eval/metrics.js';

describe('evaluation metrics', () => {
  it('computes accuracy and macro-F1 like scikit-learn', () => {
    const truth = ['a', 'a', 'b', 'b', 'c'];
    const predicted = ['a', 'b', 'b', 'b', 'a'];
    expect(accuracy(truth, predicted)).toBeCloseTo(3 / 5);
    // F1: a = 2*1/(2+1+1) = 0.5, b = 2*2/(4+1+0) = 0.8, c = 0 -> mean 0.4333
    expect(macroF1(truth, predicted)).toBeCloseTo(1.3 / 3, 6);
  });

  it('interpolates percentiles between ranks', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5], 99)).toBeCloseTo(4.96);
    expect(percentile([7], 99)).toBe(7);
  });
});
