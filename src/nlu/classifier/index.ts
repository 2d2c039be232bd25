/** Teller's embedded intent classifier: TF-IDF n-grams and a fused ensemble of linear learners, no LLM. */
export { trainIntentClassifier, type TrainHooks, type TrainingProgress } from './train.js';
export {
  IntentClassifier,
  loadIntentClassifier,
  type ClassifyOptions,
  type IntentPrediction,
  type RankedIntent,
} from './intent-classifier.js';
export { intentClassifierOptionsSchema, type IntentClassifierOptions, type ResolvedIntentClassifierOptions } from './options.js';
export { trainingFingerprint, type TrainingExample } from './fingerprint.js';
export { IntentModelFormatError } from './serialize.js';
export { loadOrTrainIntentClassifier, type CachedTrainingResult } from './cache.js';
