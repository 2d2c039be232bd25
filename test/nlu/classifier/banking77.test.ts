import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { trainIntentClassifier } from '../../../src/nlu/classifier/index.js';
import { readLabelledCsv } from '../../../src/nlu/eval/dataset.js';
import { accuracy } from '../../../src/nlu/eval/metrics.js';
import { splitLabelledCsv } from '../../../src/nlu/eval/split-file.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const source = resolve(repoRoot, '../shared/data/banking77/train.csv');

// The same split as `tsx scripts/split-banking77.ts` (3,080 held-out utterances, seed 77), made in a temp dir.
describe.skipIf(!existsSync(source))('Banking77 held-out split', () => {
  it('reaches at least 0.90 accuracy with the default options', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'teller-banking77-'));
    const split = await splitLabelledCsv({ input: source, outDir, testSize: 3080, seed: 77 });
    expect(split.testRows).toBe(3080);
    const [train, test] = await Promise.all([readLabelledCsv(split.train), readLabelledCsv(split.test)]);
    const classifier = trainIntentClassifier(train);
    const predictions = test.map((u) => classifier.classify(u.text).label);
    expect(accuracy(test.map((u) => u.label), predictions)).toBeGreaterThanOrEqual(0.9);
  }, 180_000);
});
