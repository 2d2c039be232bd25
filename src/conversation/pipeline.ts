// The turn pipeline: normalise → mask → language → classify → route → dialog policy → reply.
// Channel-agnostic and free of I/O of its own: what it needs from the outside world arrives as ports
// (the router, the knowledge base, the complaint intake, the optional LLM), and what it wants done
// (open a handoff, submit a complaint) leaves as effects. Persisting the turn is the caller's job
// (handle-customer-message.ts).
import { randomUUID } from 'node:crypto';
import type { Locale } from './locale.js';
import { fill, type ReplyCatalog } from './replies.js';
import type { DialogState } from './dialog-state.js';
import type { ConversationView, DecidedBy, ReplyDraft, Route, TurnDecision, TurnEffect } from './turn-types.js';
import { npsQuestion, parseSurveyAnswer, SURVEY_THANKS } from '../analytics/satisfaction-prompts.js';

export interface RouteDecision {
  route: Route;
  intent: string;
  confidence: number;
  decidedBy: DecidedBy;
  /** For faq: whether the best entry is confident enough to answer; otherwise the bot offers choices. */
  answerable?: boolean;
  /** Ranked knowledge-base candidates for this text (best first). */
  candidates: KnowledgeCandidate[];
}

export interface KnowledgeCandidate {
  key: string;
  title: string;
  answer: string;
  followUps: string[];
  confidence: number;
}

export interface IntakeStep {
  replies: ReplyDraft[];
  dialog: DialogState;
  effects: TurnEffect[];
  intent: string;
}

export interface TurnPorts {
  normalise(text: string): string;
  mask(text: string): { text: string; found: string[] };
  detectLanguage(text: string, fallback: Locale): Locale;
  sentiment(text: string, locale: Locale): number;
  route(input: { text: string; normalised: string; locale: Locale; dialog: DialogState }): Promise<RouteDecision>;
  /**
   * The complaint intake gets the customer's own wording (personal data masked), not the normalised
   * copy: what it keeps (description, outcome, notes) is the customer's record. It reads it case-insensitively.
   */
  complaints: {
    /** Starts the intake dialog from the first complaint message. */
    start(input: { text: string; locale: Locale; conversation: ConversationView; now: Date }): IntakeStep | Promise<IntakeStep>;
    /** Continues an active intake; returns null when the message is not for the intake (it leaves). */
    continue(input: { text: string; locale: Locale; conversation: ConversationView; now: Date }): IntakeStep;
    /** With the conversation, only the customer's own complaints are answered. */
    statusReply(reference: string, locale: Locale, conversation?: ConversationView): Promise<ReplyDraft>;
  };
  /** Optional LLM phrasing of a grounded answer; returns null to keep the retrieved text. */
  phraseAnswer?(input: { question: string; locale: Locale; candidates: KnowledgeCandidate[]; onDelta?: (piece: string) => void }): Promise<{ text: string; model: string } | null>;
  replies: Record<Locale, ReplyCatalog>;
  hotlines: { hotline: string; fraudHotline: string };
}

const COMPLAINT_REF = /\bCMP-\d{4}-\d{6}\b/i;
const URGENT_REPLY: Record<string, keyof ReplyCatalog> = {
  'urgent.lost_card': 'urgent_lost_card',
  'urgent.stolen_card': 'urgent_lost_card',
  'urgent.fraud_transaction': 'urgent_fraud',
  'urgent.account_takeover': 'urgent_account_takeover',
  'urgent.scam_transfer': 'urgent_scam_transfer',
};
/** Sentiment at or below this on two turns in a row asks for a person. */
const STRONGLY_NEGATIVE = -0.6;

export interface TurnOptions {
  /** Receives pieces of a reply while the model writes it (`replyId` is the id it will be stored under). */
  onReplyDelta?: (replyId: string, piece: string) => void;
}

