/**
 * Canonical form of customer text, applied before language detection, masking and intent features,
 * so that look-alike inputs (full-width digits, curly quotes, invisible characters) compare equal.
 */

// Zero-width characters, soft hyphen, word joiner and BOM: invisible, and they split words.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/gu;
// Bidirectional embeddings, overrides, isolates and marks: can make text display unlike its content.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
// C0 and C1 control characters and DEL. Line breaks and tabs become spaces below, the rest go.
const LINE_BREAKS_AND_TABS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;
const OTHER_CONTROLS = /[\u0000-\u001F\u007F-\u009F]/gu;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\uFF07]/gu;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/gu;
const WHITESPACE_RUN = /\s+/gu;

/**
 * Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space map to their ASCII counterparts.
 * NFKC already does this; kept explicit so the behaviour does not hinge on a normalisation detail.
 */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/gu, (ch) => {
    const code = ch.charCodeAt(0);
    return code === 0x3000 ? ' ' : String.fromCharCode(code - 0xfee0);
  });
}

/**
 * NFKC, full-width to half-width, typographic quotes to ASCII, invisible/bidi/control characters removed,
 * whitespace collapsed and trimmed, letters lower-cased (Chinese has no case, so only cased scripts change).
 */
export function normaliseText(text: string): string {
  return toHalfWidth(text.normalize('NFKC'))
    .replace(INVISIBLE, '')
    .replace(BIDI_CONTROLS, '')
    .replace(LINE_BREAKS_AND_TABS, ' ')
    .replace(OTHER_CONTROLS, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(WHITESPACE_RUN, ' ')
    .trim()
    .toLowerCase();
}
