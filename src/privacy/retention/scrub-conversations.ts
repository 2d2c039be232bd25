// Removes what a set of conversations says about a person, keeping the rows: every message's text
// becomes a marker (bot and agent replies too: they echo names, amounts and card endings), encrypted
// originals and turn metadata go, the dialog state (intake slots) is emptied, Bot Framework references
// (user ids and names) are deleted, handoff summaries and rating comments are nulled.
// Shared by the retention job and the erasure endpoint; runs inside the caller's transaction and is
// idempotent (rows already scrubbed are not touched, so counts say what this call changed).
// updatedAt is left alone on purpose: scrubbing is not activity, and retention reads activity from it.
import { Prisma } from '../../generated/prisma/client.js';
import type { Database } from '../../infra/database.js';

/** Shown in place of a message's text once the retention period has ended. */
export const RETENTION_MARKER = '[内容已过保存期限删除 · removed after the retention period]';
/** Shown in place of a message's text once the customer's data was erased on request. */
export const ERASURE_MARKER = '[内容已应客户要求删除 · erased at the customer’s request]';
/** Texts that mean "already scrubbed": a later scrub (retention after an erasure) leaves them alone. */
const MARKERS = [RETENTION_MARKER, ERASURE_MARKER];

export type RawTx = Pick<Database, '$executeRaw' | '$queryRaw'>;

export interface ScrubCounts {
  conversations: number;
  messages: number;
  channelReferences: number;
  handoffSummaries: number;
  ratingComments: number;
}

export async function scrubConversations(tx: RawTx, conversationIds: string[], marker: string): Promise<ScrubCounts> {
  if (!conversationIds.length) return { conversations: 0, messages: 0, channelReferences: 0, handoffSummaries: 0, ratingComments: 0 };
  const ids = Prisma.sql`${conversationIds}::uuid[]`;
  const touched = await tx.$queryRaw<Array<{ conversationId: string }>>`
    UPDATE "Message" SET "text" = ${marker}, "masked" = false, "originalEncrypted" = NULL, "metadata" = '{}'::jsonb
    WHERE "conversationId" = ANY(${ids})
      AND ("text" <> ALL(${MARKERS}::text[]) OR "originalEncrypted" IS NOT NULL OR "metadata" <> '{}'::jsonb)
    RETURNING "conversationId"::text AS "conversationId"`;
  const dialogs = await tx.$queryRaw<Array<{ id: string }>>`
    UPDATE "Conversation" SET "dialog" = '{}'::jsonb
    WHERE "id" = ANY(${ids}) AND "dialog" <> '{}'::jsonb
    RETURNING "id"::text AS "id"`;
  const channelReferences = await tx.$executeRaw`DELETE FROM "ChannelReference" WHERE "conversationId" = ANY(${ids})`;
  const handoffSummaries = await tx.$executeRaw`UPDATE "Handoff" SET "summary" = NULL WHERE "conversationId" = ANY(${ids}) AND "summary" IS NOT NULL`;
  const ratingComments = await tx.$executeRaw`UPDATE "SatisfactionRating" SET "comment" = NULL WHERE "conversationId" = ANY(${ids}) AND "comment" IS NOT NULL`;
  const changed = new Set([...touched.map((r) => r.conversationId), ...dialogs.map((r) => r.id)]);
  return { conversations: changed.size, messages: touched.length, channelReferences, handoffSummaries, ratingComments };
}
