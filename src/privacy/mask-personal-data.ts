// Masks personal data in free text before it is stored, shown to agents, logged or sent to an LLM:
// payment card numbers (Luhn-checked), mainland China resident ID numbers (check digit and birth
// date validated), phone numbers, e-mail addresses and long bank account numbers.
//
// Principles:
// - Prefer masking a long number too many over leaving a card number readable, but leave amounts
//   ("300元", "$1,200.50"), dates, times and reference codes such as CMP-2026-000123 alone.
// - Idempotent: masked output contains no maskable data, so masking it again changes nothing.
// - Full-width digits and symbols (１３８…, ＠) are detected as their ASCII forms; text outside the
//   masked spans is returned exactly as given.

export type PersonalDataKind = 'card' | 'cn_id' | 'phone' | 'email' | 'account';

export interface MaskResult {
  text: string;
  /** Kinds found, in order of first appearance, without repeats. */
  found: PersonalDataKind[];
}

interface Span {
  start: number;
  end: number;
  kind: PersonalDataKind;
  replacement: string;
}

/** Full-width ASCII variants (U+FF01–FF5E) and the ideographic space to ASCII, keeping every index. */
function foldWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 resident identity number: region, plausible birth date, ISO 7064 MOD 11-2 check digit. */
export function isValidCnResidentId(id: string): boolean {
  const v = id.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(v)) return false;
  const year = Number(v.slice(6, 10));
  const month = Number(v.slice(10, 12));
  const day = Number(v.slice(12, 14));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (v.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === v[17];
}

/** Replaces digits with '*' except the first `keepFirst` and last `keepLast` digits; separators stay. */
function maskDigits(s: string, keepFirst: number, keepLast: number): string {
  const total = (s.match(/\d/g) ?? []).length;
  let seen = 0;
  return s.replace(/\d/g, (d) => {
    seen++;
    return seen <= keepFirst || seen > total - keepLast ? d : '*';
  });
}

// Starts only at the beginning of a local part and has no overlapping quantifiers, so long runs of
// letters or digits (pasted logs, 20 000 characters) stay linear instead of backtracking.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
const CN_ID = /(?<![0-9A-Za-z*])(\d{6}) ?(\d{8}) ?(\d{3}[0-9Xx])(?![0-9A-Za-z*])/g;
// Mobile: 1[3-9]x xxxx xxxx, with +86 / 0086 / 86 and single spaces or dashes.
// Neither pattern starts or ends next to another digit group ("… 1234 138…"): such runs are
// split into groups by findInDigitRuns, so a phone number never swallows part of an account number.
const MOBILE_BODY = String.raw`((?:\+|00)?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}`;
const CN_MOBILE = new RegExp(String.raw`(?<![\d+*]|\d[ -])${MOBILE_BODY}(?![\d*]|[ -]\d)`, 'g');
const CN_MOBILE_EXACT = new RegExp(`^${MOBILE_BODY}$`);
// Landline: area code 010, 02x or 0xxx (optionally in brackets), then a 7–8 digit local number
// (written whole or as 3-4 / 4-4), then an optional extension.
const LANDLINE_BODY = String.raw`(\(?0(?:10|2\d|[3-9]\d{2})\)?)[ -]?[2-9]\d{2,3}[ -]?\d{4}`;
const CN_LANDLINE = new RegExp(String.raw`(?<![\d+*]|\d[ -])${LANDLINE_BODY}(?:(?:-|转|ext\.?)\d{1,5})?(?![\d*]|[ -]\d)`, 'g');
const CN_LANDLINE_EXACT = new RegExp(`^${LANDLINE_BODY}$`);
// International E.164: +country and 8–15 digits, single spaces, dashes or brackets between groups.
const E164 = /(?<![\w*+])\+\d{1,3}(?:[ -]?\(?\d{1,5}\)?){1,6}(?![\d*])/g;
// Runs of digits joined by single spaces or dashes; cards and accounts are looked for inside them.
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;

const CURRENCY_BEFORE = /(?:[$¥￥€£]|RMB|CNY|USD|HKD|EUR|GBP|人民币)\s?$/i;
const CURRENCY_AFTER = /^\s?(?:万|千|元|块|圆|角|分|美元|港币|欧元|英镑|yuan|rmb|cny|usd|dollars?|hkd|eur|euros?|gbp|pounds?)/i;
const COMPACT_TIMESTAMP = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d(?:\d{3})?)?$/;

