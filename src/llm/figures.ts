// Figures in bank text: numbers, percentages and amounts, in Arabic digits or Chinese numerals
// ("百分之三点五", "五万元", "万分之五"), normalised to values so that "3.50%" and "百分之三点五", or
// "50,000元" and "5万元", compare equal. Used to tell a grounded answer from one with invented rates.

export type FigureKind = 'percent' | 'number';

export interface Figure {
  raw: string;
  kind: FigureKind;
  /** Canonical decimal strings this figure may stand for: the number as written and, with 万/k/million, scaled. */
  values: string[];
}

const canonical = (n: number) => String(Number(n.toFixed(8)));

function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_NUMERAL = '零〇一二两三四五六七八九十百千万亿点';

/** "三千五百" → 3500, "二点五" → 2.5, "十二" → 12, "一亿五千万" → 150000000; null if not a number. */
export function parseChineseNumeral(text: string): number | null {
  if (!/[零〇一二两三四五六七八九十]/.test(text)) return null;
  const [intPart, decPart, extra] = text.split('点');
  if (extra !== undefined) return null;
  let value: number;
  if (intPart && !/[十百千万亿]/.test(intPart)) {
    // Digit by digit, as in years or codes: "二〇二四".
    value = Number([...intPart].map((c) => CN_DIGITS[c] ?? NaN).join(''));
  } else {
    let hundredMillions = 0;
    let tenThousands = 0;
    let section = 0;
    let digit = 0;
    for (const c of intPart) {
      if (c in CN_DIGITS) digit = CN_DIGITS[c];
      else if (c in CN_SMALL_UNITS) {
        section += (digit || 1) * CN_SMALL_UNITS[c];
        digit = 0;
      } else if (c === '万') {
        tenThousands += (section + digit || 1) * 1e4;
        section = digit = 0;
      } else if (c === '亿') {
        hundredMillions += (tenThousands + section + digit || 1) * 1e8;
        tenThousands = section = digit = 0;
      } else return null;
    }
    value = hundredMillions + tenThousands + section + digit;
  }
  if (decPart !== undefined) {
    if (!decPart || [...decPart].some((c) => !(c in CN_DIGITS))) return null;
    value = Number(`${Math.trunc(value)}.${[...decPart].map((c) => CN_DIGITS[c]).join('')}`);
  }
  return Number.isFinite(value) ? value : null;
}

const MULTIPLIERS: Array<[RegExp, number]> = [
  [/^万/, 1e4],
  [/^亿/, 1e8],
  [/^千(?!分)/, 1e3],
  [/^\s?k\b/i, 1e3],
  [/^\s?(?:million|mn)\b/i, 1e6],
  [/^\s?(?:billion|bn)\b/i, 1e9],
];
const PERCENT_AFTER = /^\s?(?:%|percent\b|per cent\b|pct\b)/i;
const PERMILLE_AFTER = /^\s?‰/;
const FRACTION_BEFORE: Array<[string, number]> = [
  ['百分之', 1],
  ['千分之', 0.1],
  ['万分之', 0.01],
];

// "1,000.50" (comma groups of exactly three), or a plain run of digits with an optional decimal part.
const ARABIC = /\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?/g;
const CHINESE_AFTER_FRACTION = new RegExp(`(百分之|千分之|万分之)([${CN_NUMERAL}]+)`, 'g');
const CHINESE_AMOUNT = new RegExp(`([${CN_NUMERAL}]+)(?=元|块|美元|港元|港币|欧元|英镑|日元|人民币)`, 'g');

/** Citation markers "[2]" and ordered-list markers "1." at a line start are structure, not figures. */
function blankStructure(text: string): string {
  return text.replace(/\[\d{1,2}\]/g, (m) => ' '.repeat(m.length)).replace(/^([ \t]*)(\d{1,2})([.)、])(?=\s|\S)/gm, (_m, ws: string, d: string, p: string) => ws + ' '.repeat(d.length + p.length));
}

function figureFrom(raw: string, value: number, before: string, after: string): Figure {
  for (const [word, scale] of FRACTION_BEFORE) if (before.endsWith(word)) return { raw, kind: 'percent', values: [canonical(value * scale)] };
  if (PERCENT_AFTER.test(after)) return { raw, kind: 'percent', values: [canonical(value)] };
  if (PERMILLE_AFTER.test(after)) return { raw, kind: 'percent', values: [canonical(value / 10)] };
  const values = [canonical(value)];
  for (const [re, m] of MULTIPLIERS) if (re.test(after)) values.push(canonical(value * m));
  return { raw, kind: 'number', values };
}

export function extractFigures(text: string): Figure[] {
  const t = blankStructure(foldWidth(text));
  const figures: Figure[] = [];
  for (const m of t.matchAll(ARABIC)) {
    const value = Number(m[0].replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    figures.push(figureFrom(m[0], value, t.slice(Math.max(0, m.index - 3), m.index), t.slice(m.index + m[0].length, m.index + m[0].length + 10)));
  }
  const taken: Array<[number, number]> = [];
  for (const m of t.matchAll(CHINESE_AFTER_FRACTION)) {
    const value = parseChineseNumeral(m[2]);
    if (value === null) continue;
    taken.push([m.index, m.index + m[0].length]);
    figures.push(figureFrom(m[2], value, m[1], ''));
  }
  for (const m of t.matchAll(CHINESE_AMOUNT)) {
    if (taken.some(([s, e]) => m.index < e && m.index + m[0].length > s)) continue;
    const value = parseChineseNumeral(m[1]);
    if (value === null) continue;
    const values = [canonical(value)];
    figures.push({ raw: m[1], kind: 'number', values });
  }
  return figures;
}

export interface FigureSources {
  numbers: Set<string>;
  percents: Set<string>;
}

export function figureSources(texts: readonly string[]): FigureSources {
  const numbers = new Set<string>();
  const percents = new Set<string>();
  for (const f of texts.flatMap(extractFigures)) {
    for (const v of f.values) {
      numbers.add(v);
      if (f.kind === 'percent') percents.add(v);
    }
  }
  return { numbers, percents };
}

/**
 * Figures of `output` that the sources do not contain. A percentage must be a percentage in the
 * sources (a fee of 3 does not make "3%" true); any other number may match any source number.
 */
export function inventedFigures(output: string, sources: FigureSources): Figure[] {
  return extractFigures(output).filter((f) => !f.values.some((v) => (f.kind === 'percent' ? sources.percents : sources.numbers).has(v)));
}
