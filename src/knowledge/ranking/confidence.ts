/*
 * Turns raw BM25 scores, which grow with query length and term rarity, into a [0, 1] confidence that a
 * single threshold can cut. Two pieces of evidence:
 *  - coverage: the entry's score over the query's self-match score (the query scored against a question
 *    identical to itself). Words the knowledge base has never seen ("weather", "笑话") count fully in the
 *    self-match and not at all in any entry, so off-topic text lands near 0.
 *  - separation: how far the entry stands above the best other entry. Two near-equal candidates mean the
 *    bot should ask which one was meant rather than pick, so with `floor` below the answer threshold a
 *    tie can never be answered directly, however well it covers the query.
 */

export interface ConfidenceParams {
  /** Share of confidence that does not depend on separation (a clear winner scores up to 1). */
  floor: number;
  /** Relative margin below which two candidates count as a tie (no separation at all). */
  tieMargin: number;
  /** Relative margin at which separation is counted as complete. */
  fullMargin: number;
}

export function rankingConfidence(score: number, bestOther: number, selfScore: number, params: ConfidenceParams): number {
  if (score <= 0 || selfScore <= 0) return 0;
  const coverage = Math.min(1, score / selfScore);
  const margin = Math.max(0, (score - bestOther) / score);
  const separation = Math.min(1, Math.max(0, margin - params.tieMargin) / (params.fullMargin - params.tieMargin));
  return coverage * (params.floor + (1 - params.floor) * separation);
}