function isAmountContext(text: string, start: number, end: number): boolean {
  return CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 8), start)) || CURRENCY_AFTER.test(text.slice(end, end + 8));
}

function overlaps(spans: Span[], start: number, end: number): boolean {
  return spans.some((s) => start < s.end && end > s.start);
}

function findEmails(f: string, spans: Span[]): void {
  for (const m of f.matchAll(EMAIL)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(spans, start, end)) continue;
    const at = m[0].indexOf('@');
    spans.push({ start, end, kind: 'email', replacement: `${m[0][0]}***${m[0].slice(at)}` });
  }
}

function findCnIds(f: string, spans: Span[]): void {
  for (const m of f.matchAll(CN_ID)) {
    const id = (m[1] + m[2] + m[3]).toUpperCase();
    const start = m.index;
    const end = start + m[0].length;
    if (!isValidCnResidentId(id) || overlaps(spans, start, end)) continue;
    spans.push({ start, end, kind: 'cn_id', replacement: `${id.slice(0, 3)}${'*'.repeat(11)}${id.slice(14)}` });
  }
}

/** Mobile: keep country code, the 3-digit prefix and the last 4. Landline: keep area code and last 4. */
const maskMobile = (s: string, countryCode: string | undefined) => maskDigits(s, (countryCode ?? '').replace(/\D/g, '').length + 3, 4);
const maskLandline = (s: string, areaCode: string) => maskDigits(s, areaCode.replace(/\D/g, '').length, 4);

