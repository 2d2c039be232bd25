import type { KnowledgeEntry, KnowledgeLocale } from '../format/entry-schema.js';
import { stripPlaceholders } from '../format/placeholders.js';
import { accumulateTerm, bm25Idf, bm25Tf, buildBm25Field, type Bm25Field, type Bm25Params } from './bm25.js';
import { rankingConfidence, type ConfidenceParams } from './confidence.js';
import { buildSpellingCorrector, type SpellingCorrector } from './spelling.js';
import { tokenize, type Term, type TermKind } from './tokenize.js';

export interface RankingParams extends Bm25Params, ConfidenceParams {
  /** Weight of the answer's BM25 score, added to the phrasing score as supporting evidence. */
  answerWeight: number;
  /**
   * Share of the phrasing score taken from all of an entry's phrasings pooled into one document rather
   * than from its best single phrasing (max-pooling). Pooling lets words spread over phrasings add up;
   * the max-pooled part rewards one phrasing that matches closely.
   */
  pooledWeight: number;
  /** Query-side weight per term kind. */
  termWeights: Record<TermKind, number>;
}

/**
 * Tuned on the first held-out set (test/knowledge/fixtures/held-out-queries.ts) by grid search; the
 * accuracy surface is flat around these values (k1 0.9–1.5, b 0.6–0.9 change at most one query).
 * `floor` sits below DEFAULT_CONFIDENCE_THRESHOLD on purpose: a tie between two entries is never
 * confident enough to answer without asking.
 */
export const DEFAULT_RANKING_PARAMS: RankingParams = {
  k1: 1.2,
  b: 0.75,
  answerWeight: 0.2,
  pooledWeight: 0.85,
  termWeights: { word: 1, phrase: 0.5, bigram: 1, unigram: 0.5 },
  floor: 0.25,
  tieMargin: 0.05,
  fullMargin: 0.3,
};

/**
 * Suggested cut: answer directly at or above it; below it, ask which of the top entries was meant or
 * fall back. Chosen on the held-out sets: ~91% of correct top-1 results reach it, ~25% of wrong ones
 * do, and the off-topic small talk in test/knowledge/fixtures stays below it.
 */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.3;

export interface KnowledgeSearchOptions {
  /** Search one locale; without it every locale is searched and results merged by confidence. */
  locale?: KnowledgeLocale;
  /** Maximum number of results (default 5). */
  limit?: number;
}

export interface KnowledgeSearchResult {
  entryId: string;
  score: number;
  /** In [0, 1]: compare with a threshold such as DEFAULT_CONFIDENCE_THRESHOLD. */
  confidence: number;
  /** The entry's phrasing that matched best, e.g. for a "did you mean…" button. */
  matchedQuestion: string;
}

export interface KnowledgeIndex {
  search(query: string, options?: KnowledgeSearchOptions): KnowledgeSearchResult[];
  getEntry(entryId: string): KnowledgeEntry | undefined;
  readonly size: number;
}

interface LocaleIndex {
  entries: KnowledgeEntry[];
  /** One document per phrasing. */
  questions: Bm25Field;
  /** Entry index of each phrasing document. */
  questionEntry: Int32Array;
  questionText: string[];
  /** One document per entry: all its phrasings and tags together. */
  pooled: Bm25Field;
  /** One document per entry: its answer. */
  answers: Bm25Field;
  /** IDF over entries' phrasings and tags: how well a term tells one intent from another. */
  questionIdf: Map<string, number>;
  /** IDF over answers, for the answer field. */
  answerIdf: Map<string, number>;
  /** IDF of a term no phrasing contains, used in the query's self-match. */
  unseenIdf: number;
  speller: SpellingCorrector;
  /** Phrasing document by normalised text, for messages that repeat a phrasing exactly (e.g. a tapped suggestion). */
  exact: Map<string, number>;
  /** Score buffers reused by every search (searches are synchronous), to spare the garbage collector. */
  scratch: {
    questionScores: Float64Array;
    pooledScores: Float64Array;
    answerScores: Float64Array;
    bestScore: Float64Array;
    bestQuestion: Int32Array;
    entryScores: Float64Array;
  };
}

