// Use case: erase a customer's personal data on their request, in one transaction with its audit row.
//
// - The customer row stays (conversations and complaints point at it) with its encrypted name, phone
//   and e-mail, the phone blind index and the vulnerability flag nulled, and erasedAt set. The external
//   id stays: it is the bank's own key for the person, needed to answer a repeated request and to
//   show the erasure was carried out.
// - Their conversations are scrubbed (scrub-conversations.ts): every message's text becomes a marker
//   and the encrypted originals go.
// - Their complaints stay as regulatory records in masked form only: the encrypted description and
//   contact details are removed, the masked description is kept.
// Idempotent: a repeated request changes nothing more and says so (`alreadyErased`), and is audited too.
import type { Database } from '../../infra/database.js';
import type { AuditLog } from '../../platform/audit-log.js';
import { ERASURE_MARKER, scrubConversations } from '../retention/scrub-conversations.js';

export { ERASURE_MARKER };

export interface EraseCustomerInput {
  db: Database;
  audit: Pick<AuditLog, 'entry'>;
  externalId: string;
  /** Who asked for it: 'agent:<id>' or 'operator'. */
  actor: string;
  ip?: string;
  /** The bank's reference of the request (ticket number), kept in the audit row. */
  requestReference?: string;
  now?: Date;
}

export interface EraseCustomerResult {
  customerId: string;
  erasedAt: string;
  /** True when nothing was left to erase (a repeated request). */
  alreadyErased: boolean;
  erased: { customer: boolean; conversations: number; messages: number; complaints: number; channelReferences: number; handoffSummaries: number; ratingComments: number };
}

/** Null when no customer has this external id. */
export async function eraseCustomer(input: EraseCustomerInput): Promise<EraseCustomerResult | null> {
  const now = input.now ?? new Date();
  return input.db.$transaction(async (tx) => {
    // Row lock: two simultaneous requests for one customer run one after the other.
    const [customer] = await tx.$queryRaw<Array<{ id: string; erasedAt: Date | null; hasData: boolean }>>`
      SELECT "id"::text AS "id", "erasedAt",
             ("nameEncrypted" IS NOT NULL OR "phoneEncrypted" IS NOT NULL OR "emailEncrypted" IS NOT NULL OR "phoneHash" IS NOT NULL OR "vulnerable") AS "hasData"
      FROM "Customer" WHERE "externalId" = ${input.externalId} FOR UPDATE`;
    if (!customer) return null;

    const conversations = await tx.conversation.findMany({ where: { customerId: customer.id }, select: { id: true } });
    const scrubbed = await scrubConversations(tx, conversations.map((c) => c.id), ERASURE_MARKER);
    const complaints = await tx.$executeRaw`
      UPDATE "Complaint" SET "descriptionEncrypted" = NULL, "contactEncrypted" = NULL
      WHERE ("customerId" = ${customer.id}::uuid OR "conversationId" = ANY(${conversations.map((c) => c.id)}::uuid[]))
        AND ("descriptionEncrypted" IS NOT NULL OR "contactEncrypted" IS NOT NULL)`;
    // Rating comments left on the customer's complaints (those on conversations were scrubbed above).
    const complaintRatings = await tx.$executeRaw`
      UPDATE "SatisfactionRating" SET "comment" = NULL
      WHERE "comment" IS NOT NULL AND "complaintId" IN (SELECT "id" FROM "Complaint" WHERE "customerId" = ${customer.id}::uuid)`;

    const changedAnything = customer.hasData || complaints > 0 || complaintRatings > 0 || Object.values(scrubbed).some((n) => n > 0);
    const alreadyErased = customer.erasedAt !== null && !changedAnything;
    const erasedAt = alreadyErased ? customer.erasedAt! : now;
    if (!alreadyErased) {
      await tx.customer.update({
        where: { id: customer.id },
        data: { nameEncrypted: null, phoneEncrypted: null, emailEncrypted: null, phoneHash: null, vulnerable: false, erasedAt },
      });
    }
    const erased = { customer: customer.hasData, ...scrubbed, ratingComments: scrubbed.ratingComments + complaintRatings, complaints };
    await tx.auditLog.create(
      input.audit.entry({
        actor: input.actor,
        action: 'customer.erase',
        subjectType: 'customer',
        subjectId: customer.id,
        detail: { alreadyErased, erased, ...(input.requestReference ? { requestReference: input.requestReference } : {}) },
        ip: input.ip,
      }),
    );
    return { customerId: customer.id, erasedAt: erasedAt.toISOString(), alreadyErased, erased };
  });
}
