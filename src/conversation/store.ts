// Persistence of conversations and their messages. Every write that belongs to one turn happens in
// one transaction, so a turn is stored whole or not at all.
import type { Database } from '../infra/database.js';
import type { Prisma } from '../generated/prisma/client.js';
import { readDialogState, type DialogState } from './dialog-state.js';
import { fromDbLocale, toDbLocale, type Locale } from './locale.js';
import { hashToken, newToken } from './tokens.js';
import type { AnswerCard, ConversationView, CustomerProfile } from './turn-types.js';

export type Author = 'customer' | 'bot' | 'agent' | 'system';

export interface StoredMessage {
  id: string;
  seq: string;
  author: Author;
  text: string;
  createdAt: string;
  suggestedActions?: string[];
  card?: AnswerCard;
}

export interface ConversationRecord extends ConversationView {
  tokenHash: string;
  urgent: boolean;
  firstResponseAt: Date | null;
}

export interface NewMessage {
  author: Author;
  text: string;
  masked?: boolean;
  originalEncrypted?: string | null;
  clientMessageId?: string | null;
  agentId?: string | null;
  route?: string | null;
  intent?: string | null;
  confidence?: number | null;
  metadata?: Record<string, unknown>;
}

export interface FieldEncryptor {
  encrypt(plain: string): string;
}

type MessageRow = { id: string; seq: bigint; author: Author; text: string; createdAt: Date; metadata: Prisma.JsonValue };

export function toStoredMessage(row: MessageRow): StoredMessage {
  const meta = (row.metadata ?? {}) as { suggestedActions?: string[]; card?: AnswerCard };
  return {
    id: row.id,
    seq: row.seq.toString(),
    author: row.author,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
    ...(meta.suggestedActions?.length ? { suggestedActions: meta.suggestedActions } : {}),
    ...(meta.card ? { card: meta.card } : {}),
  };
}

const messageSelect = { id: true, seq: true, author: true, text: true, createdAt: true, metadata: true } as const;

