import { z } from 'zod';
import { normaliseText } from '../text-normalise.js';
import { fitTemperature } from './calibration.js';
import { trainComplementNaiveBayes } from './complement-naive-bayes.js';
import { trainCrammerSinger } from './crammer-singer-svm.js';
import { extractFeatures, type RawFeatures } from './features.js';
import { trainingFingerprint, type TrainingExample } from './fingerprint.js';
import { IntentClassifier } from './intent-classifier.js';
import { resolveOptions, type IntentClassifierOptions, type ResolvedIntentClassifierOptions } from './options.js';
import { trainLinearSvm } from './linear-svm.js';
import { trainSoftmaxRegression } from './softmax-regression.js';
import { scoreFeatureMajor, type SparseVector } from './sparse.js';
import { stratifiedSplit } from './stratified-split.js';
import type { LinearScores, TrainingSet } from './training-set.js';
import { Vectorizer } from './vectorizer.js';

const examplesSchema = z
  .array(z.object({ text: z.string(), label: z.string().trim().min(1) }))
  .min(2, 'at least two training examples are needed');

export interface TrainingProgress {
  /** What the trainer is doing, e.g. "calibration: softmax" or "final: crammer-singer". */
  stage: string;
  elapsedMs: number;
}

export interface TrainHooks {
  onProgress?: (progress: TrainingProgress) => void;
}

interface Fitted {
  vectorizer: Vectorizer;
  weights: Float64Array;
  bias: Float64Array;
}

/**
 * Spread of a learner's scores between intents (standard deviation around each utterance's mean score, over
 * an even sample of at most 2,000 training vectors). Dividing by it puts learners on one scale before fusing;
 * a shift shared by all intents of an utterance changes no ranking, so it is left out.
 */
function scoreSpread(model: LinearScores, set: TrainingSet): number {
  const out = new Float64Array(set.classes);
  const stride = Math.max(1, Math.floor(set.vectors.length / 2000));
  let squares = 0;
  let count = 0;
  for (let i = 0; i < set.vectors.length; i += stride) {
    scoreFeatureMajor(set.vectors[i], model.weights, model.bias, set.classes, out);
    let mean = 0;
    for (const s of out) mean += s;
    mean /= set.classes;
    for (const s of out) squares += (s - mean) ** 2;
    count += set.classes;
  }
  const spread = Math.sqrt(squares / count);
  return spread > 1e-12 ? spread : 1;
}

/**
 * Fits the vectorizer and every learner with a non-zero weight, then folds them into one linear model:
 * each learner is linear in the same features, so a weighted sum of their (spread-normalised) scores is
 * itself a single weight matrix, and classification costs one sparse product however many learners voted.
 */
function fitEnsemble(
  raw: readonly RawFeatures[],
  labels: Int32Array,
  classes: number,
  options: ResolvedIntentClassifierOptions,
  report: (stage: string) => void,
): Fitted {
  const vectorizer = Vectorizer.fit(raw, options.features);
  const set: TrainingSet = { vectors: raw.map((r) => vectorizer.transform(r)), labels, features: vectorizer.size, classes };
  report(`vectorised ${raw.length} utterances into ${vectorizer.size} features`);
  const weights = new Float64Array(set.features * classes);
  const bias = new Float64Array(classes);
  const learners: [string, number, () => LinearScores][] = [
    ['softmax', options.softmax.weight, () => trainSoftmaxRegression(set, { ...options.softmax, seed: options.seed })],
    ['crammer-singer', options.crammerSinger.weight, () => trainCrammerSinger(set, { ...options.crammerSinger, seed: options.seed })],
    ['one-vs-rest-svm', options.oneVsRestSvm.weight, () => trainLinearSvm(set, { ...options.oneVsRestSvm, seed: options.seed })],
    ['naive-bayes', options.naiveBayes.weight, () => trainComplementNaiveBayes(set, options.naiveBayes)],
  ];
  for (const [name, weight, train] of learners) {
    if (weight === 0) continue;
    const model = train();
    const factor = weight / scoreSpread(model, set);
    for (let j = 0; j < weights.length; j++) weights[j] += factor * model.weights[j];
    for (let c = 0; c < classes; c++) bias[c] += factor * model.bias[c];
    report(name);
  }
  return { vectorizer, weights, bias };
}

function scoreAll(fitted: Fitted, raw: readonly RawFeatures[], classes: number): Float64Array[] {
  return raw.map((features) => {
    const out = new Float64Array(classes);
    const vector: SparseVector = fitted.vectorizer.transform(features);
    scoreFeatureMajor(vector, fitted.weights, fitted.bias, classes, out);
    return out;
  });
}

/**
 * Trains an intent classifier from labelled utterances (any mix of Chinese and English).
 * Deterministic: the same examples (in the same order), options and seed give the same model.
 * Throws a ZodError for malformed examples or options.
 */
export function trainIntentClassifier(
  examples: readonly TrainingExample[],
  options: IntentClassifierOptions = {},
  hooks: TrainHooks = {},
): IntentClassifier {
  const resolved = resolveOptions(options);
  const parsed = examplesSchema.parse(examples);
  const started = performance.now();
  const report = (stage: string): void => hooks.onProgress?.({ stage, elapsedMs: performance.now() - started });

  const labels = [...new Set(parsed.map((e) => e.label))].sort();
  if (labels.length < 2) throw new RangeError('training needs at least two different intents');
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  // n-grams are extracted once and shared by the calibration run and the final run.
  const raw = parsed.map((e) => extractFeatures(normaliseText(e.text), resolved.features));
  const y = Int32Array.from(parsed, (e) => labelIndex.get(e.label)!);

  let temperature = resolved.calibration.fallbackTemperature;
  const { holdoutFraction, minHoldout } = resolved.calibration;
  const holdoutSize = Math.round(parsed.length * holdoutFraction);
  if (holdoutSize >= minHoldout) {
    const indices = Array.from(raw.keys());
    const split = stratifiedSplit(indices, (i) => labels[y[i]], { testSize: holdoutSize, seed: resolved.seed });
    const fitted = fitEnsemble(
      split.train.map((i) => raw[i]),
      Int32Array.from(split.train, (i) => y[i]),
      labels.length,
      resolved,
      (stage) => report(`calibration: ${stage}`),
    );
    const heldOut = scoreAll(fitted, split.test.map((i) => raw[i]), labels.length);
    temperature = fitTemperature(heldOut, Int32Array.from(split.test, (i) => y[i]));
    report(`calibration: temperature ${temperature.toFixed(3)} from ${split.test.length} held-out utterances`);
  }

  const fitted = fitEnsemble(raw, y, labels.length, resolved, (stage) => report(`final: ${stage}`));
  return new IntentClassifier({
    labels,
    featureConfig: resolved.features,
    vocabulary: fitted.vectorizer.state.features,
    idf: Float32Array.from(fitted.vectorizer.state.idf),
    weights: Float32Array.from(fitted.weights),
    bias: Float32Array.from(fitted.bias),
    temperature,
    fingerprint: trainingFingerprint(parsed, resolved),
  });
}
