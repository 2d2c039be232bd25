import { extractFeatures, type FeatureConfig, type RawFeatures } from './features.js';
import type { SparseVector } from './sparse.js';

export interface VectorizerConfig extends FeatureConfig {
  /** Keep an n-gram only if this many training utterances contain it. */
  minDf: number;
  /** Relative weight of the character block against the word block (each block is L2-normalised first). */
  charWeight: number;
  wordWeight: number;
}

/** What a fitted vectorizer must remember: its vocabulary in index order and each feature's idf. */
export interface VectorizerState {
  config: VectorizerConfig;
  features: string[];
  idf: Float64Array;
}

/**
 * TF-IDF with sublinear term frequency (1 + ln tf), smooth idf, each block (characters, words)
 * L2-normalised and weighted, then the whole vector L2-normalised.
 */
export class Vectorizer {
  private readonly index: Map<string, number>;

  constructor(readonly state: VectorizerState) {
    this.index = new Map(state.features.map((name, i) => [name, i]));
  }

  get size(): number {
    return this.state.features.length;
  }

  static fit(documents: readonly RawFeatures[], config: VectorizerConfig): Vectorizer {
    const df = new Map<string, number>();
    for (const doc of documents) {
      for (const name of doc.chars.keys()) df.set(name, (df.get(name) ?? 0) + 1);
      for (const name of doc.words.keys()) df.set(name, (df.get(name) ?? 0) + 1);
    }
    const features: string[] = [];
    const idfValues: number[] = [];
    const n = documents.length;
    for (const [name, count] of df) {
      if (count < config.minDf) continue;
      features.push(name);
      idfValues.push(Math.log((1 + n) / (1 + count)) + 1);
    }
    return new Vectorizer({ config, features, idf: Float64Array.from(idfValues) });
  }

  extract(normalised: string): RawFeatures {
    return extractFeatures(normalised, this.state.config);
  }

  transform(raw: RawFeatures): SparseVector {
    const { charWeight, wordWeight } = this.state.config;
    const indices: number[] = [];
    const values: number[] = [];
    const block = (counts: Map<string, number>, weight: number): void => {
      const start = values.length;
      let norm = 0;
      for (const [name, tf] of counts) {
        const i = this.index.get(name);
        if (i === undefined) continue;
        const value = (1 + Math.log(tf)) * this.state.idf[i];
        indices.push(i);
        values.push(value);
        norm += value * value;
      }
      if (norm === 0) return;
      const factor = weight / Math.sqrt(norm);
      for (let k = start; k < values.length; k++) values[k] *= factor;
    };
    block(raw.chars, charWeight);
    block(raw.words, wordWeight);
    let total = 0;
    for (const value of values) total += value * value;
    const factor = total > 0 ? 1 / Math.sqrt(total) : 0;
    return {
      indices: Int32Array.from(indices),
      values: Float64Array.from(values, (value) => value * factor),
    };
  }

  vectorize(normalised: string): SparseVector {
    return this.transform(this.extract(normalised));
  }
}
