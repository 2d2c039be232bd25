import { createHash } from 'node:crypto';
import type { ResolvedIntentClassifierOptions } from './options.js';
import { MODEL_FORMAT_VERSION } from './serialize.js';

/** Bump when training changes in a way that changes models, so cached models are retrained. */
export const TRAINER_REVISION = 1;

export interface TrainingExample {
  text: string;
  label: string;
}

/**
 * Identifies a training run: the model format, the resolved options and the examples in order.
 * Two runs with the same fingerprint produce the same model, so it keys the model cache.
 */
export function trainingFingerprint(examples: readonly TrainingExample[], options: ResolvedIntentClassifierOptions): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: MODEL_FORMAT_VERSION, trainer: TRAINER_REVISION, options }));
  for (const example of examples) hash.update(JSON.stringify([example.label, example.text]) + '\n');
  return hash.digest('hex');
}
