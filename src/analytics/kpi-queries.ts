// Loads the facts behind the KPIs for one filter. Per-entity rows (conversations, handoffs,
// complaints) are small and needed whole for percentiles; everything that grows with message volume
// (turn counts, fallback questions, ratings) is aggregated in SQL. The first-response lookups use
// LATERAL subqueries on Message(conversationId, seq), so a month costs a few indexed scans.
import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../infra/database.js';
import type { ComplaintFact, ConversationFact, CountRow, HandoffFact, KpiFacts, RatingCount } from './kpis.js';

export interface KpiFilter {
  start: Date;
  end: Date;
  /** A channel id, or 'botframework' for every channel but web. */
  channel?: string;
  locale?: 'zh-CN' | 'en';
  segment?: 'ordinary' | 'key' | 'vip';
  agentId?: string;
}

const { sql, join, raw } = Prisma;
type Sql = Prisma.Sql;

const and = (conds: Sql[]): Sql => (conds.length ? join(conds, ' AND ') : sql`TRUE`);

/** Column references are fixed strings from this file, never user input. */
function dimensionConds(f: KpiFilter, cols: { time: string; channel: string; locale: string; agent: Sql | null }): Sql[] {
  const conds: Sql[] = [sql`${raw(cols.time)} >= ${f.start}`, sql`${raw(cols.time)} < ${f.end}`];
  if (f.channel) conds.push(f.channel === 'botframework' ? sql`${raw(cols.channel)} <> 'web'` : sql`${raw(cols.channel)} = ${f.channel}`);
  // The Locale enum stores its @map values ('zh-CN', 'en'), i.e. the API's own spelling.
  if (f.locale) conds.push(sql`${raw(cols.locale)}::text = ${f.locale}`);
  // A conversation without a known customer counts as the default segment.
  if (f.segment) conds.push(sql`COALESCE(cu."segment"::text, 'ordinary') = ${f.segment}`);
  if (f.agentId && cols.agent) conds.push(cols.agent);
  return conds;
}

/** Conversations touched by the agent: any handoff they held. */
const conversationOfAgent = (agentId: string, conv = 'c') =>
  sql`EXISTS (SELECT 1 FROM "Handoff" ha WHERE ha."conversationId" = ${raw(conv)}."id" AND ha."agentId" = ${agentId}::uuid)`;

export const conversationScope = (f: KpiFilter): Sql =>
  and(dimensionConds(f, { time: 'c."createdAt"', channel: 'c."channel"', locale: 'c."locale"', agent: f.agentId ? conversationOfAgent(f.agentId) : null }));

const handoffScope = (f: KpiFilter): Sql =>
  and(dimensionConds(f, { time: 'h."requestedAt"', channel: 'c."channel"', locale: 'h."locale"', agent: f.agentId ? sql`h."agentId" = ${f.agentId}::uuid` : null }));

const complaintScope = (f: KpiFilter): Sql =>
  and(dimensionConds(f, { time: 'k."createdAt"', channel: 'k."channel"', locale: 'k."locale"', agent: f.agentId ? sql`k."assignedAgentId" = ${f.agentId}::uuid` : null }));

const ratingScope = (f: KpiFilter): Sql =>
  and(dimensionConds(f, { time: 'r."createdAt"', channel: 'r."channel"', locale: 'r."locale"', agent: f.agentId ? sql`r."agentId" = ${f.agentId}::uuid` : null }));

/** Customer messages in range, filtered by their conversation's channel, language, segment and agent. */
const customerMessageScope = (f: KpiFilter): Sql =>
  and([
    sql`m."author" = 'customer'`,
    ...dimensionConds(f, { time: 'm."createdAt"', channel: 'c."channel"', locale: 'c."locale"', agent: f.agentId ? conversationOfAgent(f.agentId) : null }),
  ]);

const uuidList = (ids: readonly string[]) => join(ids.map((id) => sql`${id}::uuid`));

