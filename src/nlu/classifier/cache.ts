import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { trainingFingerprint, type TrainingExample } from './fingerprint.js';
import { IntentClassifier, loadIntentClassifier } from './intent-classifier.js';
import { resolveOptions, type IntentClassifierOptions } from './options.js';
import { IntentModelFormatError } from './serialize.js';
import { trainIntentClassifier, type TrainHooks } from './train.js';

export interface CachedTrainingResult {
  classifier: IntentClassifier;
  /** True when the model came from the cache rather than a training run. */
  fromCache: boolean;
  path: string;
}

/**
 * Loads the model for these examples and options from `cacheDir` (file `intent-<fingerprint>.tlic`), or trains
 * it and writes it there. A missing, unreadable or stale file means a training run, never an error.
 */
export async function loadOrTrainIntentClassifier(args: {
  examples: readonly TrainingExample[];
  options?: IntentClassifierOptions;
  cacheDir: string;
  hooks?: TrainHooks;
}): Promise<CachedTrainingResult> {
  const resolved = resolveOptions(args.options);
  const fingerprint = trainingFingerprint(args.examples, resolved);
  const path = join(args.cacheDir, `intent-${fingerprint.slice(0, 32)}.tlic`);
  try {
    const classifier = loadIntentClassifier(await readFile(path, 'utf8'));
    if (classifier.fingerprint === fingerprint) return { classifier, fromCache: true, path };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && !(error instanceof IntentModelFormatError)) throw error;
  }
  const classifier = trainIntentClassifier(args.examples, resolved, args.hooks);
  await mkdir(args.cacheDir, { recursive: true });
  // Write then rename, so a concurrent reader never sees half a file.
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, classifier.serialize());
  await rename(temporary, path);
  return { classifier, fromCache: false, path };
}
