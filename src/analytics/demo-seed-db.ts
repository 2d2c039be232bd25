// Writes a generated demo month into the database, replacing any earlier demo seed. Demo rows are
// recognised by their customers (externalId 'demo-…'): every demo conversation and complaint belongs
// to one. Demo agents are kept and updated rather than deleted, since real work may reference them.
// Everything happens in one transaction, so a failed seed leaves the previous state intact.
import { formatComplaintReference } from '../complaints/domain/reference.js';
import { localDateOf } from '../complaints/domain/time-zone.js';
import { hashPassword } from '../agents/passwords.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../infra/database.js';
import { DEMO_PASSWORD, DEMO_PREFIX, type DemoMonth } from './demo-month.js';

type Tx = Parameters<Parameters<Database['$transaction']>[0]>[0];
const CHUNK = 1000;

export interface SeedSummary {
  removed: { conversations: number; complaints: number };
  created: { agents: number; customers: number; conversations: number; messages: number; handoffs: number; complaints: number; breaches: number; ratings: number };
}

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>, progress: (done: number) => void) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await write(rows.slice(i, i + CHUNK));
    progress(Math.min(rows.length, i + CHUNK));
  }
}

/** Deletes every row of an earlier demo seed; returns what was removed. */
export async function removeDemoData(tx: Tx): Promise<SeedSummary['removed']> {
  const customers = (await tx.customer.findMany({ where: { externalId: { startsWith: DEMO_PREFIX } }, select: { id: true } })).map((c) => c.id);
  if (!customers.length) return { conversations: 0, complaints: 0 };
  const conversations = (await tx.conversation.findMany({ where: { customerId: { in: customers } }, select: { id: true } })).map((c) => c.id);
  const complaints = (await tx.complaint.findMany({ where: { OR: [{ customerId: { in: customers } }, { conversationId: { in: conversations } }] }, select: { id: true } })).map((c) => c.id);
  await tx.satisfactionRating.deleteMany({ where: { OR: [{ conversationId: { in: conversations } }, { complaintId: { in: complaints } }] } });
  await tx.handoff.deleteMany({ where: { OR: [{ conversationId: { in: conversations } }, { complaintId: { in: complaints } }] } });
  await tx.notification.deleteMany({ where: { OR: [{ complaintId: { in: complaints } }, { conversationId: { in: conversations } }] } });
  await tx.complaint.deleteMany({ where: { id: { in: complaints } } }); // events and breaches cascade
  await tx.conversation.deleteMany({ where: { id: { in: conversations } } }); // messages and channel references cascade
  await tx.customer.deleteMany({ where: { id: { in: customers } } });
  return { conversations: conversations.length, complaints: complaints.length };
}

/** Reserves `count` consecutive complaint numbers of a year from the counter the app itself uses. */
async function reserveReferences(tx: Tx, year: number, count: number): Promise<string[]> {
  const scope = `CMP-${year}`;
  const [{ value }] = await tx.$queryRaw<Array<{ value: number }>>`
    INSERT INTO "ReferenceCounter" ("scope", "value") VALUES (${scope}, ${count})
    ON CONFLICT ("scope") DO UPDATE SET "value" = "ReferenceCounter"."value" + ${count}
    RETURNING "value"`;
  const last = Number(value);
  return Array.from({ length: count }, (_, i) => formatComplaintReference(year, last - count + 1 + i));
}

export interface SeedReporter {
  log?: (line: string) => void;
  progress?: (what: string, done: number, total: number) => void;
}

/** Removes an earlier demo seed without writing a new one. */
export const cleanDemoData = (db: Database) => db.$transaction((tx) => removeDemoData(tx), { timeout: 600_000, maxWait: 20_000 });

