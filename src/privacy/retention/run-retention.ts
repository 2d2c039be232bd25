// The retention run: everything whose last activity is older than RETENTION_DAYS loses what it says
// about a person, in batches (short transactions, bounded locks), and one audit row records the run.
//
// - Conversations idle since the cutoff (closed, or left with the bot) have their transcript scrubbed
//   (scrub-conversations.ts); conversations with an unfinished complaint or a live handoff are skipped.
// - Finished complaints (closed/rejected) closed before the cutoff: the customer's account of what
//   happened becomes a marker; encrypted description, contact, desired outcome and occurrence text go.
//   Category, severity, dates, amounts and the status history stay for the bank's statistics.
// - Customers with no conversation or complaint activity since the cutoff are anonymised: external id,
//   encrypted name/phone/e-mail, the phone blind index and the vulnerability flag are nulled.
// - The audit log is kept as it is (it holds ids and actions, not customers' words).
//
// Idempotent: a second run with the same `now` changes nothing and reports zeros. updatedAt is not
// bumped by these updates: removing data is not activity, and the customer rule reads activity from it.
import { Prisma } from '../../generated/prisma/client.js';
import type { Database } from '../../infra/database.js';
import { ERASURE_MARKER, RETENTION_MARKER, scrubConversations } from './scrub-conversations.js';
import { emptyCounts, retentionCutoff, type RetentionCounts } from './retention-policy.js';

export interface RetentionInput {
  db: Database;
  now: Date;
  retentionDays: number;
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Who started the run, for the audit row: 'system' for the daily job, 'operator' or 'agent:<id>' otherwise. */
  actor?: string;
}

export interface RetentionResult extends RetentionCounts {
  cutoff: string;
  retentionDays: number;
  durationMs: number;
}

// Statuses spelled out in SQL (enum columns do not compare with text parameters).
const UNFINISHED_COMPLAINT = Prisma.sql`cp."status" NOT IN ('closed', 'rejected')`;

async function scrubOldConversations(db: Database, cutoff: Date, batchSize: number, counts: RetentionCounts) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    // Keyset pagination by id: each batch is a short transaction; a conversation that becomes active
    // again between batches is simply not in a later one.
    const batch = await db.$queryRaw<Array<{ id: string }>>`
      SELECT c."id"::text AS "id" FROM "Conversation" c
      WHERE c."id" > ${after}::uuid
        AND c."lastMessageAt" < ${cutoff}
        AND c."state" IN ('closed', 'bot')
        AND (c."closedAt" IS NULL OR c."closedAt" < ${cutoff})
        AND NOT EXISTS (SELECT 1 FROM "Complaint" cp WHERE cp."conversationId" = c."id" AND ${UNFINISHED_COMPLAINT})
        AND NOT EXISTS (SELECT 1 FROM "Handoff" h WHERE h."conversationId" = c."id" AND h."status" IN ('waiting', 'active'))
        AND (
          EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = c."id" AND (m."text" NOT IN (${RETENTION_MARKER}, ${ERASURE_MARKER}) OR m."originalEncrypted" IS NOT NULL OR m."metadata" <> '{}'::jsonb))
          OR c."dialog" <> '{}'::jsonb
          OR EXISTS (SELECT 1 FROM "ChannelReference" r WHERE r."conversationId" = c."id")
          OR EXISTS (SELECT 1 FROM "Handoff" h WHERE h."conversationId" = c."id" AND h."summary" IS NOT NULL)
          OR EXISTS (SELECT 1 FROM "SatisfactionRating" s WHERE s."conversationId" = c."id" AND s."comment" IS NOT NULL)
        )
      ORDER BY c."id"
      LIMIT ${batchSize}`;
    if (!batch.length) return;
    after = batch[batch.length - 1].id;
    const scrubbed = await db.$transaction((tx) => scrubConversations(tx, batch.map((b) => b.id), RETENTION_MARKER));
    counts.conversations += scrubbed.conversations;
    counts.messages += scrubbed.messages;
    counts.channelReferences += scrubbed.channelReferences;
    counts.handoffSummaries += scrubbed.handoffSummaries;
    counts.ratingComments += scrubbed.ratingComments;
  }
}

async function anonymiseOldComplaints(db: Database, cutoff: Date, batchSize: number, counts: RetentionCounts) {
  for (;;) {
    const changed = await db.$executeRaw`
      UPDATE "Complaint" SET "description" = ${RETENTION_MARKER}, "descriptionEncrypted" = NULL, "contactEncrypted" = NULL,
        "desiredOutcome" = NULL, "occurredText" = NULL
      WHERE "id" IN (
        SELECT cp."id" FROM "Complaint" cp
        WHERE cp."status" IN ('closed', 'rejected')
          AND COALESCE(cp."closedAt", cp."updatedAt") < ${cutoff}
          AND (cp."description" <> ${RETENTION_MARKER} OR cp."descriptionEncrypted" IS NOT NULL OR cp."contactEncrypted" IS NOT NULL
               OR cp."desiredOutcome" IS NOT NULL OR cp."occurredText" IS NOT NULL)
        LIMIT ${batchSize}
      )`;
    counts.complaints += changed;
    if (changed < batchSize) return;
  }
}

async function anonymiseInactiveCustomers(db: Database, cutoff: Date, batchSize: number, counts: RetentionCounts) {
  for (;;) {
    const changed = await db.$executeRaw`
      UPDATE "Customer" SET "externalId" = NULL, "nameEncrypted" = NULL, "phoneEncrypted" = NULL, "emailEncrypted" = NULL,
        "phoneHash" = NULL, "vulnerable" = false
      WHERE "id" IN (
        SELECT cu."id" FROM "Customer" cu
        WHERE cu."createdAt" < ${cutoff}
          AND (cu."externalId" IS NOT NULL OR cu."nameEncrypted" IS NOT NULL OR cu."phoneEncrypted" IS NOT NULL
               OR cu."emailEncrypted" IS NOT NULL OR cu."phoneHash" IS NOT NULL OR cu."vulnerable")
          AND NOT EXISTS (SELECT 1 FROM "Conversation" c WHERE c."customerId" = cu."id"
                          AND (c."lastMessageAt" >= ${cutoff} OR c."state" IN ('waiting', 'human')))
          AND NOT EXISTS (SELECT 1 FROM "Complaint" cp WHERE cp."customerId" = cu."id"
                          AND (${UNFINISHED_COMPLAINT} OR cp."updatedAt" >= ${cutoff}))
        LIMIT ${batchSize}
      )`;
    counts.customers += changed;
    if (changed < batchSize) return;
  }
}

export async function runRetention(input: RetentionInput): Promise<RetentionResult> {
  const started = performance.now();
  const { db, now, retentionDays } = input;
  const batchSize = Math.max(1, Math.min(input.batchSize ?? 500, 10_000));
  const cutoff = retentionCutoff(now, retentionDays);
  const counts = emptyCounts();

  await scrubOldConversations(db, cutoff, batchSize, counts);
  await anonymiseOldComplaints(db, cutoff, batchSize, counts);
  await anonymiseInactiveCustomers(db, cutoff, batchSize, counts);

  const result: RetentionResult = { ...counts, cutoff: cutoff.toISOString(), retentionDays, durationMs: Math.round(performance.now() - started) };
  await db.auditLog.create({
    data: {
      actor: input.actor ?? 'system',
      action: 'privacy.retention_run',
      subjectType: 'retention',
      subjectId: now.toISOString().slice(0, 10),
      detail: { ...result } as unknown as Prisma.InputJsonValue,
    },
  });
  return result;
}