function findPhones(f: string, spans: Span[]): void {
  for (const m of f.matchAll(CN_MOBILE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(spans, start, end) || isAmountContext(f, start, end)) continue;
    spans.push({ start, end, kind: 'phone', replacement: maskMobile(m[0], m[1]) });
  }
  for (const m of f.matchAll(CN_LANDLINE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(spans, start, end) || isAmountContext(f, start, end)) continue;
    spans.push({ start, end, kind: 'phone', replacement: maskLandline(m[0], m[1]) });
  }
  for (const m of f.matchAll(E164)) {
    const start = m.index;
    const end = start + m[0].length;
    const digits = m[0].replace(/\D/g, '').length;
    if (digits < 8 || digits > 15 || overlaps(spans, start, end)) continue;
    // Keep the country code when it is written apart ("+44 20…"); otherwise only '+'.
    const firstGroup = /^\+(\d{1,3})[ -(]/.exec(m[0]);
    spans.push({ start, end, kind: 'phone', replacement: maskDigits(m[0], firstGroup ? firstGroup[1].length : 0, 4) });
  }
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** Card layouts people type: one block, blocks of four (last may be shorter), Amex 4-6-5, Diners 4-6-4. */
function cardLayout(groups: Group[]): boolean {
  const lengths = groups.map((g) => g.digits.length);
  const total = lengths.reduce((a, b) => a + b, 0);
  if (total < 13 || total > 19) return false;
  if (lengths.length === 1) return true;
  if (lengths.slice(0, -1).every((l) => l === 4) && lengths[lengths.length - 1] <= 4) return true;
  return lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4);
}

/** Account layouts: one block of 10–25 digits or blocks of four (last may be shorter). */
function accountLayout(groups: Group[]): boolean {
  const lengths = groups.map((g) => g.digits.length);
  const total = lengths.reduce((a, b) => a + b, 0);
  if (total < 10 || total > 25) return false;
  // A bare mobile number is left for the phone rule, which masks it more readably.
  if (lengths.length === 1) return !COMPACT_TIMESTAMP.test(groups[0].digits) && !/^(?:86)?1[3-9]\d{9}$/.test(groups[0].digits);
  return lengths.slice(0, -1).every((l) => l === 4) && lengths[lengths.length - 1] <= 4;
}

/** A phone number written as whole digit groups of a longer run, e.g. "2026-10-05 138 1234 5678". */
function phoneReplacement(s: string): string | null {
  const mobile = CN_MOBILE_EXACT.exec(s);
  if (mobile) return maskMobile(s, mobile[1]);
  const landline = CN_LANDLINE_EXACT.exec(s);
  return landline ? maskLandline(s, landline[1]) : null;
}

/** Cheap shape test before building a candidate: blocks of four for cards and accounts, ≤ 4 groups for phones. */
function plausibleWindow(kind: 'card' | 'account' | 'phone', groups: Group[], i: number, j: number): boolean {
  const count = j - i;
  if (kind === 'phone') return count <= 4;
  if (count <= 1) return true;
  if (count === 3 && groups[i].digits.length === 4 && groups[i + 1].digits.length === 6) return kind === 'card';
  for (let k = i; k < j - 1; k++) if (groups[k].digits.length !== 4) return false;
  return true;
}

function findInDigitRuns(f: string, spans: Span[]): void {
  for (const m of f.matchAll(DIGIT_RUN)) {
    const runStart = m.index;
    const runEnd = runStart + m[0].length;
    const before = f.slice(Math.max(0, runStart - 8), runStart);
    const after = f.slice(runEnd, runEnd + 8);
    const all: Group[] = [];
    for (const g of m[0].matchAll(/\d+/g)) all.push({ start: runStart + g.index, end: runStart + g.index + g[0].length, digits: g[0] });

    // The group at either end of a run may belong to its neighbour rather than to the run: an amount
    // ("+300", "¥300", "1,200.50", "300元"), a masked value, or a code glued to letters
    // (CMP-2026-000123, TXN2026…). Such a group is left out, so "card 6222… 300元" still masks the card.
    const firstIsAmount = /[+*]$|\d[.,]$/.test(before) || CURRENCY_BEFORE.test(before);
    const lastIsAmount = /^\*|^[.,]\d/.test(after) || CURRENCY_AFTER.test(after);
    const firstIsCode = /[A-Za-z][-_]?$/.test(before);
    const lastIsCode = /^[A-Za-z]/.test(after);

    for (const kind of ['card', 'account', 'phone'] as const) {
      // Only a Luhn-checked card is strong enough evidence to mask digits glued to letters.
      const lo = firstIsAmount || (firstIsCode && kind !== 'card') ? 1 : 0;
      const hi = all.length - (lastIsAmount || (lastIsCode && kind !== 'card') ? 1 : 0);
      const groups = all.slice(lo, Math.max(lo, hi));
      let i = 0;
      while (i < groups.length) {
        // No card, account or phone has more than 25 digits or 4 groups other than blocks of four:
        // bound the window so long runs ("1 1 1 …" in a pasted log) stay linear.
        let maxJ = i;
        for (let n = 0; maxJ < groups.length && n + groups[maxJ].digits.length <= 25; maxJ++) n += groups[maxJ].digits.length;
        let matched = 0;
        for (let j = maxJ; j > i; j--) {
          if (!plausibleWindow(kind, groups, i, j)) continue;
          const slice = groups.slice(i, j);
          const start = slice[0].start;
          const end = slice[slice.length - 1].end;
          if (overlaps(spans, start, end)) continue;
          const digits = slice.map((g) => g.digits).join('');
          let replacement: string | null = null;
          if (kind === 'phone') replacement = phoneReplacement(f.slice(start, end));
          else if (kind === 'card' ? cardLayout(slice) && luhnValid(digits) && !/^(?:86)?1[3-9]\d{9}$/.test(digits) : accountLayout(slice)) {
            replacement = maskDigits(f.slice(start, end), 0, 4);
          }
          if (replacement === null) continue;
          spans.push({ start, end, kind, replacement });
          matched = j - i;
          break;
        }
        i += matched || 1;
      }
    }
  }
}

export function maskPersonalData(text: string): MaskResult {
  const f = foldWidth(text);
  const spans: Span[] = [];
  // Order matters: an e-mail may contain a phone number, an ID number is an 18-digit run that could
  // pass the Luhn check, and phones must be claimed before the generic account rule sees them.
  findEmails(f, spans);
  findCnIds(f, spans);
  findPhones(f, spans);
  findInDigitRuns(f, spans);
  if (!spans.length) return { text, found: [] };

  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  const found: PersonalDataKind[] = [];
  for (const s of spans) {
    out += text.slice(cursor, s.start) + s.replacement;
    cursor = s.end;
    if (!found.includes(s.kind)) found.push(s.kind);
  }
  out += text.slice(cursor);
  return { text: out, found };
}

/** Whether the text holds anything maskPersonalData would mask. */
export function containsPersonalData(text: string): boolean {
  return maskPersonalData(text).found.length > 0;
}