export async function writeDemoMonth(db: Database, month: DemoMonth, opts: { timeZone: string } & SeedReporter): Promise<SeedSummary> {
  const log = opts.log ?? (() => {});
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.$transaction(
    async (tx) => {
      const removed = await removeDemoData(tx);
      if (removed.conversations) log(`removed the previous demo seed: ${removed.conversations} conversations, ${removed.complaints} complaints`);

      const agentIds = new Map<string, string>();
      for (const a of month.agents) {
        const data = { name: a.name, passwordHash, role: a.role, languages: a.languages.map((l) => (l === 'zh-CN' ? ('zh_CN' as const) : ('en' as const))), skills: a.skills, active: true };
        const row = await tx.agent.upsert({ where: { email: a.email }, create: { email: a.email, ...data }, update: data, select: { id: true } });
        agentIds.set(a.key, row.id);
      }
      const agentId = (key: string | null) => (key ? agentIds.get(key)! : null);

      // References in filing order per year, from the app's own counter (no clash with real complaints).
      const references = new Map<string, string>();
      const byYear = new Map<number, string[]>();
      for (const k of [...month.complaints].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
        const year = Number(localDateOf(k.createdAt, opts.timeZone).slice(0, 4));
        byYear.set(year, [...(byYear.get(year) ?? []), k.id]);
      }
      for (const [year, ids] of byYear) {
        const refs = await reserveReferences(tx, year, ids.length);
        ids.forEach((id, i) => references.set(id, refs[i]));
      }
      const referenceOfConversation = new Map(month.complaints.map((k) => [k.conversationId, references.get(k.id)!]));

      const step = (what: string, total: number) => (done: number) => opts.progress?.(what, done, total);
      await inChunks(month.customers, (c) => tx.customer.createMany({ data: c }), step('customers', month.customers.length));
      await inChunks(month.conversations, (c) => tx.conversation.createMany({ data: c }), step('conversations', month.conversations.length));
      await inChunks(
        month.messages,
        (chunk) =>
          tx.message.createMany({
            data: chunk.map(({ agentKey, metadata, text, ...m }) => ({
              ...m,
              agentId: agentId(agentKey),
              text: text.replace('{reference}', referenceOfConversation.get(m.conversationId) ?? ''),
              metadata: metadata as Prisma.InputJsonValue,
            })),
          }),
        step('messages', month.messages.length),
      );
      await inChunks(
        month.complaints,
        (chunk) => tx.complaint.createMany({ data: chunk.map(({ assignedAgentKey, ...k }) => ({ ...k, reference: references.get(k.id)!, assignedAgentId: agentId(assignedAgentKey) })) }),
        step('complaints', month.complaints.length),
      );
      await inChunks(
        month.complaintEvents,
        (chunk) => tx.complaintEvent.createMany({ data: chunk.map(({ actorAgentKey, actor, ...e }) => ({ ...e, actor: actorAgentKey ? `agent:${agentId(actorAgentKey)}` : actor })) }),
        step('complaint events', month.complaintEvents.length),
      );
      await inChunks(month.breaches, (b) => tx.serviceClockBreach.createMany({ data: b }), step('missed clocks', month.breaches.length));
      await inChunks(month.handoffs, (chunk) => tx.handoff.createMany({ data: chunk.map(({ agentKey, ...h }) => ({ ...h, agentId: agentId(agentKey) })) }), step('handoffs', month.handoffs.length));
      await inChunks(month.ratings, (chunk) => tx.satisfactionRating.createMany({ data: chunk.map(({ agentKey, ...r }) => ({ ...r, agentId: agentId(agentKey) })) }), step('ratings', month.ratings.length));
      return {
        removed,
        created: {
          agents: month.agents.length,
          customers: month.customers.length,
          conversations: month.conversations.length,
          messages: month.messages.length,
          handoffs: month.handoffs.length,
          complaints: month.complaints.length,
          breaches: month.breaches.length,
          ratings: month.ratings.length,
        },
      };
    },
    { timeout: 600_000, maxWait: 20_000 },
  );
}
