/**
 * Makes a deterministic stratified train/test split of the Banking77 training file, since the official
 * test split is not available. Default: 3,080 held-out rows (the official test size), seed 77,
 * written to .cache/banking77/{train,test}.csv.
 *
 *   tsx scripts/split-banking77.ts [--input <csv>] [--out <dir>] [--test-size 3080] [--seed 77]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DatasetError } from '../src/nlu/eval/dataset.js';
import { splitLabelledCsv } from '../src/nlu/eval/split-file.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      input: { type: 'string', default: resolve(repoRoot, '../shared/data/banking77/train.csv') },
      out: { type: 'string', default: resolve(repoRoot, '.cache/banking77') },
      'test-size': { type: 'string', default: '3080' },
      seed: { type: 'string', default: '77' },
    },
  });
  const testSize = Number(values['test-size']);
  const seed = Number(values.seed);
  if (!Number.isInteger(testSize) || testSize <= 0 || !Number.isInteger(seed)) {
    throw new DatasetError('--test-size must be a positive integer and --seed an integer');
  }
  const result = await splitLabelledCsv({ input: values.input!, outDir: values.out!, testSize, seed });
  console.log(`train=${result.train} rows=${result.trainRows}`);
  console.log(`test=${result.test} rows=${result.testRows}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof DatasetError || error instanceof TypeError ? `error: ${(error as Error).message}` : error);
  process.exitCode = 2;
});
