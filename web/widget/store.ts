/**
 * The conversation as the widget shows it: server messages de-duplicated by id (they can arrive in
 * the POST response, on the live stream and in the history), the customer's own messages before the
 * server has them, and bot replies still being streamed as deltas.
 */
import type { Delta, ServerMessage } from './wire.js';

/** sent: the server has it. sending: POST in flight. queued: waiting to be (re)sent. streaming: deltas arriving. */
export type Delivery = 'sent' | 'sending' | 'queued' | 'streaming';

export interface ChatMessage extends ServerMessage {
  /** Stable render key: a local message keeps its key when the server's copy replaces it. */
  key: string;
  delivery: Delivery;
  /** Arrival order; breaks ties between equal timestamps. */
  seq: number;
}

// Unconfirmed messages sort after everything the server has confirmed, in this order: the message
// being sent, then the reply streaming in answer to it, then what is still queued behind it.
const RANK: Record<Delivery, number> = { sent: 0, sending: 1, streaming: 2, queued: 3 };

const time = (iso: string): number => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.MAX_SAFE_INTEGER : t;
};

export class MessageStore {
  private readonly byKey = new Map<string, ChatMessage>();
  private readonly keyById = new Map<string, string>();
  /** Ids whose final message arrived: a delta that comes later is stale and ignored. */
  private readonly final = new Set<string>();
  /** Local key → server id, when the stream echoed our message before the POST answered. */
  private readonly echoed = new Map<string, string>();
  private seq = 0;

  /** The customer typed something; it shows at once and waits for the outbox to send it. */
  addLocal(localId: string, text: string, createdAt: string): void {
    if (this.byKey.has(localId)) return;
    this.byKey.set(localId, { id: localId, key: localId, author: 'customer', text, createdAt, delivery: 'queued', seq: ++this.seq });
  }

  setDelivery(localId: string, delivery: 'queued' | 'sending'): void {
    const message = this.byKey.get(localId);
    if (message && message.delivery !== 'sent') this.byKey.set(localId, { ...message, delivery });
  }

  /** True when the server already has this local message (seen on the stream), so it must not be re-sent. */
  isDelivered(localId: string): boolean {
    return this.byKey.get(localId)?.delivery === 'sent';
  }

  /** The POST answered: show the server's stored (masked) text in place of what was typed. */
  confirmLocal(localId: string, server?: ServerMessage): void {
    const local = this.byKey.get(localId);
    if (!local) {
      if (server) this.upsert(server);
      return;
    }
    const echoedId = this.echoed.get(localId);
    this.echoed.delete(localId);
    if (!server) {
      this.byKey.set(localId, { ...local, delivery: 'sent' });
      return;
    }
    if (echoedId && echoedId !== server.id) {
      // The echo we matched belonged to another tab; ours is a message of its own.
      this.upsert(server);
      return;
    }
    const existingKey = this.keyById.get(server.id);
    if (existingKey && existingKey !== localId) {
      this.byKey.delete(localId);
      this.upsert(server);
      return;
    }
    this.byKey.set(localId, { ...server, key: localId, seq: local.seq, delivery: 'sent' });
    this.keyById.set(server.id, localId);
    this.final.add(server.id);
  }

  /** The server refused the message for good (400/413): take it out of the conversation. */
  removeLocal(localId: string): void {
    this.byKey.delete(localId);
    this.echoed.delete(localId);
  }

  /** Adds or replaces a server message. Returns true only for a message not seen before. */
  upsert(message: ServerMessage): boolean {
    const key = this.keyById.get(message.id);
    this.final.add(message.id);
    if (key) {
      const existing = this.byKey.get(key);
      if (existing) {
        this.byKey.set(key, { ...message, key, seq: existing.seq, delivery: 'sent' });
        return false;
      }
    }
    if (message.author === 'customer') {
      const inFlight = this.oldestSending();
      if (inFlight) {
        this.echoed.set(inFlight.key, message.id);
        this.keyById.set(message.id, inFlight.key);
        this.byKey.set(inFlight.key, { ...message, key: inFlight.key, seq: inFlight.seq, delivery: 'sent' });
        return false;
      }
    }
    this.keyById.set(message.id, message.id);
    this.byKey.set(message.id, { ...message, key: message.id, seq: ++this.seq, delivery: 'sent' });
    return true;
  }

  /** Appends streamed text to a bot reply, creating it on the first delta. */
  applyDelta(delta: Delta, now: string): boolean {
    if (this.final.has(delta.id)) return false;
    const key = this.keyById.get(delta.id);
    const existing = key ? this.byKey.get(key) : undefined;
    if (existing) {
      this.byKey.set(existing.key, { ...existing, text: existing.text + delta.text });
      return true;
    }
    this.keyById.set(delta.id, delta.id);
    this.byKey.set(delta.id, { id: delta.id, key: delta.id, author: 'bot', text: delta.text, createdAt: now, delivery: 'streaming', seq: ++this.seq });
    return true;
  }

  list(): ChatMessage[] {
    return [...this.byKey.values()].sort((a, b) => {
      const rank = RANK[a.delivery] - RANK[b.delivery];
      if (rank !== 0) return rank;
      if (a.delivery === 'sent') {
        const t = time(a.createdAt) - time(b.createdAt);
        if (t !== 0) return t;
      }
      return a.seq - b.seq;
    });
  }

  /** Quick replies belong to the latest message only, once it is complete. */
  quickReplies(): string[] {
    const list = this.list();
    const last = list[list.length - 1];
    return last && last.author === 'bot' && last.delivery === 'sent' ? last.suggestedActions ?? [] : [];
  }

  get size(): number {
    return this.byKey.size;
  }

  /** A new conversation starts. Unsent local messages carry over (queued again) unless `keepUnsent` is false. */
  reset(keepUnsent = true): void {
    const unsent = keepUnsent ? [...this.byKey.values()].filter((m) => m.delivery === 'queued' || m.delivery === 'sending') : [];
    this.byKey.clear();
    this.keyById.clear();
    this.final.clear();
    this.echoed.clear();
    for (const m of unsent) this.byKey.set(m.key, { ...m, delivery: 'queued' });
  }

  private oldestSending(): ChatMessage | undefined {
    let oldest: ChatMessage | undefined;
    for (const m of this.byKey.values()) {
      if (m.delivery === 'sending' && (!oldest || m.seq < oldest.seq)) oldest = m;
    }
    return oldest;
  }
}
