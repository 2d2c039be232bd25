/*
 * Okapi BM25 over pre-tokenised documents. Inverted lists are flat typed arrays so that scoring a
 * query is a few hundred multiply-adds with no allocation per document.
 */

export interface Bm25Params {
  /** Term-frequency saturation. Short FAQ questions rarely repeat a term, so a low-ish k1 suits them. */
  k1: number;
  /** Length normalisation strength (0 = none, 1 = full). */
  b: number;
}

interface Postings {
  docs: Int32Array;
  tfs: Float64Array;
}

export interface Bm25Field {
  readonly docCount: number;
  readonly avgLength: number;
  readonly lengths: Float64Array;
  readonly postings: ReadonlyMap<string, Postings>;
}

/** Builds the inverted lists of one field; `docs[i]` is the term list of document i. */
export function buildBm25Field(docs: readonly (readonly string[])[]): Bm25Field {
  const lists = new Map<string, { docs: number[]; tfs: number[] }>();
  const lengths = new Float64Array(docs.length);
  docs.forEach((terms, doc) => {
    lengths[doc] = terms.length;
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let list = lists.get(term);
      if (!list) lists.set(term, (list = { docs: [], tfs: [] }));
      list.docs.push(doc);
      list.tfs.push(tf);
    }
  });
  const postings = new Map<string, Postings>();
  for (const [term, list] of lists) postings.set(term, { docs: Int32Array.from(list.docs), tfs: Float64Array.from(list.tfs) });
  const total = lengths.reduce((sum, length) => sum + length, 0);
  return { docCount: docs.length, avgLength: docs.length ? total / docs.length : 0, lengths, postings };
}

/** Lucene's non-negative IDF: rare terms weigh more, a term in every document still counts a little. */
export function bm25Idf(docCount: number, docFreq: number): number {
  return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
}

/** The saturated, length-normalised term-frequency part of BM25. */
export function bm25Tf(tf: number, length: number, avgLength: number, params: Bm25Params): number {
  const norm = 1 - params.b + params.b * (avgLength > 0 ? length / avgLength : 1);
  return (tf * (params.k1 + 1)) / (tf + params.k1 * norm);
}

/**
 * Adds `weight * bm25Tf` of one term to the score of every document of `field` that contains it.
 * `weight` already holds the term's IDF times its query-side weight.
 */
export function accumulateTerm(field: Bm25Field, term: string, weight: number, params: Bm25Params, scores: Float64Array): void {
  const list = field.postings.get(term);
  if (!list) return;
  for (let i = 0; i < list.docs.length; i++) {
    const doc = list.docs[i];
    scores[doc] += weight * bm25Tf(list.tfs[i], field.lengths[doc], field.avgLength, params);
  }
}
