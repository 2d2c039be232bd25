// Where Teller keeps each messaging conversation's Bot Framework ConversationReference (table
// ChannelReference), so it can write to the customer later: agent replies, complaint updates.
import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { Database } from '../../infra/database.js';
import type { Prisma } from '../../generated/prisma/client.js';

const account = z.looseObject({ id: z.string() });
/** The parts a proactive message cannot do without; the rest (names, roles, tenant) is kept as sent. */
const storedReferenceSchema = z.looseObject({
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: account,
  bot: account,
  user: account.optional(),
});

export interface ConversationReferences {
  /** Insert or refresh; skips the write when nothing changed since this process last saved it. */
  save(conversationId: string, reference: Partial<ConversationReference>): Promise<void>;
  /** The stored reference, or null when there is none (or it is unusable). */
  load(conversationId: string): Promise<Partial<ConversationReference> | null>;
}

const CACHE_LIMIT = 10_000;

export function createConversationReferences(db: Database): ConversationReferences {
  // Most turns carry the same reference as the previous one; remember what was written last.
  const lastSaved = new Map<string, string>();
  return {
    async save(conversationId, reference) {
      const parsed = storedReferenceSchema.safeParse(reference);
      if (!parsed.success) return;
      const json = JSON.stringify(parsed.data);
      if (lastSaved.get(conversationId) === json) return;
      const data = { channelId: parsed.data.channelId, serviceUrl: parsed.data.serviceUrl, reference: parsed.data as Prisma.InputJsonValue };
      await db.channelReference.upsert({ where: { conversationId }, create: { conversationId, ...data }, update: data });
      if (lastSaved.size >= CACHE_LIMIT) lastSaved.clear();
      lastSaved.set(conversationId, json);
    },
    async load(conversationId) {
      const row = await db.channelReference.findUnique({ where: { conversationId }, select: { reference: true } });
      if (!row) return null;
      const parsed = storedReferenceSchema.safeParse(row.reference);
      return parsed.success ? (parsed.data as unknown as Partial<ConversationReference>) : null;
    },
  };
}
