import { hanTerms } from './chinese.js';
import { isEnglishStopWord, stemEnglish } from './english.js';
import { canonicalEnglishTerm, rewriteChineseWords, rewriteEnglishPhrases } from './synonyms.js';

/** How much a term of each kind counts towards a match; Han unigrams are the weakest evidence. */
export type TermKind = 'word' | 'phrase' | 'bigram' | 'unigram';

export interface Term {
  text: string;
  kind: TermKind;
  /** Set when `correctWord` changed the word: the term is a guess. */
  corrected?: boolean;
}

// Han runs, or runs of Latin letters/digits (apostrophes inside words are dropped: "what's" -> "whats").
const SEGMENT = /(\p{Script=Han}+)|([\p{Script=Latin}\p{N}]+(?:['’]\p{Script=Latin}+)*)/gu;

/**
 * Splits text into ranking terms: Chinese as character unigrams + bigrams, everything else as
 * lower-cased, stop-word-filtered, lightly stemmed words. Mixed text ("手机银行App怎么登录") works.
 * `correctWord` may replace an English term (after stemming and synonyms), e.g. to fix a typo.
 */
export function tokenize(text: string, options: { correctWord?: (term: string) => string } = {}): Term[] {
  const terms: Term[] = [];
  const normalised = rewriteChineseWords(rewriteEnglishPhrases(text.normalize('NFKC').toLowerCase()));
  // English word pairs ("credit limit", "branch close") keep some word order; a pair never spans
  // punctuation or Chinese text, but does skip stop-words ("limit on my card" -> "limit card").
  let previous: string | null = null;
  let previousEnd = 0;
  for (const match of normalised.matchAll(SEGMENT)) {
    if (/[^\s]/.test(normalised.slice(previousEnd, match.index))) previous = null;
    previousEnd = match.index + match[0].length;
    if (match[1]) {
      previous = null;
      hanTerms(match[1], (term, kind) => terms.push({ text: term, kind }));
      continue;
    }
    const word = match[2].replace(/['’]/g, '');
    if ((word.length < 2 && !/\d/.test(word)) || isEnglishStopWord(word)) continue;
    const canonical = canonicalEnglishTerm(stemEnglish(word));
    const term = options.correctWord ? options.correctWord(canonical) : canonical;
    const corrected = term !== canonical;
    terms.push(corrected ? { text: term, kind: 'word', corrected } : { text: term, kind: 'word' });
    if (previous !== null && previous !== term) terms.push({ text: `${previous} ${term}`, kind: 'phrase' });
    previous = term;
  }
  return terms;
}
