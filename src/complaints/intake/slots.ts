// The slots the intake dialog collects, stored in the conversation's dialog JSON (IntakeState.slots)
// and validated on every turn so an old or damaged value restarts cleanly instead of breaking it.
import { z } from 'zod';
import { COMPLAINT_CATEGORIES } from '../domain/extract-details.js';
import { CONTACT_PREFERENCES } from '../texts.js';

/** The order questions are asked in; the first missing one is asked next. */
export const SLOT_ORDER = ['description', 'category', 'when', 'amount', 'outcome', 'contact'] as const;
export type SlotName = (typeof SLOT_ORDER)[number];
export const isSlotName = (v: unknown): v is SlotName => typeof v === 'string' && (SLOT_ORDER as readonly string[]).includes(v);

/** Never ask more than this many questions to collect slots; what is still missing stays blank. */
export const MAX_QUESTIONS = 7;

export const amountSchema = z.object({ value: z.number().positive(), currency: z.string(), raw: z.string() });
export const whenSchema = z.object({ raw: z.string(), date: z.string().optional(), precision: z.enum(['day', 'week', 'month', 'year']).optional() });

export const intakeSlotsSchema = z.object({
  description: z.string().optional(),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  categoryEvidence: z.array(z.string()).default([]),
  /** null: the customer said no money is involved. */
  amount: amountSchema.nullable().optional(),
  when: whenSchema.optional(),
  /** The outcome as shown back to the customer: their own words, or the labels of recognised outcomes. */
  desiredOutcome: z.string().optional(),
  outcomes: z.array(z.string()).default([]),
  contact: z.enum(CONTACT_PREFERENCES).optional(),
  /** The customer's own words about contact when they fit no preference ("after 6pm please"). */
  contactNote: z.string().optional(),
  /** Details the customer added in answers that were not for the question asked. */
  notes: z.array(z.string()).default([]),
  /** The customer's statements that severity rules react to (regulator, lawyer, media, fraud...). */
  severityHints: z.array(z.string()).default([]),
  /** Slot questions asked so far (corrections the customer asks for are not counted). */
  questions: z.number().int().min(0).default(0),
  /** A correction is being collected: after it, show the summary again. */
  returnToConfirm: z.boolean().default(false),
  /** Which slots an LLM filled (for the agent's context; rules and the customer win over it). */
  llmFilled: z.array(z.string()).default([]),
});
export type IntakeSlots = z.infer<typeof intakeSlotsSchema>;
export type Amount = z.infer<typeof amountSchema>;
export type When = z.infer<typeof whenSchema>;

export function readSlots(value: unknown): IntakeSlots {
  const parsed = intakeSlotsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : intakeSlotsSchema.parse({});
}

export function isFilled(slots: IntakeSlots, slot: SlotName): boolean {
  switch (slot) {
    case 'description':
      return !!slots.description;
    case 'category':
      return !!slots.category;
    case 'when':
      return !!slots.when;
    case 'amount':
      return slots.amount !== undefined;
    case 'outcome':
      return !!slots.desiredOutcome;
    case 'contact':
      return !!slots.contact || !!slots.contactNote;
  }
}

export const missingSlots = (slots: IntakeSlots): SlotName[] => SLOT_ORDER.filter((s) => !isFilled(slots, s));
