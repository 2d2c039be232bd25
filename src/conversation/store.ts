// Persistence of conversations and their messages. Every write that belongs to one turn happens in
// one transaction, so a turn is stored whole or not at all.
import { randomUUID } from 'node:crypto';
import { createAdaptiveBatcher } from '../infra/adaptive-batcher.js';
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
  /** Given when the id had to be known before storing (a streamed reply); generated otherwise. */
  id?: string;
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

type ConversationRow = {
  id: string;
  channel: string;
  locale: string;
  state: ConversationRecord['state'];
  dialog: unknown;
  tokenHash: string;
  urgent: boolean;
  firstResponseAt: Date | null;
  customerId: string | null;
  externalId: string | null;
  segment: CustomerProfile['segment'] | null;
  vulnerable: boolean | null;
};

export interface TurnWrite {
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
}

function toConversationRecord(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    channel: row.channel,
    locale: fromDbLocale(row.locale),
    state: row.state,
    dialog: readDialogState(row.dialog),
    customer: row.customerId ? { id: row.customerId, externalId: row.externalId, segment: row.segment ?? 'ordinary', vulnerable: Boolean(row.vulnerable) } : null,
    tokenHash: row.tokenHash,
    urgent: row.urgent,
    firstResponseAt: row.firstResponseAt,
  };
}

/**
 * The hot path of every turn goes through two adaptive batchers (src/infra/adaptive-batcher.ts): loads
 * of conversations and writes of turns that arrive together share one statement each.
 *
 * Few statements in flight make big batches, and per statement (not per row) is where the cost lies:
 * a round trip, a plan, a commit, two process wake-ups. On 2 cores, in-flight limits of 4/4 gave
 * 1,080 turns/s, 2/2 1,340 and 1/2 1,450 with a lower p99 (npm run bench:turns). Loads are reads that
 * no lock can hold up, so one at a time; writes keep a second slot so that one waiting on a row lock
 * (a handoff claim updating the conversation) does not stall every other turn.
 */