export function createKpiQueries(db: Database) {
  async function conversationFacts(where: Sql): Promise<ConversationFact[]> {
    return db.$queryRaw<ConversationFact[]>`
      SELECT c."id", c."createdAt", c."resolvedBy",
        EXISTS (SELECT 1 FROM "Handoff" h WHERE h."conversationId" = c."id") AS "handedOff",
        fc."createdAt" AS "firstCustomerAt", fc."route" AS "firstRoute", fc."intent" AS "firstIntent", fc."latencyMs" AS "firstTurnLatencyMs",
        fr."createdAt" AS "firstReplyAt"
      FROM "Conversation" c
      LEFT JOIN "Customer" cu ON cu."id" = c."customerId"
      LEFT JOIN LATERAL (
        SELECT m."seq", m."createdAt", m."route", m."intent",
          CASE WHEN jsonb_typeof(m."metadata"->'latencyMs') = 'number' THEN (m."metadata"->>'latencyMs')::float8 END AS "latencyMs"
        FROM "Message" m WHERE m."conversationId" = c."id" AND m."author" = 'customer' ORDER BY m."seq" LIMIT 1
      ) fc ON TRUE
      LEFT JOIN LATERAL (
        SELECT m."createdAt" FROM "Message" m
        WHERE m."conversationId" = c."id" AND m."author" IN ('bot', 'agent') AND m."seq" > fc."seq" ORDER BY m."seq" LIMIT 1
      ) fr ON TRUE
      WHERE ${where}`;
  }

  async function handoffFacts(f: KpiFilter): Promise<HandoffFact[]> {
    return db.$queryRaw<HandoffFact[]>`
      SELECT h."id", h."conversationId", h."status"::text AS "status", h."disposition", h."requestedAt", h."claimedAt", h."closedAt",
        (SELECT min(m."createdAt") FROM "Message" m
          WHERE m."conversationId" = h."conversationId" AND m."author" = 'agent' AND h."claimedAt" IS NOT NULL
            AND m."createdAt" >= h."claimedAt" AND (h."closedAt" IS NULL OR m."createdAt" <= h."closedAt")
            AND (h."agentId" IS NULL OR m."agentId" = h."agentId")) AS "firstAgentReplyAt"
      FROM "Handoff" h
      JOIN "Conversation" c ON c."id" = h."conversationId"
      LEFT JOIN "Customer" cu ON cu."id" = c."customerId"
      WHERE ${handoffScope(f)}`;
  }

  async function complaintFacts(f: KpiFilter): Promise<ComplaintFact[]> {
    return db.$queryRaw<ComplaintFact[]>`
      SELECT k."id", k."reference", k."conversationId", k."category", k."cause", k."createdAt",
        k."ackDueAt", k."acknowledgedAt", k."investigationDueAt", k."investigationReportedAt", k."resolutionDueAt", k."resolvedAt",
        ARRAY(SELECT b."clock" FROM "ServiceClockBreach" b WHERE b."complaintId" = k."id") AS "breachedClocks"
      FROM "Complaint" k
      LEFT JOIN "Customer" cu ON cu."id" = k."customerId"
      WHERE ${complaintScope(f)}`;
  }

  /** Ratings joined to the customer of their conversation (or complaint) for the segment filter. */
  const ratingsFrom = sql`
    FROM "SatisfactionRating" r
    LEFT JOIN "Conversation" c ON c."id" = r."conversationId"
    LEFT JOIN "Complaint" k ON k."id" = r."complaintId"
    LEFT JOIN "Customer" cu ON cu."id" = COALESCE(c."customerId", k."customerId")`;

  async function ratingCounts(f: KpiFilter): Promise<RatingCount[]> {
    return db.$queryRaw<RatingCount[]>`
      SELECT r."kind"::text AS "kind", r."score", count(*)::int AS "count" ${ratingsFrom}
      WHERE ${ratingScope(f)} GROUP BY 1, 2`;
  }

  /** Customer turns by route and by intent; FAQ turns are keyed by the knowledge entry that answered. */
  async function turnCounts(f: KpiFilter): Promise<{ byRoute: CountRow[]; byIntent: CountRow[] }> {
    const rows = await db.$queryRaw<Array<{ route: string | null; intent: string | null; count: number }>>`
      SELECT m."route",
        CASE WHEN m."route" = 'faq' AND m."metadata"->>'entry' IS NOT NULL THEN 'faq:' || (m."metadata"->>'entry') ELSE m."intent" END AS "intent",
        count(*)::int AS "count"
      FROM "Message" m
      JOIN "Conversation" c ON c."id" = m."conversationId"
      LEFT JOIN "Customer" cu ON cu."id" = c."customerId"
      WHERE ${customerMessageScope(f)} AND m."route" IS NOT NULL AND m."intent" IS DISTINCT FROM 'handoff.relay'
      GROUP BY 1, 2`;
    const byRoute = new Map<string, number>();
    const byIntent = new Map<string, number>();
    for (const r of rows) {
      if (r.route) byRoute.set(r.route, (byRoute.get(r.route) ?? 0) + r.count);
      if (r.intent) byIntent.set(r.intent, (byIntent.get(r.intent) ?? 0) + r.count);
    }
    const rowsOf = (m: Map<string, number>) => [...m].map(([key, count]) => ({ key, count }));
    return { byRoute: rowsOf(byRoute), byIntent: rowsOf(byIntent) };
  }

  /** Fallback questions grouped by space-collapsed text; kpis.topUnanswered merges case and punctuation variants. */
  async function fallbackTexts(f: KpiFilter, cap = 5000): Promise<CountRow[]> {
    return db.$queryRaw<CountRow[]>`
      SELECT btrim(regexp_replace(m."text", '[[:space:]]+', ' ', 'g')) AS "key", count(*)::int AS "count"
      FROM "Message" m
      JOIN "Conversation" c ON c."id" = m."conversationId"
      LEFT JOIN "Customer" cu ON cu."id" = c."customerId"
      WHERE ${customerMessageScope(f)} AND m."route" = 'fallback'
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${cap}`;
  }

  return {
    conversationFacts: (f: KpiFilter) => conversationFacts(conversationScope(f)),
    conversationFactsByIds: (ids: readonly string[]) => (ids.length ? conversationFacts(sql`c."id" IN (${uuidList(ids)})`) : Promise.resolve([])),
    handoffFacts,
    complaintFacts,
    ratingCounts,
    turnCounts,
    fallbackTexts,

    async loadFacts(f: KpiFilter): Promise<KpiFacts> {
      const [conversations, handoffs, complaints, ratings, turns, fallback] = await Promise.all([
        conversationFacts(conversationScope(f)),
        handoffFacts(f),
        complaintFacts(f),
        ratingCounts(f),
        turnCounts(f),
        fallbackTexts(f),
      ]);
      return { conversations, handoffs, complaints, ratings, turnsByRoute: turns.byRoute, turnsByIntent: turns.byIntent, fallbackTexts: fallback };
    },

    /** Conversations with a rating of this kind in range: lowest score first (the ones to look at). */
    async ratedConversations(f: KpiFilter, kind: 'csat' | 'nps'): Promise<Array<{ conversationId: string; score: number; at: Date }>> {
      return db.$queryRaw`
        SELECT r."conversationId", min(r."score")::int AS "score", max(r."createdAt") AS "at" ${ratingsFrom}
        WHERE ${ratingScope(f)} AND r."kind"::text = ${kind} AND r."conversationId" IS NOT NULL
        GROUP BY 1`;
    },

    /** Conversations with customer messages routed to fallback in range. */
    async unansweredConversations(f: KpiFilter): Promise<Array<{ conversationId: string; count: number; at: Date }>> {
      return db.$queryRaw`
        SELECT m."conversationId", count(*)::int AS "count", max(m."createdAt") AS "at"
        FROM "Message" m
        JOIN "Conversation" c ON c."id" = m."conversationId"
        LEFT JOIN "Customer" cu ON cu."id" = c."customerId"
        WHERE ${customerMessageScope(f)} AND m."route" = 'fallback'
        GROUP BY 1`;
    },

    /** What a drill-down row shows about each conversation; text is the stored (masked) text only. */
    async conversationDetails(ids: readonly string[]) {
      if (!ids.length) return [];
      return db.conversation.findMany({
        where: { id: { in: [...ids] } },
        select: {
          id: true,
          createdAt: true,
          channel: true,
          locale: true,
          state: true,
          resolvedBy: true,
          lastIntent: true,
          handoffs: { select: { id: true }, take: 1 },
          ratings: { select: { kind: true, score: true }, orderBy: { createdAt: 'desc' } },
          complaints: { select: { reference: true }, orderBy: { createdAt: 'desc' }, take: 1 },
          messages: { where: { author: 'customer' }, select: { text: true }, orderBy: { seq: 'asc' }, take: 1 },
        },
      });
    },
  };
}
export type KpiQueries = ReturnType<typeof createKpiQueries>;