/** Case, width and punctuation do not make two phrasings different. */
function exactKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const texts = (terms: Term[]) => terms.map((term) => term.text);

/** IDF with one document per entry, so an entry with eight phrasings does not dilute its own words. */
function entryIdf(docsPerEntry: readonly (readonly string[])[]): Map<string, number> {
  const docFreq = new Map<string, number>();
  for (const terms of docsPerEntry) for (const term of new Set(terms)) docFreq.set(term, (docFreq.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [term, df] of docFreq) idf.set(term, bm25Idf(docsPerEntry.length, df));
  return idf;
}

function buildLocaleIndex(entries: KnowledgeEntry[]): LocaleIndex {
  const questionDocs: string[][] = [];
  const exact = new Map<string, number>();
  const questionEntry: number[] = [];
  const questionText: string[] = [];
  const pooledDocs: string[][] = [];
  const answerDocs: string[][] = [];
  entries.forEach((entry, e) => {
    const pooled: string[] = [];
    for (const question of entry.questions) {
      const terms = texts(tokenize(question));
      questionDocs.push(terms);
      questionEntry.push(e);
      questionText.push(question);
      pooled.push(...terms);
      if (!exact.has(exactKey(question))) exact.set(exactKey(question), questionDocs.length - 1);
    }
    // Tags are the author's keywords for the entry: evidence for it, though not a phrasing.
    for (const tag of entry.tags) pooled.push(...texts(tokenize(tag)));
    pooledDocs.push(pooled);
    answerDocs.push(texts(tokenize(stripPlaceholders(entry.answer))));
  });

  const questionIdf = entryIdf(pooledDocs);
  const answerIdf = entryIdf(answerDocs);
  // Spelling candidates: every word the entries use, weighted by how many entries use it.
  const vocabulary = new Map<string, number>();
  for (const docs of [pooledDocs, answerDocs]) {
    for (const doc of docs) for (const term of new Set(doc)) vocabulary.set(term, (vocabulary.get(term) ?? 0) + 1);
  }
  return {
    entries,
    questions: buildBm25Field(questionDocs),
    questionEntry: Int32Array.from(questionEntry),
    questionText,
    pooled: buildBm25Field(pooledDocs),
    answers: buildBm25Field(answerDocs),
    questionIdf,
    answerIdf,
    unseenIdf: bm25Idf(entries.length, 0),
    speller: buildSpellingCorrector(vocabulary),
    exact,
    scratch: {
      questionScores: new Float64Array(questionDocs.length),
      pooledScores: new Float64Array(entries.length),
      answerScores: new Float64Array(entries.length),
      bestScore: new Float64Array(entries.length),
      bestQuestion: new Int32Array(entries.length),
      entryScores: new Float64Array(entries.length),
    },
  };
}

/** The `limit` best entries of one locale, best first (by score; confidence falls with score below the top). */
function searchLocale(index: LocaleIndex, query: string, params: RankingParams, limit: number): KnowledgeSearchResult[] {
  const terms = tokenize(query, { correctWord: index.speller.correct });
  if (terms.length === 0) return [];
  const counts = new Map<string, { tf: number; weight: number; corrected: boolean }>();
  for (const term of terms) {
    const seen = counts.get(term.text);
    if (seen) seen.tf++;
    else counts.set(term.text, { tf: 1, weight: params.termWeights[term.kind], corrected: term.corrected === true });
  }

  const entryCount = index.entries.length;
  const { questionScores, pooledScores, answerScores, bestScore, bestQuestion, entryScores } = index.scratch;
  questionScores.fill(0);
  pooledScores.fill(0);
  answerScores.fill(0);
  bestScore.fill(0);
  bestQuestion.fill(-1);
  let selfScore = 0;
  for (const [term, { tf, weight, corrected }] of counts) {
    const idf = index.questionIdf.get(term);
    // The self-match scores the query as a phrasing of its own; words no phrasing uses count in full,
    // which is what pulls the confidence of off-topic messages down. A spelling guess counts halfway.
    const selfIdf = idf === undefined ? index.unseenIdf : corrected ? (idf + index.unseenIdf) / 2 : idf;
    selfScore += weight * selfIdf * bm25Tf(tf, terms.length, index.questions.avgLength, params);
    if (idf !== undefined) {
      accumulateTerm(index.questions, term, weight * idf, params, questionScores);
      accumulateTerm(index.pooled, term, weight * idf, params, pooledScores);
    }
    const answerIdf = index.answerIdf.get(term);
    if (answerIdf !== undefined) accumulateTerm(index.answers, term, weight * answerIdf * params.answerWeight, params, answerScores);
  }

  // Max-pool the phrasings: the best single phrasing of each entry...
  for (let doc = 0; doc < questionScores.length; doc++) {
    const e = index.questionEntry[doc];
    if (questionScores[doc] > bestScore[e]) {
      bestScore[e] = questionScores[doc];
      bestQuestion[e] = doc;
    }
  }
  // ...blended with all phrasings pooled, plus the answer as weaker evidence.
  const ranked: number[] = [];
  for (let e = 0; e < entryCount; e++) {
    entryScores[e] = (1 - params.pooledWeight) * bestScore[e] + params.pooledWeight * pooledScores[e] + answerScores[e];
    if (entryScores[e] > 0) ranked.push(e);
  }
  // A message that repeats one of an entry's phrasings word for word is that entry, whatever the scores.
  const exactDoc = index.exact.get(exactKey(query));
  const exactEntry = exactDoc === undefined ? undefined : index.questionEntry[exactDoc];
  if (exactDoc !== undefined && exactEntry !== undefined) {
    entryScores[exactEntry] = Math.max(entryScores[exactEntry], ...ranked.map((e) => entryScores[e]));
    bestQuestion[exactEntry] = exactDoc;
  }
  ranked.sort((a, b) => entryScores[b] - entryScores[a] || Number(b === exactEntry) - Number(a === exactEntry) || a - b);
  const top = ranked.length ? entryScores[ranked[0]] : 0;
  const runnerUp = ranked.length > 1 ? entryScores[ranked[1]] : 0;

  return ranked.slice(0, limit).map((e, rank) => {
    const score = entryScores[e];
    const entry = index.entries[e];
    return {
      entryId: entry.id,
      score,
      confidence: e === exactEntry ? 1 : rankingConfidence(score, rank === 0 ? runnerUp : top, selfScore, params),
      matchedQuestion: bestQuestion[e] >= 0 ? index.questionText[bestQuestion[e]] : entry.questions[0],
    };
  });
}

/**
 * Builds an in-memory BM25 index per locale: every phrasing is a document, every entry also has a
 * pooled document (all phrasings and tags) and an answer document; an entry's score blends its best
 * phrasing, its pooled document and (with a lower weight) its answer. Pure and cheap to build
 * (milliseconds for the default knowledge base), so callers rebuild it when the knowledge base changes.
 */
export function buildKnowledgeIndex(entries: readonly KnowledgeEntry[], overrides: Partial<RankingParams> = {}): KnowledgeIndex {
  const params: RankingParams = { ...DEFAULT_RANKING_PARAMS, ...overrides };
  const byLocale = new Map<KnowledgeLocale, LocaleIndex>();
  for (const locale of new Set(entries.map((entry) => entry.locale))) {
    byLocale.set(locale, buildLocaleIndex(entries.filter((entry) => entry.locale === locale)));
  }
  const byId = new Map(entries.map((entry) => [entry.id, entry] as const));

  return {
    size: entries.length,
    getEntry: (entryId) => byId.get(entryId),
    search(query, options = {}) {
      const limit = options.limit ?? 5;
      if (limit <= 0) return [];
      const locales = options.locale ? [options.locale] : [...byLocale.keys()];
      const results = locales.flatMap((locale) => {
        const index = byLocale.get(locale);
        return index ? searchLocale(index, query, params, limit) : [];
      });
      if (locales.length > 1) results.sort((a, b) => b.confidence - a.confidence || b.score - a.score);
      return results.slice(0, limit);
    },
  };
}
