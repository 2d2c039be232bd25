import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrTrainIntentClassifier } from '../../../src/nlu/classifier/index.js';
import { heldOutUtterances, trainingUtterances } from './fixtures.js';

describe('loadOrTrainIntentClassifier', () => {
  it('trains once, then loads the same model from the cache; other data means another entry', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'teller-intents-'));
    const first = await loadOrTrainIntentClassifier({ examples: trainingUtterances, cacheDir });
    expect(first.fromCache).toBe(false);
    const second = await loadOrTrainIntentClassifier({ examples: trainingUtterances, cacheDir });
    expect(second.fromCache).toBe(true);
    expect(second.path).toBe(first.path);
    for (const [text] of heldOutUtterances) expect(second.classifier.classify(text)).toEqual(first.classifier.classify(text));

    const third = await loadOrTrainIntentClassifier({ examples: trainingUtterances.slice(1), cacheDir });
    expect(third.fromCache).toBe(false);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith('.tlic'))).toHaveLength(2);
  });

  it('retrains over a corrupt cache file', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'teller-intents-'));
    const { path } = await loadOrTrainIntentClassifier({ examples: trainingUtterances, cacheDir });
    await writeFile(path, 'garbage');
    const again = await loadOrTrainIntentClassifier({ examples: trainingUtterances, cacheDir });
    expect(again.fromCache).toBe(false);
    expect((await loadOrTrainIntentClassifier({ examples: trainingUtterances, cacheDir })).fromCache).toBe(true);
  });
});
