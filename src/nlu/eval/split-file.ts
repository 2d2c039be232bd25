import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readLabelledCsv, utterancesToCsv } from './dataset.js';
import { stratifiedSplit } from '../classifier/stratified-split.js';

export interface SplitFileOptions {
  input: string;
  outDir: string;
  testSize: number;
  seed: number;
}

/** Splits a `text,category` CSV into `<outDir>/train.csv` and `<outDir>/test.csv`. */
export async function splitLabelledCsv(options: SplitFileOptions): Promise<{ train: string; test: string; trainRows: number; testRows: number }> {
  const utterances = await readLabelledCsv(options.input);
  const { train, test } = stratifiedSplit(utterances, (u) => u.label, { testSize: options.testSize, seed: options.seed });
  await mkdir(options.outDir, { recursive: true });
  const trainPath = join(options.outDir, 'train.csv');
  const testPath = join(options.outDir, 'test.csv');
  await writeFile(trainPath, utterancesToCsv(train));
  await writeFile(testPath, utterancesToCsv(test));
  return { train: trainPath, test: testPath, trainRows: train.length, testRows: test.length };
}
