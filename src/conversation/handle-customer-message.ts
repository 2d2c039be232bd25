// Use case: a customer's message arrives on any channel. Runs the pipeline, carries out its effects
// (complaint, handoff), stores the turn in one transaction and publishes it on the live stream.
import type { LiveEvent, LiveEvents } from '../realtime/live-events.js';
import { decideTurn, stripInvisible, type TurnPorts } from './pipeline.js';
import { fill } from './replies.js';
import type { ConversationRecord, ConversationStore, FieldEncryptor, NewMessage, StoredMessage } from './store.js';
import type { ComplaintDraft, ConversationView, HandoffReason, ReplyDraft, Route } from './turn-types.js';
import type { Locale } from './locale.js';

export interface HandoffTicket {
  id: string;
  status: string;
  queuePosition?: number;
  estimatedWaitMinutes?: number;
  outsideServiceHours?: boolean;
  serviceHours?: string;
}

/** What the conversation needs from the handoff module. */
export interface HandoffPort {
  request(input: { conversation: ConversationView; reason: HandoffReason; urgent: boolean; complaintId?: string }): Promise<HandoffTicket>;
  waitingPosition(conversationId: string): Promise<HandoffTicket | null>;
  notifyCustomerMessage(conversationId: string, messageId: string): Promise<void>;
  /** The customer ended the conversation: a handoff still waiting for an agent is given up. */
  customerLeft(conversationId: string): Promise<void>;
}

/** What the conversation needs from the complaints module. */
export interface ComplaintFilingPort {
  file(input: { draft: ComplaintDraft; conversation: ConversationView; locale: Locale; now: Date }): Promise<{
    id: string;
    reference: string;
    status: string;
    severity: string;
    requiresHandoff: boolean;
    confirmation: ReplyDraft;
  }>;
}

export interface TurnResult {
  replies: Array<StoredMessage & { suggestedActions?: string[] }>;
  route: Route;
  intent: string;
  confidence: number;
  handoff?: { id: string; status: string; queuePosition?: number };
  complaint?: { reference: string; status: string };
  customerMessage: StoredMessage;
}

/** What the conversation needs from analytics: storing a satisfaction answer. */
export interface RatingPort {
  rateConversation(input: { conversation: { id: string; channel: string; locale: Locale }; kind: 'csat' | 'nps'; score: number; comment?: string; handoffId?: string; complaintId?: string }): Promise<unknown>;
}

export interface CustomerMessageDeps {
  ratings?: RatingPort;
  store: ConversationStore;
  ports: TurnPorts;
  handoffs: HandoffPort;
  complaints: ComplaintFilingPort;
  live: LiveEvents;
  cipher: FieldEncryptor;
  now?: () => Date;
  onTurn?: (info: { route: Route; intent: string; decidedBy: string; latencyMs: number; channel: string }) => void;
}

/** Turns of one conversation run one at a time in this process (dialog state is read-modify-write). */
const inFlight = new Map<string, Promise<unknown>>();
function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const prev = inFlight.get(key) ?? Promise.resolve();
  const next = prev.catch(() => {}).then(work);
  inFlight.set(key, next);
  void next.finally(() => {
    if (inFlight.get(key) === next) inFlight.delete(key);
  }).catch(() => {});
  return next;
}

