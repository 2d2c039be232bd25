import { describe, expect, it } from 'vitest';
import {
  IntentModelFormatError,
  loadIntentClassifier,
  trainIntentClassifier,
  trainingFingerprint,
  intentClassifierOptionsSchema,
} from '../../../src/nlu/classifier/index.js';
import { extractFeatures } from '../../../src/nlu/classifier/features.js';
import { heldOutUtterances, trainingUtterances, typoUtterances } from './fixtures.js';

const classifier = trainIntentClassifier(trainingUtterances);

function accuracyOn(cases: [string, string][], model = classifier): number {
  return cases.filter(([text, label]) => model.classify(text).label === label).length / cases.length;
}

describe('trainIntentClassifier on a small bilingual set', () => {
  it('learns intents well enough to label unseen paraphrases in both languages', () => {
    expect(classifier.labels).toEqual(['balance', 'card_lost', 'opening_hours', 'transfer']);
    expect(accuracyOn(heldOutUtterances)).toBeGreaterThanOrEqual(0.9);
    for (const [text, label] of trainingUtterances.map((u) => [u.text, u.label])) {
      expect(classifier.classify(text).label, text).toBe(label);
    }
  });

  it('tolerates typos through character n-grams inside words', () => {
    expect(accuracyOn(typoUtterances)).toBeGreaterThanOrEqual(0.75);
  });

  it('handles Chinese without a word segmenter: character n-grams of each CJK run', () => {
    const features = extractFeatures('我要挂失银行卡', { charNgrams: [2, 5], cjkNgrams: [1, 3], wordNgrams: [1, 2], collapseDigits: false });
    expect([...features.chars.keys()]).toEqual(expect.arrayContaining(['z:挂', 'z:挂失', 'z:银行卡', 'z: 我', 'z:卡 ']));
    // "挂失" never appears in training next to these words, yet the run's bigrams carry the intent.
    expect(classifier.classify('信用卡挂失').label).toBe('card_lost');
    expect(classifier.classify('跨行汇款').label).toBe('transfer');
    // Full-width characters are normalised before features.
    expect(classifier.classify('ＣＨＥＣＫ ＢＡＬＡＮＣＥ').label).toBe('balance');
  });

  it('returns a probability-like confidence and a ranking that sums to at most 1', () => {
    const result = classifier.classify('how much money do I have left', { top: Infinity });
    expect(result.label).toBe('balance');
    expect(result.confidence).toBeGreaterThan(0.4);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.ranking).toHaveLength(4);
    expect(result.ranking[0]).toEqual({ label: 'balance', score: result.confidence });
    const total = result.ranking.reduce((sum, r) => sum + r.score, 0);
    expect(total).toBeCloseTo(1, 6);
    for (let i = 1; i < result.ranking.length; i++) expect(result.ranking[i].score).toBeLessThanOrEqual(result.ranking[i - 1].score);
    expect(classifier.classify('balance', { top: 2 }).ranking).toHaveLength(2);
  });

  it('is less confident about text unlike any training utterance', () => {
    const clear = classifier.classify('what is my account balance').confidence;
    const unrelated = classifier.classify('qwzx plorf').confidence;
    const empty = classifier.classify('');
    expect(unrelated).toBeLessThan(clear);
    expect(empty.confidence).toBeLessThan(clear);
    expect(classifier.labels).toContain(empty.label);
  });

  it('is deterministic: the same data, options and seed give the same model', () => {
    const again = trainIntentClassifier(trainingUtterances);
    expect(again.serialize()).toBe(classifier.serialize());
    const otherSeed = trainIntentClassifier(trainingUtterances, { seed: 2 });
    expect(otherSeed.fingerprint).not.toBe(classifier.fingerprint);
  });

  it('round-trips through serialize/load with identical predictions', () => {
    const text = classifier.serialize();
    expect(typeof text).toBe('string');
    const loaded = loadIntentClassifier(text);
    const fromBytes = loadIntentClassifier(Buffer.from(text, 'utf8'));
    expect(loaded.fingerprint).toBe(classifier.fingerprint);
    const probes = [...heldOutUtterances, ...typoUtterances].map(([t]) => t).concat(['', 'qwzx', '转账 transfer']);
    for (const probe of probes) {
      const expected = classifier.classify(probe, { top: Infinity });
      expect(loaded.classify(probe, { top: Infinity })).toEqual(expected);
      expect(fromBytes.classify(probe, { top: Infinity })).toEqual(expected);
    }
  });

  it('rejects data that is not a model', () => {
    expect(() => loadIntentClassifier('hello')).toThrow(IntentModelFormatError);
    const text = classifier.serialize();
    expect(() => loadIntentClassifier(text.replace('TLIC 1', 'TLIC 9'))).toThrow(/format 9/);
    expect(() => loadIntentClassifier(text.slice(0, text.length - 20))).toThrow(IntentModelFormatError);
  });

  it('rejects unusable training data and options', () => {
    expect(() => trainIntentClassifier([{ text: 'a', label: 'x' }, { text: 'b', label: 'x' }])).toThrow(/two different intents/);
    expect(() => trainIntentClassifier([{ text: 'a', label: 'x' }])).toThrow();
    expect(() => trainIntentClassifier(trainingUtterances, { features: { charNgrams: [5, 2] } })).toThrow();
  });

  it('keys the fingerprint on the examples and the resolved options', () => {
    const options = intentClassifierOptionsSchema.parse({});
    const base = trainingFingerprint(trainingUtterances, options);
    expect(trainingFingerprint([...trainingUtterances], options)).toBe(base);
    expect(trainingFingerprint(trainingUtterances.slice(1), options)).not.toBe(base);
    expect(trainingFingerprint(trainingUtterances, intentClassifierOptionsSchema.parse({ seed: 3 }))).not.toBe(base);
  });
});

describe('each learner on its own', () => {
  const off = { softmax: { weight: 0 }, crammerSinger: { weight: 0 }, oneVsRestSvm: { weight: 0 }, naiveBayes: { weight: 0 } };
  it.each(['softmax', 'crammerSinger', 'oneVsRestSvm', 'naiveBayes'] as const)('%s learns the bilingual set', (learner) => {
    const model = trainIntentClassifier(trainingUtterances, { ...off, [learner]: { weight: 1 } });
    expect(accuracyOn(heldOutUtterances, model)).toBeGreaterThanOrEqual(0.8);
  });

  it('refuses an ensemble with no learner', () => {
    expect(() => trainIntentClassifier(trainingUtterances, off)).toThrow(/at least one learner needs a weight above 0/);
  });
});
