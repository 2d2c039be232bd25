// Complaint references as customers see them: CMP-<year>-<sequence>, the sequence zero-padded to six
// digits (it grows past six digits rather than wrapping). Customers retype them loosely in chat
// ("cmp 2026 000123", "CMP2026000123", full-width digits), so the finder is forgiving and always
// returns the canonical form.

const CANONICAL = /^CMP-(\d{4})-(\d{6,9})$/;
const LOOSE = /^CMP[-_ ]?(\d{4})[-_ ]?(\d{6,9})$/i;

/** Finds references in free text; capture groups are year and sequence. Global: reset lastIndex or use matchAll. */
export const COMPLAINT_REFERENCE_IN_TEXT = /(?<![A-Za-z0-9])CMP[-_ ]?(\d{4})[-_ ]?(\d{6,9})(?![0-9])/gi;

export interface ComplaintReferenceParts {
  year: number;
  seq: number;
}

export function formatComplaintReference(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`Reference year must be 2000–9999, got ${year}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999_999) throw new RangeError(`Reference sequence must be 1–999999999, got ${seq}`);
  return `CMP-${year}-${String(seq).padStart(6, '0')}`;
}

/** Parses a reference written strictly or loosely; null when it is not one. */
export function parseComplaintReference(value: string): ComplaintReferenceParts | null {
  const m = LOOSE.exec(value.normalize('NFKC').trim());
  if (!m) return null;
  const year = Number(m[1]);
  const seq = Number(m[2]);
  if (year < 2000 || seq < 1) return null;
  return { year, seq };
}

/** True only for the canonical spelling, e.g. for validating a route parameter. */
export function isComplaintReference(value: string): boolean {
  const m = CANONICAL.exec(value);
  return !!m && Number(m[1]) >= 2000 && Number(m[2]) >= 1;
}

/** The canonical form of a loosely written reference, or null. */
export function normalizeComplaintReference(value: string): string | null {
  const p = parseComplaintReference(value);
  return p ? formatComplaintReference(p.year, p.seq) : null;
}

/** Canonical references mentioned in a chat message, first mention first, without repeats. */
export function findComplaintReferences(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.normalize('NFKC').matchAll(COMPLAINT_REFERENCE_IN_TEXT)) {
    const year = Number(m[1]);
    const seq = Number(m[2]);
    if (year >= 2000 && seq >= 1) found.add(formatComplaintReference(year, seq));
  }
  return [...found];
}
