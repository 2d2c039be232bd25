import type { LabelledUtterance } from './dataset.js';
import { accuracy, macroF1, percentile } from './metrics.js';

export interface EvaluationReport {
  accuracy: number;
  macroF1: number;
  p50Ms: number;
  p99Ms: number;
  trainSeconds: number;
  predictions: string[];
}

export interface Classifier {
  classify(text: string): { label: string } | Promise<{ label: string }>;
}

export interface EvaluateOptions {
  /**
   * Untimed calls before timing starts, so that latency is the steady state of a running service rather than
   * JIT compilation and the collection of the training run's garbage. Default 300.
   */
  warmup?: number;
  onProgress?: (done: number) => void;
}

/** Classifies every test utterance one at a time, timing each call, and scores the answers. */
export async function evaluateClassifier(
  classifier: Classifier,
  test: readonly LabelledUtterance[],
  trainSeconds: number,
  options: EvaluateOptions = {},
): Promise<EvaluationReport> {
  const warmup = Math.min(options.warmup ?? 300, test.length);
  for (let i = 0; i < warmup; i++) await classifier.classify(test[i].text);
  const predictions: string[] = [];
  const latencies: number[] = [];
  for (const [i, utterance] of test.entries()) {
    const started = performance.now();
    const result = await classifier.classify(utterance.text);
    latencies.push(performance.now() - started);
    predictions.push(result.label);
    if ((i + 1) % 500 === 0) options.onProgress?.(i + 1);
  }
  const truth = test.map((u) => u.label);
  return {
    accuracy: accuracy(truth, predictions),
    macroF1: macroF1(truth, predictions),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    trainSeconds,
    predictions,
  };
}

/** The contract's summary line: `accuracy=0.xxx macroF1=0.xxx p50_ms=x.xxx p99_ms=x.xxx train_s=x.x`. */
export function formatSummaryLine(report: EvaluationReport): string {
  return (
    `accuracy=${report.accuracy.toFixed(3)} macroF1=${report.macroF1.toFixed(3)} ` +
    `p50_ms=${report.p50Ms.toFixed(3)} p99_ms=${report.p99Ms.toFixed(3)} train_s=${report.trainSeconds.toFixed(1)}`
  );
}
