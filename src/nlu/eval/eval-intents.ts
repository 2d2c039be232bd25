/**
 * Trains Teller's intent classifier on one CSV and measures it on another.
 *
 *   npm run eval:intents -- --train <csv> --test <csv> [--seed 1]
 *
 * CSV header `text,category`. Progress goes to stderr; the last stdout line is
 * `accuracy=0.xxx macroF1=0.xxx p50_ms=x.xxx p99_ms=x.xxx train_s=x.x`.
 * Exit code 2 for bad arguments or a missing/malformed file.
 */
import { parseArgs } from 'node:util';
import { trainIntentClassifier } from '../classifier/index.js';
import { DatasetError, readLabelledCsv } from './dataset.js';
import { evaluateClassifier, formatSummaryLine } from './evaluate.js';

class UsageError extends Error {}

const USAGE = 'usage: npm run eval:intents -- --train <csv> --test <csv> [--seed <int>]';

function parseCommandLine(argv: string[]): { train: string; test: string; seed: number } {
  let values: { train?: string; test?: string; seed?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { train: { type: 'string' }, test: { type: 'string' }, seed: { type: 'string' } },
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.train || !values.test) throw new UsageError(`--train and --test are required\n${USAGE}`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer\n${USAGE}`);
  return { train: values.train, test: values.test, seed };
}

async function main(): Promise<void> {
  const args = parseCommandLine(process.argv.slice(2));
  const [train, test] = await Promise.all([readLabelledCsv(args.train), readLabelledCsv(args.test)]);
  const labels = new Set(train.map((u) => u.label));
  console.error(`train: ${train.length} utterances, ${labels.size} intents (${args.train})`);
  console.error(`test: ${test.length} utterances (${args.test})`);
  const unseen = new Set(test.filter((u) => !labels.has(u.label)).map((u) => u.label));
  if (unseen.size > 0) console.error(`warning: ${unseen.size} test intents never occur in training: ${[...unseen].slice(0, 5).join(', ')}`);

  const started = performance.now();
  const cpu = process.cpuUsage();
  const classifier = trainIntentClassifier(train, { seed: args.seed }, {
    onProgress: ({ stage, elapsedMs }) => console.error(`  [${(elapsedMs / 1000).toFixed(1)}s] ${stage}`),
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  console.error(
    `trained in ${trainSeconds.toFixed(1)}s (${((used.user + used.system) / 1e6).toFixed(1)}s CPU): ` +
      `${classifier.featureCount} features, temperature ${classifier.temperature.toFixed(3)}`,
  );

  const report = await evaluateClassifier(classifier, test, trainSeconds, {
    onProgress: (done) => console.error(`  classified ${done}/${test.length}`),
  });
  console.log(formatSummaryLine(report));
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
