/*
 * English side of the knowledge tokeniser: stop-words and a light suffix stemmer. "Light" on purpose:
 * it only folds plurals, -ing/-ed/-ly and a final "e", which is what customers' phrasings differ by
 * ("cards"/"card", "charged"/"charges"/"charge"), without Porter's over-stemming of short bank words.
 */

// Function words and the "how do I" scaffolding every question shares. Negations such as "not", "no"
// and "can't" are kept: "card not working" and "card working" differ in what they ask.
const STOP_WORDS = new Set(
  (
    'a an the and or but if then so of to in on at by for from with about into over as is am are was were be been being ' +
    'do does did doing done have has had having i me my mine myself you your yours we us our ours he him his she her it its ' +
    'they them their this that these those there here what whats which who whom whose when where why how hows ' +
    'would should could may might must shall will ill im ive id youre dont doesnt didnt ' +
    'please pls plz hi hello hey thanks thank tell know want wanna need like just also any some ' +
    'get got getting go going let lets one way very really much many more most can per each ' +
    // Time words say when, not what.
    'today tomorrow yesterday now tonight morning afternoon evening ago recently currently'
  ).split(' '),
);

/** Irregular forms a suffix stemmer cannot fold onto the word customers use. */
const IRREGULAR: Record<string, string> = {
  cancellation: 'cancel',
  cancelation: 'cancel',
  withdrawal: 'withdraw',
  withdrawn: 'withdraw',
  withdrew: 'withdraw',
  lost: 'lose',
  stolen: 'steal',
  stole: 'steal',
  sent: 'send',
  paid: 'pay',
  forgot: 'forget',
  forgotten: 'forget',
  atms: 'atm',
  instalment: 'installment',
  mortgages: 'mortgage',
};

export function isEnglishStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

const VOWEL = /[aeiouy]/;

function undouble(stem: string): string {
  // "transferr" -> "transfer", "stopp" -> "stop"; keep ll/ss/zz ("bill", "access").
  return /([^aeiouylsz])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}

export function stemEnglish(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular === word ? word : stemEnglish(irregular);
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  const singular = w.endsWith('s') ? IRREGULAR[w.slice(0, -1)] : undefined;
  if (singular) return stemEnglish(singular);
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith('ing') && w.length > 5 && VOWEL.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4 && VOWEL.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);

  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -5) + 'ate';
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 3 && !VOWEL.test(w[w.length - 2])) w = w.slice(0, -1) + 'i';
  return w;
}
