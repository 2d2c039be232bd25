/*
 * Customers type fast: "pasword", "acount", "recieve". A word the knowledge base never uses is matched
 * to a known word one edit away (insertion, deletion, substitution or adjacent swap), using the
 * SymSpell trick: two words are within one edit when they share a single-deletion variant. Only
 * Latin words of six letters or more are corrected, and only to a word with the same first letter
 * (people rarely mistype it): shorter words have too many neighbours to guess from.
 */

const MIN_LENGTH = 6;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export interface SpellingCorrector {
  /** The known word one edit from `word`, or `word` itself when it is known or no neighbour exists. */
  correct(word: string): string;
}

/**
 * `vocabulary` maps each known word to how common it is; ties between neighbours go to the more common
 * word, then alphabetically, so corrections are deterministic.
 */
export function buildSpellingCorrector(vocabulary: ReadonlyMap<string, number>): SpellingCorrector {
  const byDeletion = new Map<string, string[]>();
  const isCandidate = (word: string) => word.length >= MIN_LENGTH - 1 && /^[a-z]+$/.test(word);
  for (const word of vocabulary.keys()) {
    if (!isCandidate(word)) continue;
    for (const variant of [word, ...deletions(word)]) {
      const list = byDeletion.get(variant);
      if (list) list.push(word);
      else byDeletion.set(variant, [word]);
    }
  }
  const better = (a: string, b: string) =>
    (vocabulary.get(a) ?? 0) - (vocabulary.get(b) ?? 0) || (a < b ? 1 : -1);

  return {
    correct(word) {
      if (vocabulary.has(word) || word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) return word;
      let best: string | null = null;
      for (const variant of [word, ...deletions(word)]) {
        for (const candidate of byDeletion.get(variant) ?? []) {
          if (Math.abs(candidate.length - word.length) > 1 || candidate[0] !== word[0]) continue;
          if (best === null || better(candidate, best) > 0) best = candidate;
        }
      }
      return best ?? word;
    },
  };
}
