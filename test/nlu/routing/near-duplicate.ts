// Near-duplicate detection between evaluation lines and training utterances:
// an evaluation set that repeats its training data measures memory, not routing.

/** Comparison key: NFKC, lower case, no whitespace, punctuation, symbols or emoji. */
export function comparisonKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\p{Extended_Pictographic}]+/gu, '');
}

function bigrams(key: string): Map<string, number> {
  const chars = [...key];
  const grams = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient over character-bigram multisets of two keys, 0..1. */
export function bigramDice(a: string, b: string): number {
  if (a === b) return 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let total = 0;
  let shared = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

/** 1 − Levenshtein distance / longer length, over code points, 0..1. */
export function editSimilarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0 && y.length === 0) return 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return 1 - previous[y.length] / Math.max(x.length, y.length);
}

/**
 * Similarity of two comparison keys: the larger of bigram Dice (catches reordered
 * English words) and edit similarity (catches a swapped word in short Chinese text,
 * where one changed character breaks two bigrams).
 */
export function keySimilarity(ka: string, kb: string): number {
  if (ka === kb) return 1;
  if ([...ka].length < MIN_FUZZY_LENGTH || [...kb].length < MIN_FUZZY_LENGTH) return 0;
  return Math.max(bigramDice(ka, kb), editSimilarity(ka, kb));
}

/** Keys shorter than this must match exactly: "您好" and "你好" are different greetings, not copies. */
const MIN_FUZZY_LENGTH = 4;
export const NEAR_DUPLICATE_THRESHOLD = 0.75;

export function isNearDuplicate(a: string, b: string, threshold = NEAR_DUPLICATE_THRESHOLD): boolean {
  return keySimilarity(comparisonKey(a), comparisonKey(b)) >= threshold;
}

export interface NearDuplicatePair {
  a: string;
  b: string;
  similarity: number;
}

/** Every pair (a from `left`, b from `right`) that is a near-duplicate. */
export function findNearDuplicates(
  left: readonly string[],
  right: readonly string[],
  threshold = NEAR_DUPLICATE_THRESHOLD,
): NearDuplicatePair[] {
  const rightKeys = right.map((t) => ({ text: t, key: comparisonKey(t) }));
  const pairs: NearDuplicatePair[] = [];
  for (const a of left) {
    const ka = comparisonKey(a);
    for (const { text: b, key: kb } of rightKeys) {
      const similarity = keySimilarity(ka, kb);
      if (similarity >= threshold) pairs.push({ a, b, similarity });
    }
  }
  return pairs;
}
