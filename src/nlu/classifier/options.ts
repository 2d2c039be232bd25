import { z } from 'zod';

const ngramRange = z
  .tuple([z.number().int().min(1).max(8), z.number().int().min(1).max(8)])
  .refine(([min, max]) => min <= max, 'n-gram range must be [min, max] with min <= max');

/**
 * Training options. Defaults were chosen by 3-fold cross-validation on the training part of a
 * Banking77 split only (never on its held-out test part); see src/nlu/classifier/README.md.
 */
export const intentClassifierOptionsSchema = z.object({
  /** Seed for every random choice (shuffles, calibration split): same data + options + seed = same model. */
  seed: z.number().int().default(1),
  features: z
    .object({
      charNgrams: ngramRange.default([2, 5]),
      cjkNgrams: ngramRange.default([1, 3]),
      wordNgrams: ngramRange.default([1, 2]),
      collapseDigits: z.boolean().default(false),
      minDf: z.number().int().min(1).default(1),
      charWeight: z.number().min(0).default(1),
      wordWeight: z.number().min(0).default(1),
    })
    .prefault({}),
  /** Multinomial logistic regression (averaged SGD). `weight` 0 leaves a learner out of the ensemble. */
  softmax: z
    .object({
      weight: z.number().min(0).default(1),
      epochs: z.number().int().min(1).default(10),
      lambda: z.number().min(0).default(1e-6),
      learningRate: z.number().positive().default(2),
      averageFrom: z.number().int().min(0).default(2),
    })
    .prefault({}),
  /** Crammer–Singer multi-class linear SVM (dual coordinate descent). */
  crammerSinger: z
    .object({
      weight: z.number().min(0).default(0.5),
      c: z.number().positive().default(1),
      maxEpochs: z.number().int().min(1).default(10),
      tolerance: z.number().positive().default(0.1),
    })
    .prefault({}),
  /** One-vs-rest squared-hinge linear SVM (dual coordinate descent). Off by default: it added nothing to the others. */
  oneVsRestSvm: z
    .object({
      weight: z.number().min(0).default(0),
      c: z.number().positive().default(1),
      maxEpochs: z.number().int().min(1).default(50),
      tolerance: z.number().positive().default(0.1),
    })
    .prefault({}),
  /** Complement Naive Bayes. */
  naiveBayes: z
    .object({
      weight: z.number().min(0).default(0.1),
      alpha: z.number().positive().default(0.1),
    })
    .prefault({}),
  /**
   * Confidence calibration: a temperature for the softmax over the ensemble's scores, fitted on a
   * stratified held-out share of the training data by a first training run; the final model is then
   * trained on everything. Skipped (temperature `fallbackTemperature`) when the share would be smaller
   * than `minHoldout` utterances.
   */
  calibration: z
    .object({
      holdoutFraction: z.number().min(0).max(0.5).default(0.1),
      minHoldout: z.number().int().min(1).default(30),
      fallbackTemperature: z.number().positive().default(1),
    })
    .prefault({}),
}).refine(
  (o) => o.softmax.weight + o.crammerSinger.weight + o.oneVsRestSvm.weight + o.naiveBayes.weight > 0,
  'at least one learner needs a weight above 0',
);

export type IntentClassifierOptions = z.input<typeof intentClassifierOptionsSchema>;
export type ResolvedIntentClassifierOptions = z.output<typeof intentClassifierOptionsSchema>;

export function resolveOptions(options: IntentClassifierOptions = {}): ResolvedIntentClassifierOptions {
  return intentClassifierOptionsSchema.parse(options);
}
