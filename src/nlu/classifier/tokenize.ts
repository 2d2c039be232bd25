/**
 * Splits normalised text into tokens: runs of CJK characters (Chinese is not segmented into words;
 * character n-grams inside a run stand in for words), words of letters/digits (apostrophes kept inside,
 * "don't"), and currency symbols, which carry meaning in banking questions ("£", "$", "€").
 */
export interface Token {
  text: string;
  cjk: boolean;
}

const TOKEN =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u3007]+)|([\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*)|(\p{Sc})/gu;

export function tokenize(normalised: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalised.matchAll(TOKEN)) {
    tokens.push({ text: match[0], cjk: match[1] !== undefined });
  }
  return tokens;
}
