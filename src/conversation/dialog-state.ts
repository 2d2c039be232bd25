// The per-conversation dialog state stored in Conversation.dialog (JSON), validated on every load so
// an old or damaged value resets to a fresh state instead of breaking the turn.
import { z } from 'zod';

export const intakeStateSchema = z.object({
  kind: z.literal('complaint_intake'),
  startedAt: z.string(),
  /** Slot values collected so far (see src/complaints/intake). */
  slots: z.record(z.string(), z.unknown()),
  /** The slot the last bot question asked for, or 'confirm'. */
  asking: z.string().nullable(),
  corrections: z.number().default(0),
});
export type IntakeState = z.infer<typeof intakeStateSchema>;

/** A satisfaction question waiting for its answer (asked after a handoff, complaint or conversation closes). */
export const surveyStateSchema = z.object({
  kind: z.enum(['csat', 'nps']),
  trigger: z.enum(['conversation_resolved', 'handoff_closed', 'complaint_closed']),
  handoffId: z.string().optional(),
  complaintId: z.string().optional(),
  /** Ask NPS after this CSAT answer (the conversation is in the NPS sample). */
  thenNps: z.boolean().default(false),
});
export type SurveyState = z.infer<typeof surveyStateSchema>;

export const dialogStateSchema = z.object({
  survey: surveyStateSchema.nullable().default(null),
  fallbackStreak: z.number().int().min(0).default(0),
  active: intakeStateSchema.nullable().default(null),
  /** The FAQ entry answered last, so "that didn't help" can be understood. */
  lastEntryKey: z.string().nullable().default(null),
  /** Sentiment of recent customer turns, newest last (-1..1), for handoff triggers and the agent's context. */
  sentiment: z.array(z.number()).default([]),
  intents: z.array(z.string()).default([]),
});
export type DialogState = z.infer<typeof dialogStateSchema>;

export function readDialogState(value: unknown): DialogState {
  const parsed = dialogStateSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : dialogStateSchema.parse({});
}
