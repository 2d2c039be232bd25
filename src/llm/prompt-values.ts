// Turns the caller's variable values into text that is safe to place in a prompt. Every value is
// masked (no card, ID, phone, e-mail or account number reaches a model), stripped of invisible
// control characters, capped in length and escaped so it cannot close or forge our delimiters;
// customer-written values are additionally fenced in <customer_text> tags, which the persona
// tells the model to treat as data, never as instructions.
import { maskPersonalData } from '../privacy/mask-personal-data.js';

export const CUSTOMER_TEXT_TAG = 'customer_text';
/** Longest value placed in a prompt (a 40-turn transcript fits); the rest is cut off. */
export const MAX_VARIABLE_CHARS = 24_000;

// C0/C1 controls except tab and newline, zero-width characters and bidi overrides: invisible to a
// reviewer, yet able to hide or reorder instructions for the model.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/**
 * Escapes what could end a delimited block: angle brackets become their full-width forms (so
 * "</customer_text>" typed by a customer is just text) and runs of three quotes or backticks are
 * broken up (templates may fence values in """ or ```).
 */
export function escapeForPrompt(text: string): string {
  return text
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    .replace(/"{3,}/g, (m) => '\u201D'.repeat(m.length))
    .replace(/`{3,}/g, (m) => '\u02CB'.repeat(m.length));
}

export function fenceCustomerText(escaped: string): string {
  return `<${CUSTOMER_TEXT_TAG}>\n${escaped}\n</${CUSTOMER_TEXT_TAG}>`;
}

/** The value as the model will see it: masked, cleaned, capped, escaped and, if untrusted, fenced. */
export function preparePromptValue(raw: string, opts: { untrusted: boolean }): string {
  let text = maskPersonalData(String(raw)).text.replace(INVISIBLE, '').replace(/\r\n?/g, '\n');
  if (text.length > MAX_VARIABLE_CHARS) text = `${text.slice(0, MAX_VARIABLE_CHARS)}…`;
  const escaped = escapeForPrompt(text);
  return opts.untrusted ? fenceCustomerText(escaped) : escaped;
}
