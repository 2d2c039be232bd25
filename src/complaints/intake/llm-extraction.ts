// The optional LLM reading of a first complaint message (prompts/complaint-extraction.md). It only
// fills slots the rules left open: the rules' amounts win on any conflict, and a category the rules
// found is kept. Returns null when the LLM is off, late or wrong, and the dialog goes on without it.
import { z } from 'zod';
import type { LlmModule } from '../../llm/llm-module.js';
import type { Locale } from '../../conversation/locale.js';
import { COMPLAINT_CATEGORIES } from '../domain/extract-details.js';
import { localDateOf } from '../domain/time-zone.js';
import { CONTACT_PREFERENCES } from '../texts.js';
import type { IntakeSlots } from './slots.js';

export const COMPLAINT_EXTRACTION_PROMPT = 'complaint-extraction';

export const llmExtractionSchema = z.object({
  category: z.enum(COMPLAINT_CATEGORIES).nullable(),
  amount: z.number().positive().nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
  occurred: z.string().max(100).nullable(),
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  desiredOutcome: z.string().max(200).nullable(),
  contactPreference: z.enum(CONTACT_PREFERENCES).nullable(),
  summary: z.string().max(500).nullable(),
});
export type LlmExtraction = z.infer<typeof llmExtractionSchema>;

export async function extractWithLlm(llm: LlmModule, input: { text: string; locale: Locale; now: Date; timeZone: string; deadlineMs?: number }): Promise<LlmExtraction | null> {
  if (!llm.enabled) return null;
  const result = await llm.structured({
    prompt: COMPLAINT_EXTRACTION_PROMPT,
    variables: {
      text: input.text,
      locale: input.locale,
      today: localDateOf(input.now, input.timeZone),
      timezone: input.timeZone,
      categories: COMPLAINT_CATEGORIES.join(', '),
    },
    schema: llmExtractionSchema,
    deadlineMs: input.deadlineMs ?? 3000,
  });
  return result?.value ?? null;
}

/** Merges the LLM's reading into rule-extracted slots: gaps only, never over the rules. */
export function mergeLlmExtraction(slots: IntakeSlots, llm: LlmExtraction | null): IntakeSlots {
  if (!llm) return slots;
  const next: IntakeSlots = { ...slots, llmFilled: [...slots.llmFilled] };
  const filled = (name: string) => next.llmFilled.push(name);
  if ((!next.category || next.category === 'other') && llm.category && llm.category !== 'other') {
    next.category = llm.category;
    filled('category');
  }
  // Rules read amounts exactly as written; an LLM may round, convert or invent, so it never overrides them.
  if (next.amount === undefined && llm.amount) {
    next.amount = { value: Math.round(llm.amount * 100) / 100, currency: llm.currency ?? 'CNY', raw: String(llm.amount) };
    filled('amount');
  }
  if (!next.when && llm.occurred) {
    next.when = { raw: llm.occurred, ...(llm.occurredOn ? { date: llm.occurredOn, precision: 'day' as const } : {}) };
    filled('when');
  }
  if (!next.desiredOutcome && llm.desiredOutcome) {
    next.desiredOutcome = llm.desiredOutcome;
    filled('outcome');
  }
  if (!next.contact && !next.contactNote && llm.contactPreference) {
    next.contact = llm.contactPreference;
    filled('contact');
  }
  if (!next.description && llm.summary) {
    // The customer's own words stay the record; the LLM summary only stands in when they gave none.
    next.description = llm.summary;
    filled('description');
  }
  return next;
}
