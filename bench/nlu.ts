/**
 * Benchmarks Teller's intent classifier against NLP.js (@nlpjs/nlp + @nlpjs/lang-en) on the same split.
 * Prints numbers only; it asserts nothing.
 *
 *   npm run bench:nlu -- [--train <csv>] [--test <csv>] [--nlpjs-iterations <n>] [--skip-nlpjs]
 *
 * Without --train/--test it uses .cache/banking77/{train,test}.csv, creating them from
 * ../shared/data/banking77/train.csv (scripts/split-banking77.ts defaults) when missing.
 * NLP.js runs with its defaults; --nlpjs-iterations N runs it instead with N training iterations and
 * no early stop on the error delta (its defaults stop after a few dozen epochs on 77 intents).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { trainIntentClassifier } from '../src/nlu/classifier/index.js';
import { DatasetError, readLabelledCsv, type LabelledUtterance } from '../src/nlu/eval/dataset.js';
import { evaluateClassifier, type EvaluationReport } from '../src/nlu/eval/evaluate.js';
import { splitLabelledCsv } from '../src/nlu/eval/split-file.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../..');
const require = createRequire(import.meta.url);

/** The little of NLP.js's (untyped, CommonJS) API this benchmark uses. */
interface NlpJsContainer {
  use(plugin: unknown): void;
  get(name: 'nlp'): NlpJsNlp;
  register(name: string, instance: unknown, isSingleton?: boolean): void;
  getConfiguration(tag: string): Record<string, unknown> | undefined;
}
interface NlpJsNlp {
  settings: Record<string, unknown>;
  addLanguage(locale: string): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<{ intent: string; score: number; classifications?: { intent: string; score: number }[] }>;
}

interface Row {
  name: string;
  report: EvaluationReport;
  /** CPU seconds of the training run: unlike wall time, barely affected by other work on the machine. */
  trainCpuSeconds: number;
  note: string;
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function benchTeller(train: LabelledUtterance[], test: LabelledUtterance[]): Promise<Row> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const classifier = trainIntentClassifier(train);
  const trainCpuSeconds = cpuSecondsSince(cpu);
  const trainSeconds = (performance.now() - started) / 1000;
  console.error(`teller: trained in ${trainSeconds.toFixed(1)}s`);
  const report = await evaluateClassifier(classifier, test, trainSeconds);
  return { name: 'teller (tf-idf ensemble)', report, trainCpuSeconds, note: `${classifier.featureCount} features` };
}

async function benchNlpJs(train: LabelledUtterance[], test: LabelledUtterance[], iterations: number | undefined): Promise<Row> {
  const { containerBootstrap } = require('@nlpjs/core') as { containerBootstrap: () => Promise<NlpJsContainer> };
  const { Nlp } = require('@nlpjs/nlp') as { Nlp: unknown };
  const { LangEn } = require('@nlpjs/lang-en') as { LangEn: unknown };
  const container = await containerBootstrap();
  const silent = { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error() {}, fatal() {} };
  container.register('logger', silent, true);
  container.use(Nlp);
  container.use(LangEn);
  // The NLU settings per locale ("nlu-??", registered by the Nlp plugin) reach its neural network as-is.
  // Change them in place so its other defaults stay; `log: true` there prints every epoch.
  const nluSettings = container.getConfiguration('nlu-??');
  if (!nluSettings) throw new Error('NLP.js registered no "nlu-??" configuration; its API changed');
  Object.assign(nluSettings, { log: false });
  if (iterations !== undefined) Object.assign(nluSettings, { iterations, deltaErrorThresh: 0 });
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.autoLoad = false;
  nlp.addLanguage('en');
  for (const u of train) nlp.addDocument('en', u.text, u.label);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await nlp.train();
  const trainCpuSeconds = cpuSecondsSince(cpu);
  const trainSeconds = (performance.now() - started) / 1000;
  console.error(`nlp.js: trained in ${trainSeconds.toFixed(1)}s`);
  let none = 0;
  let topHits = 0;
  const report = await evaluateClassifier(
    {
      classify: async (text: string) => {
        const result = await nlp.process('en', text);
        if (result.intent === 'None') none++;
        return { label: result.intent };
      },
    },
    test,
    trainSeconds,
  );
  // Accuracy of its top guess, ignoring its 0.5 threshold (answers under it come back as "None").
  for (const u of test) {
    const result = await nlp.process('en', u.text);
    if ((result.classifications?.[0]?.intent ?? result.intent) === u.label) topHits++;
  }
  const label = iterations === undefined ? 'nlp.js (defaults)' : `nlp.js (${iterations} iterations)`;
  return {
    name: label,
    report,
    trainCpuSeconds,
    note: `None ${((100 * none) / test.length).toFixed(1)}%, top-1 ignoring threshold ${(topHits / test.length).toFixed(3)}`,
  };
}

function printTable(rows: Row[], train: number, test: number): void {
  const header = ['system', 'accuracy', 'macroF1', 'train_s', 'train_cpu_s', 'p50_ms', 'p99_ms', 'note'];
  const body = rows.map(({ name, report, trainCpuSeconds, note }) => [
    name,
    report.accuracy.toFixed(3),
    report.macroF1.toFixed(3),
    report.trainSeconds.toFixed(1),
    trainCpuSeconds.toFixed(1),
    report.p50Ms.toFixed(3),
    report.p99Ms.toFixed(3),
    note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`intent classification, ${train} training and ${test} test utterances`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of body) console.log(line(row));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      'nlpjs-iterations': { type: 'string' },
      'skip-nlpjs': { type: 'boolean', default: false },
    },
  });
  let trainPath = values.train;
  let testPath = values.test;
  if (!trainPath || !testPath) {
    const dir = resolve(repoRoot, '.cache/banking77');
    trainPath = resolve(dir, 'train.csv');
    testPath = resolve(dir, 'test.csv');
    if (!existsSync(trainPath) || !existsSync(testPath)) {
      console.error('creating the Banking77 split in .cache/banking77');
      await splitLabelledCsv({ input: resolve(repoRoot, '../shared/data/banking77/train.csv'), outDir: dir, testSize: 3080, seed: 77 });
    }
  }
  const iterationsArg = values['nlpjs-iterations'];
  const iterations = iterationsArg === undefined ? undefined : Number(iterationsArg);
  if (iterations !== undefined && (!Number.isInteger(iterations) || iterations <= 0)) {
    throw new DatasetError('--nlpjs-iterations must be a positive integer');
  }
  const [train, test] = await Promise.all([readLabelledCsv(trainPath), readLabelledCsv(testPath)]);
  const rows = [await benchTeller(train, test)];
  if (!values['skip-nlpjs']) rows.push(await benchNlpJs(train, test, iterations));
  printTable(rows, train.length, test.length);
}

main().catch((error: unknown) => {
  console.error(error instanceof DatasetError ? `error: ${error.message}` : error);
  process.exitCode = error instanceof DatasetError ? 2 : 1;
});