function createTurnBatchers(db: Database) {
  const findBatcher = createAdaptiveBatcher<string, ConversationRecord | null>(
    async (ids) => {
      const rows = await db.$queryRaw<ConversationRow[]>`
        SELECT c.id::text, c.channel, c.locale::text AS locale, c.state::text AS state, c.dialog, c."tokenHash", c.urgent, c."firstResponseAt",
               cu.id::text AS "customerId", cu."externalId", cu.segment::text AS segment, cu.vulnerable
          FROM "Conversation" c LEFT JOIN "Customer" cu ON cu.id = c."customerId"
         WHERE c.id = ANY(${ids}::uuid[])`;
      const byId = new Map(rows.map((r) => [r.id, toConversationRecord(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    { maxInFlight: 1, maxBatch: 200 },
  );

  const turnBatcher = createAdaptiveBatcher<TurnWrite, { incoming: StoredMessage | null; replies: StoredMessage[] }>(
    async (turns) => {
      const messages = turns.flatMap((t) =>
        [...(t.incoming ? [t.incoming] : []), ...t.replies].map((m, i) => ({
          ord: 0,
          id: m.id ?? randomUUID(),
          conversationId: t.conversationId,
          author: m.author,
          text: m.text,
          masked: m.masked ?? false,
          originalEncrypted: m.originalEncrypted ?? null,
          clientMessageId: m.clientMessageId ?? null,
          agentId: m.agentId ?? null,
          route: m.route ?? null,
          intent: m.intent ?? null,
          confidence: m.confidence ?? null,
          metadata: m.metadata ?? {},
          // Replies are stamped a millisecond after the message they answer, so time order matches seq order.
          createdAt: new Date(t.now.getTime() + i).toISOString(),
        })),
      );
      messages.forEach((m, i) => (m.ord = i)); // insertion order decides seq
      const updates = turns.map((t) => ({
        id: t.conversationId,
        dialog: t.dialog,
        n: (t.incoming ? 1 : 0) + t.replies.length,
        now: t.now.toISOString(),
        route: t.route ?? null,
        intent: t.intent ?? null,
        urgent: t.urgent ?? false,
        state: t.state ?? null,
        firstResponse: t.setFirstResponse && t.replies.length > 0,
      }));
      // One statement: atomic for the whole batch, one round trip, one commit.
      const created = await db.$queryRaw<Array<MessageRow & { conversationId: string }>>`
        WITH ins AS (
          INSERT INTO "Message" (id, "conversationId", author, text, masked, "originalEncrypted", "clientMessageId", "agentId", route, intent, confidence, metadata, "createdAt")
          SELECT x.id, x."conversationId", x.author, x.text, x.masked, x."originalEncrypted", x."clientMessageId", x."agentId", x.route, x.intent, x.confidence, x.metadata, x."createdAt"
            FROM jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) AS x(id uuid, "conversationId" uuid, author "MessageAuthor", text text, masked boolean,
                 "originalEncrypted" text, "clientMessageId" text, "agentId" uuid, route text, intent text, confidence float8, metadata jsonb, "createdAt" timestamptz, ord int)
           ORDER BY x.ord
          RETURNING id::text, seq, author::text AS author, text, "createdAt", metadata, "conversationId"::text
        ), upd AS (
          UPDATE "Conversation" c SET
            dialog = u.dialog,
            "messageCount" = c."messageCount" + u.n,
            "lastMessageAt" = u.now,
            "lastRoute" = COALESCE(u.route, c."lastRoute"),
            "lastIntent" = COALESCE(u.intent, c."lastIntent"),
            urgent = c.urgent OR u.urgent,
            state = COALESCE(u.state::"ConversationState", c.state),
            "firstResponseAt" = CASE WHEN u."firstResponse" THEN COALESCE(c."firstResponseAt", u.now) ELSE c."firstResponseAt" END,
            "updatedAt" = now()
          FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS u(id uuid, dialog jsonb, n int, now timestamptz, route text, intent text, urgent boolean, state text, "firstResponse" boolean)
          WHERE c.id = u.id
        )
        SELECT * FROM ins ORDER BY seq`;
      const byConversation = new Map<string, StoredMessage[]>();
      for (const row of created) byConversation.set(row.conversationId, [...(byConversation.get(row.conversationId) ?? []), toStoredMessage(row)]);
      return turns.map((t) => {
        const stored = byConversation.get(t.conversationId) ?? [];
        return t.incoming ? { incoming: stored[0], replies: stored.slice(1) } : { incoming: null, replies: stored };
      });
    },
    { maxInFlight: 2, maxBatch: 100, key: (t) => t.conversationId },
  );
  return { findBatcher, turnBatcher };
}

export function createConversationStore(db: Database, cipher: FieldEncryptor) {
  const { findBatcher, turnBatcher } = createTurnBatchers(db);
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

    find(id: string): Promise<ConversationRecord | null> {
      return findBatcher.run(id);
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
      const first = await db.message.findUnique({
        where: { conversationId_clientMessageId: { conversationId, clientMessageId } },
        select: { ...messageSelect, route: true, intent: true, confidence: true },
      });
      if (!first) return null;
      const after = await db.message.findMany({ where: { conversationId, seq: { gt: first.seq }, author: { in: ['bot', 'system'] } }, orderBy: { seq: 'asc' }, take: 5, select: messageSelect });
      // Only the replies that answered this message: stop at the next customer message.
      const next = await db.message.findFirst({ where: { conversationId, seq: { gt: first.seq }, author: 'customer' }, orderBy: { seq: 'asc' }, select: { seq: true } });
      return {
        customer: toStoredMessage(first),
        route: first.route,
        intent: first.intent,
        confidence: first.confidence,
        replies: after.filter((m) => !next || m.seq < next.seq).map(toStoredMessage),
      };
    },

    /** Stores a whole turn — the customer's message, the replies, the conversation's new state — atomically. */
    recordTurn(input: TurnWrite): Promise<{ incoming: StoredMessage | null; replies: StoredMessage[] }> {
      return turnBatcher.run(input);
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
