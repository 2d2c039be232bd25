import { tokenize } from './tokenize.js';

/** Which n-grams describe an utterance. Ranges are inclusive. */
export interface FeatureConfig {
  /** Character n-grams inside each Latin word padded with spaces: robust to typos and inflection. */
  charNgrams: readonly [number, number];
  /** Character n-grams inside each CJK run: Chinese needs no word segmenter. */
  cjkNgrams: readonly [number, number];
  /** Word n-grams over the token sequence (a CJK run counts as one token). */
  wordNgrams: readonly [number, number];
  /** Map every digit to 0 so that "£20" and "£50" share features. */
  collapseDigits: boolean;
}

/** Feature name to raw count, split in groups that are weighted and normalised separately. */
export interface RawFeatures {
  chars: Map<string, number>;
  words: Map<string, number>;
}

const SURROGATE = /[\uD800-\uDFFF]/;

function add(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function addCharNgrams(
  map: Map<string, number>,
  word: string,
  [min, max]: readonly [number, number],
  prefix: string,
): void {
  const padded = ` ${word} `;
  // Slice by code points only when there are astral characters (rare CJK extensions, emoji are not tokens).
  const chars: string | string[] = SURROGATE.test(padded) ? Array.from(padded) : padded;
  const gram = typeof chars === 'string' ? (i: number, n: number) => padded.slice(i, i + n) : (i: number, n: number) => chars.slice(i, i + n).join('');
  for (let n = min; n <= max; n++) {
    if (n > chars.length) break;
    for (let i = 0; i + n <= chars.length; i++) {
      // A lone padding space says nothing.
      if (n === 1 && (i === 0 || i === chars.length - 1)) continue;
      add(map, prefix + gram(i, n));
    }
  }
}

/** Extracts n-gram counts from text that has already been through `normaliseText`. */
export function extractFeatures(normalised: string, config: FeatureConfig): RawFeatures {
  const text = config.collapseDigits ? normalised.replace(/\p{Nd}/gu, '0') : normalised;
  const tokens = tokenize(text);
  const chars = new Map<string, number>();
  const words = new Map<string, number>();
  for (const token of tokens) {
    if (token.cjk) addCharNgrams(chars, token.text, config.cjkNgrams, 'z:');
    else addCharNgrams(chars, token.text, config.charNgrams, 'c:');
  }
  const [minWord, maxWord] = config.wordNgrams;
  for (let n = minWord; n <= maxWord; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      let gram = tokens[i].text;
      for (let k = 1; k < n; k++) gram += ' ' + tokens[i + k].text;
      add(words, 'w:' + gram);
    }
  }
  return { chars, words };
}
