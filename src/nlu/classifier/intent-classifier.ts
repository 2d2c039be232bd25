import { normaliseText } from '../text-normalise.js';
import type { IntentModelState } from './model-state.js';
import { decodeModelState, encodeModelState } from './serialize.js';
import { scoreFeatureMajor } from './sparse.js';
import { Vectorizer } from './vectorizer.js';

export interface RankedIntent {
  label: string;
  /** Probability under the calibrated softmax, in [0, 1]. */
  score: number;
}

export interface IntentPrediction {
  /** The most likely intent. */
  label: string;
  /** Its probability in [0, 1]; compare with a threshold to decide whether to trust it. */
  confidence: number;
  /** The most likely intents, best first. */
  ranking: RankedIntent[];
}

export interface ClassifyOptions {
  /** How many intents `ranking` lists (default 5; Infinity for all). */
  top?: number;
}

/** A trained intent model. Pure and synchronous: classify is a sparse dot product per label. */
export class IntentClassifier {
  private readonly vectorizer: Vectorizer;
  private readonly scores: Float64Array;

  constructor(private readonly state: IntentModelState) {
    this.vectorizer = new Vectorizer({
      config: state.featureConfig,
      features: state.vocabulary,
      idf: Float64Array.from(state.idf),
    });
    this.scores = new Float64Array(state.labels.length);
  }

  get labels(): readonly string[] {
    return this.state.labels;
  }

  /** Hash of the training data and options; a cache entry is valid when it matches. */
  get fingerprint(): string {
    return this.state.fingerprint;
  }

  get temperature(): number {
    return this.state.temperature;
  }

  get featureCount(): number {
    return this.state.vocabulary.length;
  }

  /** Probabilities of every label, in `labels` order. */
  probabilities(text: string): Float64Array {
    const { labels, weights, bias, temperature } = this.state;
    const vector = this.vectorizer.vectorize(normaliseText(text));
    const scores = this.scores;
    scoreFeatureMajor(vector, weights, bias, labels.length, scores);
    let max = -Infinity;
    for (let c = 0; c < scores.length; c++) if (scores[c] > max) max = scores[c];
    const out = new Float64Array(labels.length);
    let sum = 0;
    for (let c = 0; c < scores.length; c++) {
      out[c] = Math.exp((scores[c] - max) / temperature);
      sum += out[c];
    }
    for (let c = 0; c < out.length; c++) out[c] /= sum;
    return out;
  }

  classify(text: string, options: ClassifyOptions = {}): IntentPrediction {
    const probabilities = this.probabilities(text);
    const top = Math.max(1, Math.min(options.top ?? 5, probabilities.length));
    const order = Array.from(probabilities.keys()).sort((a, b) => probabilities[b] - probabilities[a] || a - b);
    const ranking = order.slice(0, top).map((c) => ({ label: this.state.labels[c], score: probabilities[c] }));
    return { label: ranking[0].label, confidence: ranking[0].score, ranking };
  }

  /** A text form for a cache; `loadIntentClassifier` gives back a classifier with identical predictions. */
  serialize(): string {
    return encodeModelState(this.state);
  }
}

/** Loads what `serialize` produced (the string, or its UTF-8 bytes). Throws IntentModelFormatError if it is not a model. */
export function loadIntentClassifier(data: string | Uint8Array): IntentClassifier {
  return new IntentClassifier(decodeModelState(data));
}
