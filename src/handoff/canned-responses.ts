// Bilingual canned responses (content/canned-responses.yaml), validated at load, and the pure choice
// of which to suggest for a handoff.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ROOT_DIR } from '../infra/paths.js';
import type { Locale } from '../conversation/locale.js';
import type { HandoffReason } from '../conversation/turn-types.js';

const bilingual = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
const entrySchema = z.object({
  key: z.string().regex(/^[a-z0-9_]+$/),
  title: bilingual,
  when: z
    .object({
      always: z.boolean().optional(),
      reasons: z.array(z.enum(['customer_request', 'urgent', 'complaint_severity', 'repeated_fallback', 'negative_sentiment'])).optional(),
      intents: z.array(z.string().min(1)).optional(),
      keywords: z.array(z.string().min(1)).optional(),
      complaint: z.boolean().optional(),
    })
    .refine((w) => Object.keys(w).length > 0, 'say when the response is suggested'),
  'zh-CN': z.string().min(1),
  en: z.string().min(1),
});
const fileSchema = z.object({ responses: z.array(entrySchema).min(1) }).refine((f) => new Set(f.responses.map((r) => r.key)).size === f.responses.length, 'keys must be unique');

export type CannedResponse = z.infer<typeof entrySchema>;

export function loadCannedResponses(file = path.join(ROOT_DIR, 'content/canned-responses.yaml')): CannedResponse[] {
  return fileSchema.parse(parse(readFileSync(file, 'utf8'))).responses;
}

export interface SuggestedReply {
  key: string;
  title: string;
  /** In the conversation's language, ready to send. */
  text: string;
  /** Both languages, for an agent who switches. */
  texts: Record<Locale, string>;
}

export interface SuggestionFacts {
  locale: Locale;
  reason: HandoffReason;
  intents: readonly string[];
  customerTexts: readonly string[];
  complaintReference: string | null;
}

function applies(entry: CannedResponse, f: SuggestionFacts): boolean {
  const w = entry.when;
  if (w.complaint && !f.complaintReference) return false; // needs a complaint, whatever else matches
  if (w.always) return true;
  if (w.complaint) return true;
  if (w.reasons?.includes(f.reason)) return true;
  if (w.intents?.some((p) => f.intents.some((i) => i.startsWith(p)))) return true;
  const said = f.customerTexts.join('\n').toLowerCase();
  return Boolean(w.keywords?.some((k) => said.includes(k.toLowerCase())));
}

/** Specific suggestions first (they matched this case), general ones after, at most `max`. */
export function suggestReplies(catalog: readonly CannedResponse[], f: SuggestionFacts, max = 6): SuggestedReply[] {
  const fill = (t: string) => t.replaceAll('{reference}', f.complaintReference ?? '');
  const matching = catalog.filter((e) => applies(e, f));
  const ranked = [...matching.filter((e) => !e.when.always), ...matching.filter((e) => e.when.always)];
  const greeting = ranked.findIndex((e) => e.key === 'greeting');
  if (greeting > 0) ranked.unshift(...ranked.splice(greeting, 1)); // the opener is what an agent sends first
  return ranked.slice(0, max).map((e) => ({
    key: e.key,
    title: e.title[f.locale],
    text: fill(e[f.locale]),
    texts: { 'zh-CN': fill(e['zh-CN']), en: fill(e.en) },
  }));
}
