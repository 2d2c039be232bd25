// Near-duplicate detection between evaluation lines and training utterances:
// an evaluation set that repeats its training data measures memory, not routing.

/** Comparison key: NFKC, lower case, no whitespace, punctuation, symbols or emoji. */
export function comparisonKey(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  const key = folded.replace(/[\s\p{P}\p{S}\p{Extended_Pictographic}]+/gu, '');
  // A message of only punctuation or emoji ("👋", "???") is compared as written, so that a wave and a
  // thumbs-up are different lines while "？？？" and "???" are still one.
  return key || folded.replace(/\s+/g, '');
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

interface PreparedKey {
  text: string;
  key: string;
  chars: string[];
  grams: Map<string, number>;
  gramCount: number;
}

function prepare(text: string): PreparedKey {
  const key = comparisonKey(text);
  const chars = [...key];
  return { text, key, chars, grams: bigrams(key), gramCount: Math.max(0, chars.length - 1) };
}

function diceOf(a: PreparedKey, b: PreparedKey): number {
  const total = a.gramCount + b.gramCount;
  if (total === 0) return 0;
  const [small, large] = a.grams.size <= b.grams.size ? [a.grams, b.grams] : [b.grams, a.grams];
  let shared = 0;
  for (const [g, n] of small) shared += Math.min(n, large.get(g) ?? 0);
  return (2 * shared) / total;
}

/** Levenshtein distance, or `limit + 1` as soon as it is known to exceed `limit`. */
function boundedDistance(x: readonly string[], y: readonly string[], limit: number): number {
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[y.length];
}

/**
 * keySimilarity(a, b) when it is at least `threshold`, else null. Same answers as keySimilarity, faster:
 * pairs whose lengths alone rule both measures out are skipped (edit similarity is at most
 * shorter/longer, Dice at most 2·min/(sum) bigrams), and the edit distance stops once it is too large.
 */
function similarityAtLeast(a: PreparedKey, b: PreparedKey, threshold: number): number | null {
  if (a.key === b.key) return 1;
  const la = a.chars.length;
  const lb = b.chars.length;
  if (la < MIN_FUZZY_LENGTH || lb < MIN_FUZZY_LENGTH) return null;
  const longer = Math.max(la, lb);
  const editBound = Math.min(la, lb) / longer;
  const diceBound = (2 * Math.min(a.gramCount, b.gramCount)) / (a.gramCount + b.gramCount);
  if (editBound < threshold && diceBound < threshold) return null;
  const dice = diceBound >= threshold ? diceOf(a, b) : 0;
  if (editBound < threshold) return dice >= threshold ? dice : null;
  // Beyond this distance the edit similarity is below the threshold, so it cannot change the answer.
  const limit = Math.floor(longer * (1 - threshold) + 1e-9);
  const distance = boundedDistance(a.chars, b.chars, limit);
  const edit = distance > limit ? 0 : 1 - distance / longer;
  const similarity = Math.max(dice, edit);
  return similarity >= threshold ? similarity : null;
}

/** Every pair (a from `left`, b from `right`) that is a near-duplicate, with its keySimilarity. */
export function findNearDuplicates(
  left: readonly string[],
  right: readonly string[],
  threshold = NEAR_DUPLICATE_THRESHOLD,
): NearDuplicatePair[] {
  const rightKeys = right.map(prepare);
  const pairs: NearDuplicatePair[] = [];
  for (const a of left.map(prepare)) {
    for (const b of rightKeys) {
      const similarity = similarityAtLeast(a, b, threshold);
      if (similarity !== null) pairs.push({ a: a.text, b: b.text, similarity });
    }
  }
  return pairs;
}
