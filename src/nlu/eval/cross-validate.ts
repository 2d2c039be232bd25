/**
 * Stratified k-fold cross-validation of the intent classifier on one CSV: the way its defaults were chosen,
 * on training data only, never on a held-out test file.
 *
 *   tsx src/nlu/eval/cross-validate.ts --data <csv> [--folds 3] [--seed 1] [--options '<json>']...
 *
 * Each --options is a JSON object of IntentClassifierOptions; one result line per --options (default: {}).
 * Prints `options=<json> accuracy=0.xxxx macroF1=0.xxxx nll=0.xxx ece=0.xxx cpu_s_per_fold=x.x`.
 */
import { parseArgs } from 'node:util';
import { intentClassifierOptionsSchema, trainIntentClassifier, type IntentClassifierOptions } from '../classifier/index.js';
import { stratifiedFolds } from '../classifier/stratified-folds.js';
import { DatasetError, readLabelledCsv, type LabelledUtterance } from './dataset.js';
import { accuracy, macroF1 } from './metrics.js';

class UsageError extends Error {}

interface CrossValidation {
  accuracy: number;
  macroF1: number;
  /** Mean negative log-probability of the true intent. */
  logLoss: number;
  /** Expected calibration error of the top answer's confidence (10 bins). */
  calibrationError: number;
  cpuSecondsPerFold: number;
}

function crossValidate(data: readonly LabelledUtterance[], options: IntentClassifierOptions, folds: number, seed: number): CrossValidation {
  const fold = stratifiedFolds(data, (u) => u.label, folds, seed);
  const predicted: string[] = new Array(data.length);
  const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, correct: 0 }));
  let logLoss = 0;
  let cpu = 0;
  for (let f = 0; f < folds; f++) {
    const train = data.filter((_, i) => fold[i] !== f);
    const started = process.cpuUsage();
    const classifier = trainIntentClassifier(train, options);
    const used = process.cpuUsage(started);
    cpu += (used.user + used.system) / 1e6;
    data.forEach((u, i) => {
      if (fold[i] !== f) return;
      const probabilities = classifier.probabilities(u.text);
      const result = classifier.classify(u.text, { top: 1 });
      predicted[i] = result.label;
      const truth = classifier.labels.indexOf(u.label);
      logLoss -= Math.log(Math.max(truth >= 0 ? probabilities[truth] : 0, 1e-12));
      const bin = bins[Math.min(9, Math.floor(result.confidence * 10))];
      bin.n++;
      bin.confidence += result.confidence;
      bin.correct += result.label === u.label ? 1 : 0;
    });
  }
  const truth = data.map((u) => u.label);
  return {
    accuracy: accuracy(truth, predicted),
    macroF1: macroF1(truth, predicted),
    logLoss: logLoss / data.length,
    calibrationError: bins.reduce((sum, b) => sum + Math.abs(b.correct - b.confidence), 0) / data.length,
    cpuSecondsPerFold: cpu / folds,
  };
}

async function main(): Promise<void> {
  let values: { data?: string; folds?: string; seed?: string; options?: string[] };
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        folds: { type: 'string', default: '3' },
        seed: { type: 'string', default: '1' },
        options: { type: 'string', multiple: true },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.data) throw new UsageError('--data <csv> is required');
  const folds = Number(values.folds);
  const seed = Number(values.seed);
  if (!Number.isInteger(folds) || folds < 2 || !Number.isInteger(seed)) throw new UsageError('--folds must be an integer >= 2 and --seed an integer');
  const variants = (values.options ?? ['{}']).map((json) => {
    try {
      const options = JSON.parse(json) as unknown;
      intentClassifierOptionsSchema.parse(options); // fail before any training
      return options as IntentClassifierOptions;
    } catch (error) {
      throw new UsageError(`--options ${json}: ${(error as Error).message}`);
    }
  });
  const data = await readLabelledCsv(values.data);
  console.error(`${data.length} utterances, ${folds} folds`);
  for (const options of variants) {
    const r = crossValidate(data, options, folds, seed);
    console.log(
      `options=${JSON.stringify(options)} accuracy=${r.accuracy.toFixed(4)} macroF1=${r.macroF1.toFixed(4)} ` +
        `nll=${r.logLoss.toFixed(3)} ece=${r.calibrationError.toFixed(3)} cpu_s_per_fold=${r.cpuSecondsPerFold.toFixed(1)}`,
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof DatasetError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  console.error(error);
  process.exitCode = 1;
});
