// The scripted reply catalog (content/replies.yaml), validated once at load, with {placeholder} filling.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ROOT_DIR } from '../infra/paths.js';
import type { Locale } from './locale.js';

const catalogSchema = z.object({
  greeting: z.string(),
  thanks: z.string(),
  goodbye: z.string(),
  bot_identity: z.string(),
  welcome_suggestions: z.array(z.string()),
  fallback_clarify: z.string(),
  fallback_clarify_none: z.string(),
  fallback_offer_human: z.string(),
  offer_human_action: z.string(),
  handoff_connecting: z.string(),
  handoff_connecting_short: z.string(),
  handoff_outside_hours: z.string(),
  handoff_outside_hours_actions: z.array(z.string()),
  handoff_waiting: z.string(),
  handoff_ended: z.string(),
  handoff_lapsed: z.string(),
  urgent_lost_card: z.string(),
  urgent_fraud: z.string(),
  urgent_account_takeover: z.string(),
  urgent_scam_transfer: z.string(),
  complaint_status: z.string(),
  complaint_status_unknown: z.string(),
  answer_followup_prompt: z.string(),
  conversation_busy: z.string(),
  human_active_ack: z.string(),
  faq_source: z.string(),
});
export type ReplyCatalog = z.infer<typeof catalogSchema>;
export type ReplyKey = { [K in keyof ReplyCatalog]: ReplyCatalog[K] extends string ? K : never }[keyof ReplyCatalog];

const fileSchema = z.object({ 'zh-CN': catalogSchema, en: catalogSchema });

export function loadReplyCatalogs(file = path.join(ROOT_DIR, 'content/replies.yaml')): Record<Locale, ReplyCatalog> {
  return fileSchema.parse(parse(readFileSync(file, 'utf8')));
}

export function fill(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (values[k] === undefined ? m : String(values[k])));
}
