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

export const dialogStateSchema = z.object({
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