export function createConversationStore(db: Database, cipher: FieldEncryptor) {
  async function upsertCustomer(customer: { externalId?: string; name?: string; segment?: 'ordinary' | 'key' | 'vip' } | undefined, locale: Locale) {
    if (!customer || (!customer.externalId && !customer.name && !customer.segment)) return null;
    const data = {
      locale: toDbLocale(locale),
      ...(customer.name ? { nameEncrypted: cipher.encrypt(customer.name) } : {}),
      ...(customer.segment ? { segment: customer.segment } : {}),
    };
    if (customer.externalId) {
      return db.customer.upsert({ where: { externalId: customer.externalId }, create: { externalId: customer.externalId, ...data }, update: data });
    }
    return db.customer.create({ data });
  }

  return {
    async create(input: {
      locale: Locale;
      channel: string;
      channelConversationId?: string;
      customer?: { externalId?: string; name?: string; segment?: 'ordinary' | 'key' | 'vip' };
    }): Promise<{ id: string; token: string }> {
      const token = newToken();
      const customer = await upsertCustomer(input.customer, input.locale);
      const conv = await db.conversation.create({
        data: {
          channel: input.channel,
          channelConversationId: input.channelConversationId ?? null,
          locale: toDbLocale(input.locale),
          tokenHash: hashToken(token),
          customerId: customer?.id ?? null,
        },
        select: { id: true },
      });
      return { id: conv.id, token };
    },

    async find(id: string): Promise<ConversationRecord | null> {
      const row = await db.conversation.findUnique({
        where: { id },
        include: { customer: { select: { id: true, externalId: true, segment: true, vulnerable: true } } },
      });
      if (!row) return null;
      const customer: CustomerProfile | null = row.customer ? { ...row.customer } : null;
      return {
        id: row.id,
        channel: row.channel,
        locale: fromDbLocale(row.locale),
        state: row.state,
        dialog: readDialogState(row.dialog),
        customer,
        tokenHash: row.tokenHash,
        urgent: row.urgent,
        firstResponseAt: row.firstResponseAt,
      };
    },

    async findByChannelConversation(channel: string, channelConversationId: string) {
      const row = await db.conversation.findUnique({ where: { channel_channelConversationId: { channel, channelConversationId } }, select: { id: true } });
      return row ? this.find(row.id) : null;
    },

    async messages(conversationId: string, afterSeq?: string): Promise<StoredMessage[]> {
      const rows = await db.message.findMany({
        where: { conversationId, ...(afterSeq ? { seq: { gt: BigInt(afterSeq) } } : {}) },
        orderBy: { seq: 'asc' },
        select: messageSelect,
      });
      return rows.map(toStoredMessage);
    },

    /** A customer message retried with the same clientMessageId: the turn it already produced. */
    async findTurnByClientMessageId(conversationId: string, clientMessageId: string) {
      const first = await db.message.findUnique({ where: { conversationId_clientMessageId: { conversationId, clientMessageId } }, select: messageSelect });
      if (!first) return null;
      const after = await db.message.findMany({ where: { conversationId, seq: { gt: first.seq }, author: { in: ['bot', 'system'] } }, orderBy: { seq: 'asc' }, take: 5, select: messageSelect });
      return { customer: toStoredMessage(first), replies: after.map(toStoredMessage) };
    },

    /** Stores a whole turn: the customer's message, the replies, and the conversation's new state. */
    async recordTurn(input: {
      conversationId: string;
      incoming: NewMessage | null;
      replies: NewMessage[];
      dialog: DialogState;
      route?: string;
      intent?: string;
      urgent?: boolean;
      state?: 'bot' | 'waiting' | 'human' | 'closed';
      now: Date;
      setFirstResponse: boolean;
    }): Promise<{ incoming: StoredMessage | null; replies: StoredMessage[] }> {
      const toData = (m: NewMessage) => ({
        conversationId: input.conversationId,
        author: m.author,
        text: m.text,
        masked: m.masked ?? false,
        originalEncrypted: m.originalEncrypted ?? null,
        clientMessageId: m.clientMessageId ?? null,
        agentId: m.agentId ?? null,
        route: m.route ?? null,
        intent: m.intent ?? null,
        confidence: m.confidence ?? null,
        metadata: (m.metadata ?? {}) as Prisma.InputJsonValue,
      });
      const all = [...(input.incoming ? [input.incoming] : []), ...input.replies];
      const [created] = await db.$transaction([
        db.message.createManyAndReturn({ data: all.map(toData), select: messageSelect }),
        db.conversation.update({
          where: { id: input.conversationId },
          data: {
            dialog: input.dialog as Prisma.InputJsonValue,
            messageCount: { increment: all.length },
            lastMessageAt: input.now,
            ...(input.route ? { lastRoute: input.route } : {}),
            ...(input.intent ? { lastIntent: input.intent } : {}),
            ...(input.urgent ? { urgent: true } : {}),
            ...(input.state ? { state: input.state } : {}),
            ...(input.setFirstResponse && input.replies.length ? { firstResponseAt: input.now } : {}),
          },
          select: { id: true },
        }),
      ]);
      const stored = created.sort((a, b) => (a.seq < b.seq ? -1 : 1)).map(toStoredMessage);
      return input.incoming ? { incoming: stored[0], replies: stored.slice(1) } : { incoming: null, replies: stored };
    },

    /** Ends the conversation; `resolvedBy` records whether the bot alone resolved it. */
    async close(conversationId: string, by: 'customer' | 'agent' | 'system') {
      const conv = await db.conversation.findUnique({ where: { id: conversationId }, select: { state: true, handoffs: { select: { id: true }, take: 1 } } });
      if (!conv || conv.state === 'closed') return;
      await db.conversation.update({
        where: { id: conversationId },
        data: { state: 'closed', closedAt: new Date(), resolvedBy: conv.handoffs.length ? 'agent' : by === 'agent' ? 'agent' : 'bot' },
      });
    },

    async setState(conversationId: string, state: 'bot' | 'waiting' | 'human' | 'closed', extra: { closedAt?: Date; resolvedBy?: string } = {}) {
      await db.conversation.update({ where: { id: conversationId }, data: { state, ...extra } });
    },
  };
}

export type ConversationStore = ReturnType<typeof createConversationStore>;