export function createCustomerMessageHandler(deps: CustomerMessageDeps) {
  const now = deps.now ?? (() => new Date());

  async function handoffReply(ticket: HandoffTicket, locale: Locale): Promise<ReplyDraft> {
    const t = deps.ports.replies[locale];
    if (ticket.outsideServiceHours) return { text: fill(t.handoff_outside_hours, { hours: ticket.serviceHours }), suggestedActions: t.handoff_outside_hours_actions };
    if (ticket.queuePosition === undefined) return { text: t.handoff_connecting_short };
    return { text: fill(t.handoff_connecting, { position: Math.max(0, ticket.queuePosition - 1), wait: ticket.estimatedWaitMinutes ?? 1 }) };
  }

  async function run(conv: ConversationRecord, text: string, clientMessageId?: string): Promise<TurnResult> {
    const started = performance.now();
    const at = now();
    if (clientMessageId) {
      const earlier = await replayed(conv.id, clientMessageId);
      if (earlier) return earlier;
    }

    // A person is on the conversation (or about to be): the bot stays silent and relays.
    if (conv.state === 'human' || conv.state === 'waiting') {
      const masked = deps.ports.mask(stripInvisible(text));
      const incoming: NewMessage = { author: 'customer', text: masked.text, masked: masked.found.length > 0, originalEncrypted: masked.found.length ? deps.cipher.encrypt(text) : null, clientMessageId, route: 'handoff', intent: 'handoff.relay' };
      const replies: NewMessage[] = [];
      let ticket: HandoffTicket | null = null;
      if (conv.state === 'waiting') {
        ticket = await deps.handoffs.waitingPosition(conv.id);
        if (ticket?.queuePosition !== undefined) replies.push({ author: 'bot', text: fill(deps.ports.replies[conv.locale].handoff_waiting, { position: ticket.queuePosition }), route: 'handoff', intent: 'handoff.waiting' });
      }
      const saved = await deps.store.recordTurn({ conversationId: conv.id, incoming, replies, dialog: conv.dialog, now: at, setFirstResponse: false });
      await publish(conv.id, [saved.incoming!, ...saved.replies]);
      await deps.handoffs.notifyCustomerMessage(conv.id, saved.incoming!.id);
      return {
        replies: saved.replies,
        route: 'handoff',
        intent: 'handoff.relay',
        confidence: 1,
        ...(ticket ? { handoff: { id: ticket.id, status: ticket.status, queuePosition: ticket.queuePosition } } : {}),
        customerMessage: saved.incoming!,
      };
    }

    // Model-written replies reach the customer's live stream piece by piece (SSE `delta`), then whole.
    const decision = await decideTurn(deps.ports, conv, text, at, {
      onReplyDelta: (id, piece) => void deps.live.publish(conv.id, { type: 'delta', id, text: piece }).catch(() => {}),
    });
    const replies: ReplyDraft[] = [...decision.replies];
    let handoff: TurnResult['handoff'];
    let complaint: TurnResult['complaint'];
    let state: 'bot' | 'waiting' | undefined = conv.state === 'closed' ? 'bot' : undefined;
    let complaintId: string | undefined;
    let urgent = false;
    const view: ConversationView = { ...conv, locale: decision.locale, dialog: decision.dialog };

    for (const effect of decision.effects) {
      if (effect.type === 'flag_urgent') urgent = true;
      if (effect.type === 'record_rating' && deps.ratings) {
        const { type: _t, ...rating } = effect;
        await deps.ratings.rateConversation({ conversation: { id: conv.id, channel: conv.channel, locale: decision.locale }, ...rating });
      }
      if (effect.type === 'submit_complaint') {
        const filed = await deps.complaints.file({ draft: effect.draft, conversation: view, locale: decision.locale, now: at });
        complaint = { reference: filed.reference, status: filed.status };
        complaintId = filed.id;
        replies.push(filed.confirmation);
        if (filed.requiresHandoff) decision.effects.push({ type: 'request_handoff', reason: 'complaint_severity', urgent: filed.severity === 'crisis' });
      }
    }
    const handoffEffect = decision.effects.find((e) => e.type === 'request_handoff');
    if (handoffEffect && handoffEffect.type === 'request_handoff') {
      const ticket = await deps.handoffs.request({ conversation: view, reason: handoffEffect.reason, urgent: handoffEffect.urgent, complaintId });
      handoff = { id: ticket.id, status: ticket.status, queuePosition: ticket.queuePosition };
      if (!ticket.outsideServiceHours) state = 'waiting';
      replies.push(await handoffReply(ticket, decision.locale));
    }

    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const turnMeta = { route: decision.route, intent: decision.intent, confidence: decision.confidence, decidedBy: decision.decidedBy, latencyMs, ...decision.metadata };
    const saved = await deps.store.recordTurn({
      conversationId: conv.id,
      incoming: {
        author: 'customer',
        text: decision.maskedText,
        masked: decision.masked,
        originalEncrypted: decision.masked ? deps.cipher.encrypt(text) : null,
        clientMessageId,
        route: decision.route,
        intent: decision.intent,
        confidence: decision.confidence,
        metadata: turnMeta,
      },
      replies: replies.map((r) => ({ id: r.id, author: 'bot', text: r.text, route: decision.route, intent: decision.intent, metadata: { suggestedActions: r.suggestedActions, card: r.card } })),
      dialog: decision.dialog,
      route: decision.route,
      intent: decision.intent,
      urgent,
      state,
      now: at,
      setFirstResponse: !conv.firstResponseAt,
    });
    await publish(conv.id, [saved.incoming!, ...saved.replies], state ? { type: 'state', state, ...(handoff?.queuePosition !== undefined ? { queuePosition: handoff.queuePosition } : {}) } : undefined);
    deps.onTurn?.({ route: decision.route, intent: decision.intent, decidedBy: decision.decidedBy, latencyMs, channel: conv.channel });
    return { replies: saved.replies, route: decision.route, intent: decision.intent, confidence: decision.confidence, handoff, complaint, customerMessage: saved.incoming! };
  }

  /** The turn a retried send (same clientMessageId) already produced: answered again, not run again. */
  async function replayed(conversationId: string, clientMessageId: string): Promise<TurnResult | null> {
    const earlier = await deps.store.findTurnByClientMessageId(conversationId, clientMessageId);
    if (!earlier) return null;
    return { replies: earlier.replies, route: (earlier.route ?? 'fallback') as Route, intent: earlier.intent ?? 'unknown', confidence: earlier.confidence ?? 0, customerMessage: earlier.customer };
  }

  /** The turn's messages (and its new state) reach the live stream together, as one publish. */
  async function publish(conversationId: string, messages: StoredMessage[], state?: LiveEvent) {
    const events: LiveEvent[] = messages.map((message) => ({ type: 'message', message }));
    if (state) events.push(state);
    // The live stream is best effort: the transcript in PostgreSQL is the record, and clients resume from it.
    await deps.live.publish(conversationId, ...events).catch(() => {});
  }

  return {
    handle(conv: ConversationRecord, text: string, opts: { clientMessageId?: string } = {}): Promise<TurnResult> {
      const queued = inFlight.has(conv.id);
      return serialised(conv.id, async () => {
        // A turn that waited behind another re-reads the conversation: the earlier one changed it.
        const current = queued ? ((await deps.store.find(conv.id)) ?? conv) : conv;
        try {
          return await run(current, text, opts.clientMessageId);
        } catch (err) {
          // The same clientMessageId sent twice at once (from two instances): the loser answers with the winner's turn.
          const again = opts.clientMessageId && (err as { code?: string; meta?: unknown }) && /23505|unique/i.test(String((err as Error).message)) ? await replayed(conv.id, opts.clientMessageId) : null;
          if (again) return again;
          throw err;
        }
      });
    },
  };
}

export type CustomerMessageHandler = ReturnType<typeof createCustomerMessageHandler>;
