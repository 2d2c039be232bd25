// The one turn shape every channel translates to and from.
import type { Locale } from './locale.js';
import type { DialogState } from './dialog-state.js';

export const ROUTES = ['faq', 'complaint', 'handoff', 'urgent', 'smalltalk', 'fallback'] as const;
export type Route = (typeof ROUTES)[number];

/** Who or what made the routing decision, stored with the turn for audit and analytics. */
export type DecidedBy = 'rule' | 'classifier' | 'knowledge' | 'llm' | 'dialog' | 'state';

export interface AnswerCard {
  title: string;
  body: string;
  source?: string;
}

export interface ReplyDraft {
  /** Set when the reply was streamed (its id is known to the live stream before it is stored). */
  id?: string;
  text: string;
  suggestedActions?: string[];
  card?: AnswerCard;
}

export interface CustomerProfile {
  id: string;
  externalId: string | null;
  segment: 'ordinary' | 'key' | 'vip';
  vulnerable: boolean;
}

export interface ConversationView {
  id: string;
  channel: string;
  locale: Locale;
  state: 'bot' | 'waiting' | 'human' | 'closed';
  dialog: DialogState;
  customer: CustomerProfile | null;
}

export type HandoffReason = 'customer_request' | 'urgent' | 'complaint_severity' | 'repeated_fallback' | 'negative_sentiment';

/** Side effects a turn asks for; the use case carries them out after deciding, around persistence. */
export type TurnEffect =
  | { type: 'request_handoff'; reason: HandoffReason; urgent: boolean }
  | { type: 'submit_complaint'; draft: ComplaintDraft }
  | { type: 'flag_urgent' }
  | { type: 'record_rating'; kind: 'csat' | 'nps'; score: number; comment?: string; handoffId?: string; complaintId?: string };

export interface ComplaintDraft {
  description: string;
  category: string;
  amount?: number;
  currency?: string;
  occurredText?: string;
  occurredOn?: string;
  desiredOutcome?: string;
  contactPreference?: string;
  severityHints: string[];
}

export interface TurnDecision {
  locale: Locale;
  maskedText: string;
  masked: boolean;
  route: Route;
  intent: string;
  confidence: number;
  decidedBy: DecidedBy;
  replies: ReplyDraft[];
  dialog: DialogState;
  effects: TurnEffect[];
  /** Extra facts stored in the turn's metadata (kb entry, model, tokens...). */
  metadata: Record<string, unknown>;
}
