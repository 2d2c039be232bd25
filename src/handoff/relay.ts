// The live relay from the agent side to the customer: a message is stored first (the transcript is
// the record), then published on the conversation's Redis channel, which every instance holding
// that customer's SSE stream forwards, and delivered through the channel's outbound port when the
// customer is on Bot Framework rather than the web chat.
import type { Prisma } from '../generated/prisma/client.js';
import { toStoredMessage, type StoredMessage } from '../conversation/store.js';
import type { HandoffCore } from './deps.js';

type Tx = Prisma.TransactionClient;

export interface RelayedMessage {
  author: 'agent' | 'system' | 'bot';
  text: string;
  agentId?: string | null;
  masked?: boolean;
  originalEncrypted?: string | null;
  clientMessageId?: string | null;
  intent: string;
  metadata?: Record<string, unknown>;
}

const select = { id: true, seq: true, author: true, text: true, createdAt: true, metadata: true } as const;

/** Inserts the message and moves the conversation's counters, inside the caller's transaction. */
export async function insertMessage(tx: Tx, conversationId: string, m: RelayedMessage, now: Date): Promise<StoredMessage> {
  const row = await tx.message.create({
    data: {
      conversationId,
      author: m.author,
      agentId: m.agentId ?? null,
      text: m.text,
      masked: m.masked ?? false,
      originalEncrypted: m.originalEncrypted ?? null,
      clientMessageId: m.clientMessageId ?? null,
      route: 'handoff',
      intent: m.intent,
      metadata: (m.metadata ?? {}) as Prisma.InputJsonValue,
      createdAt: now,
    },
    select,
  });
  await tx.conversation.update({ where: { id: conversationId }, data: { messageCount: { increment: 1 }, lastMessageAt: now } });
  return toStoredMessage(row);
}

export async function findByClientMessageId(core: HandoffCore, conversationId: string, clientMessageId: string): Promise<StoredMessage | null> {
  const row = await core.db.message.findUnique({ where: { conversationId_clientMessageId: { conversationId, clientMessageId } }, select });
  return row ? toStoredMessage(row) : null;
}

/** After commit: the customer's live stream (any instance), then the channel's own delivery. */
export async function relayToCustomer(core: HandoffCore, conversation: { id: string; channel: string }, message: StoredMessage): Promise<{ published: boolean; delivered: boolean }> {
  let published = true;
  try {
    await core.live.publish(conversation.id, { type: 'message', message });
  } catch (err) {
    published = false; // the transcript has it; the client catches up on reconnect (Last-Event-ID)
    core.log.warn({ err, conversationId: conversation.id }, 'live publish failed');
  }
  let delivered = false;
  if (core.outbound && conversation.channel !== 'web') {
    try {
      delivered = await core.outbound.deliver({ conversationId: conversation.id, channel: conversation.channel }, message);
    } catch (err) {
      core.log.error({ err, conversationId: conversation.id, channel: conversation.channel }, 'outbound delivery of an agent message failed');
    }
  }
  return { published, delivered };
}