/** Zero-width, bidi-control and other invisible characters: kept out of the transcript and the NLU. */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
export const stripInvisible = (text: string) => text.replace(INVISIBLE, '').trim();

export async function decideTurn(ports: TurnPorts, conversation: ConversationView, rawText: string, now: Date, turnOptions: TurnOptions = {}): Promise<TurnDecision> {
  // The transcript keeps what the customer wrote (personal data masked, invisible characters removed);
  // the NLU works on a normalised copy of it.
  const { text: maskedText, found } = ports.mask(stripInvisible(rawText));
  const nluText = ports.normalise(maskedText);
  const locale = ports.detectLanguage(nluText, conversation.locale);
  const t = ports.replies[locale];
  const base = { locale, maskedText, masked: found.length > 0 };
  const sentimentScore = ports.sentiment(nluText, locale);
  const dialog: DialogState = { ...conversation.dialog, sentiment: [...conversation.dialog.sentiment, sentimentScore].slice(-10) };
  const conv = { ...conversation, locale, dialog };

  // A satisfaction question is waiting: an answer that reads as a score is recorded; anything else
  // drops the question and is handled as a normal message.
  if (dialog.survey) {
    const survey = dialog.survey;
    const answer = parseSurveyAnswer(nluText, survey.kind);
    if (answer) {
      const context = { trigger: survey.trigger, handoffId: survey.handoffId, complaintId: survey.complaintId };
      const next = survey.kind === 'csat' && survey.thenNps ? npsQuestion(locale, context) : null;
      return {
        ...base,
        route: 'smalltalk',
        intent: `survey.${survey.kind}`,
        confidence: 1,
        decidedBy: 'dialog',
        replies: [next ? { text: next.text, suggestedActions: next.metadata.suggestedActions } : { text: SURVEY_THANKS[locale] }],
        dialog: { ...dialog, survey: next ? { ...survey, kind: 'nps', thenNps: false } : null },
        effects: [{ type: 'record_rating', kind: survey.kind, score: answer.score, comment: answer.comment, handoffId: survey.handoffId, complaintId: survey.complaintId }],
        metadata: { survey: survey.kind },
      };
    }
    dialog.survey = null;
  }

  const decision = await ports.route({ text: nluText, normalised: nluText, locale, dialog });
  const remember = (intent: string) => [...dialog.intents, intent].slice(-20);

  // An active complaint intake keeps the floor unless the customer clearly (by a rule, not a guess of
  // the classifier: answers like "reverse the transfer" look urgent) raises something urgent or asks for a person.
  const breaksIntake = decision.decidedBy === 'rule' && (decision.route === 'urgent' || decision.route === 'handoff');
  if (dialog.active?.kind === 'complaint_intake' && !breaksIntake) {
    const step = ports.complaints.continue({ text: maskedText, locale, conversation: conv, now });
    return { ...base, route: 'complaint', intent: step.intent, confidence: 1, decidedBy: 'dialog', replies: step.replies, dialog: { ...step.dialog, fallbackStreak: 0, intents: remember(step.intent) }, effects: step.effects, metadata: {} };
  }

  const result = (route: Route, replies: ReplyDraft[], extra: Partial<TurnDecision> = {}): TurnDecision => ({
    ...base,
    route,
    intent: decision.intent,
    confidence: decision.confidence,
    decidedBy: decision.decidedBy,
    replies,
    dialog: { ...dialog, fallbackStreak: route === 'fallback' ? dialog.fallbackStreak + 1 : 0, intents: remember(extra.intent ?? decision.intent) },
    effects: [],
    metadata: {},
    ...extra,
  });

  switch (decision.route) {
    case 'urgent': {
      const key = URGENT_REPLY[decision.intent] ?? 'urgent_fraud';
      return result('urgent', [{ text: fill(t[key] as string, ports.hotlines) }], {
        effects: [{ type: 'flag_urgent' }, { type: 'request_handoff', reason: 'urgent', urgent: true }],
      });
    }
    case 'handoff':
      // The reply (queue position, wait, service hours) is written once the handoff exists.
      return result('handoff', [], { effects: [{ type: 'request_handoff', reason: 'customer_request', urgent: false }] });
    case 'complaint': {
      const ref = COMPLAINT_REF.exec(maskedText)?.[0];
      if (decision.intent === 'complaint.status' || (ref && decision.intent !== 'complaint.file')) {
        if (ref) return result('complaint', [await ports.complaints.statusReply(ref.toUpperCase(), locale, conv)], { intent: 'complaint.status' });
      }
      const step = await ports.complaints.start({ text: maskedText, locale, conversation: conv, now });
      return result('complaint', step.replies, { intent: step.intent, dialog: { ...step.dialog, fallbackStreak: 0, intents: remember(step.intent) }, effects: step.effects });
    }
    case 'smalltalk': {
      const smalltalk: Record<string, 'greeting' | 'thanks' | 'goodbye' | 'bot_identity'> = { 'smalltalk.thanks': 'thanks', 'smalltalk.goodbye': 'goodbye', 'smalltalk.bot_identity': 'bot_identity' };
      const key = smalltalk[decision.intent] ?? 'greeting';
      return result('smalltalk', [{ text: t[key], suggestedActions: key === 'greeting' ? t.welcome_suggestions : undefined }]);
    }
    case 'faq': {
      const best = decision.candidates[0];
      // A banking question without a confident entry: offer the nearest entries rather than answer wrongly.
      if (best && decision.answerable === false) {
        const options = decision.candidates.slice(0, 3).map((c) => c.title);
        return result('faq', [{ text: t.fallback_clarify, suggestedActions: [...options, t.offer_human_action] }], { metadata: { clarified: true, candidates: decision.candidates.slice(0, 3).map((c) => c.key) } });
      }
      if (best) {
        const replyId = randomUUID();
        const onDelta = turnOptions.onReplyDelta ? (piece: string) => turnOptions.onReplyDelta!(replyId, piece) : undefined;
        const phrased = ports.phraseAnswer ? await ports.phraseAnswer({ question: nluText, locale, candidates: decision.candidates.slice(0, 3), onDelta }) : null;
        const reply: ReplyDraft = {
          id: replyId,
          text: phrased?.text ?? best.answer,
          suggestedActions: best.followUps.length ? best.followUps : undefined,
          card: { title: best.title, body: best.answer }, // the entry key stays in the metadata, not in front of customers
        };
        return result('faq', [reply], { dialog: { ...dialog, fallbackStreak: 0, lastEntryKey: best.key, intents: remember(decision.intent) }, metadata: { entry: best.key, answeredBy: phrased ? 'llm' : 'retrieval', ...(phrased ? { model: phrased.model } : {}) } });
      }
      break;
    }
  }

  // Fallback: clarify with the nearest questions; after two misses in a row, offer a person.
  const streak = dialog.fallbackStreak + 1;
  const negativeTrend = dialog.sentiment.slice(-2).length === 2 && dialog.sentiment.slice(-2).every((s) => s <= STRONGLY_NEGATIVE);
  if (negativeTrend) {
    return result('handoff', [], { intent: 'handoff.negative_sentiment', decidedBy: 'rule', effects: [{ type: 'request_handoff', reason: 'negative_sentiment', urgent: false }] });
  }
  if (streak >= 2) {
    return result('fallback', [{ text: t.fallback_offer_human, suggestedActions: [t.offer_human_action] }], { intent: decision.intent || 'fallback', metadata: { offeredHuman: true } });
  }
  const options = decision.candidates.slice(0, 3).map((c) => c.title);
  return result('fallback', [options.length ? { text: t.fallback_clarify, suggestedActions: [...options, t.offer_human_action] } : { text: t.fallback_clarify_none, suggestedActions: t.welcome_suggestions }], {
    route: 'fallback',
    intent: decision.intent || 'fallback',
  });
}
