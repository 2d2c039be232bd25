import type { VectorizerConfig } from './vectorizer.js';

/** Everything a trained intent model consists of; what is serialised and loaded back. */
export interface IntentModelState {
  labels: string[];
  featureConfig: VectorizerConfig;
  /** Feature names in index order. */
  vocabulary: string[];
  idf: Float32Array;
  /** Feature-major: weights[feature * labels.length + label]. */
  weights: Float32Array;
  bias: Float32Array;
  /** Softmax temperature fitted on held-out training data. */
  temperature: number;
  /** Hash of the training data and options the model was trained from (see fingerprint.ts). */
  fingerprint: string;
}
