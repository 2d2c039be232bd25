// The agent queue: positions and wait estimates for customers, ordered lists with context for agents.
import type { Prisma } from '../generated/prisma/client.js';
import { fromDbLocale, toDbLocale, type Locale } from '../conversation/locale.js';
import { hasRole } from '../agents/accounts.js';
import type { HandoffReason } from '../conversation/turn-types.js';
import type { HandoffContext } from './context.js';
import { actorOf, type Actor, type HandoffCore } from './deps.js';
import { effectivePriority, orderQueue, positionInQueue } from './priority.js';
import { estimateWait, type WaitEstimate } from './wait-estimate.js';

export type HandoffStatus = 'waiting' | 'active' | 'closed' | 'abandoned';

export const handoffSelect = {
  id: true,
  conversationId: true,
  complaintId: true,
  status: true,
  reason: true,
  priority: true,
  locale: true,
  skill: true,
  agentId: true,
  summary: true,
  requestedAt: true,
  claimedAt: true,
  closedAt: true,
  disposition: true,
} as const satisfies Prisma.HandoffSelect;

export type HandoffRow = Prisma.HandoffGetPayload<{ select: typeof handoffSelect }>;

export interface HandoffView {
  id: string;
  conversationId: string;
  status: HandoffStatus;
  reason: HandoffReason;
  /** Effective priority now (base + waiting-time aging); higher first. */
  priority: number;
  basePriority: number;
  locale: Locale;
  skill: string | null;
  agentId: string | null;
  createdAt: string;
  claimedAt: string | null;
  closedAt: string | null;
  disposition: string | null;
  waitingSeconds: number;
  queuePosition?: number;
  context: HandoffContext;
}

/** How many recent claims the wait estimate looks at, and how far back. */
const RECENT_CLAIMS = 20;
const RECENT_WINDOW_MS = 7 * 24 * 3600_000;
const MAX_LIST = 200;

export function createHandoffQueue(core: HandoffCore) {
  const { db } = core;

  async function waitingOf(locale: Locale) {
    return db.handoff.findMany({ where: { status: 'waiting', locale: toDbLocale(locale) }, select: { id: true, priority: true, requestedAt: true }, take: 2000 });
  }

  async function recentWaitsMs(locale: Locale): Promise<number[]> {
    const since = new Date(core.now().getTime() - RECENT_WINDOW_MS);
    const rows = await db.handoff.findMany({
      where: { locale: toDbLocale(locale), claimedAt: { not: null, gte: since } },
      orderBy: { claimedAt: 'desc' },
      take: RECENT_CLAIMS,
      select: { requestedAt: true, claimedAt: true },
    });
    return rows.map((r) => r.claimedAt!.getTime() - r.requestedAt.getTime());
  }

  /** Position (1-based) and an estimate for a waiting handoff; undefined position when not waiting. */
  async function standing(handoffId: string, locale: Locale): Promise<{ position?: number; estimate?: WaitEstimate }> {
    const now = core.now();
    const [waiting, waits, online] = await Promise.all([waitingOf(locale), recentWaitsMs(locale), core.presence.countOnline(locale)]);
    const position = positionInQueue(waiting, handoffId, now);
    if (position === undefined) return {};
    return { position, estimate: estimateWait({ ahead: position - 1, recentWaitsMs: waits, agentsOnline: online }) };
  }

  async function toViews(rows: HandoffRow[]): Promise<HandoffView[]> {
    const now = core.now();
    const contexts = await core.contexts.contextsFor(rows);
    // Positions are per language queue.
    const positions = new Map<string, number>();
    for (const locale of new Set(rows.filter((r) => r.status === 'waiting').map((r) => fromDbLocale(r.locale)))) {
      orderQueue(await waitingOf(locale), now).forEach((h, i) => positions.set(h.id, i + 1));
    }
    return rows.flatMap((r) => {
      const context = contexts.get(r.id);
      if (!context) return [];
      const waitedUntil = r.claimedAt ?? r.closedAt ?? now;
      return [
        {
          id: r.id,
          conversationId: r.conversationId,
          status: r.status,
          reason: r.reason as HandoffReason,
          priority: r.status === 'waiting' ? effectivePriority(r.priority, r.requestedAt, now) : r.priority,
          basePriority: r.priority,
          locale: fromDbLocale(r.locale),
          skill: r.skill,
          agentId: r.agentId,
          createdAt: r.requestedAt.toISOString(),
          claimedAt: r.claimedAt?.toISOString() ?? null,
          closedAt: r.closedAt?.toISOString() ?? null,
          disposition: r.disposition,
          waitingSeconds: Math.max(0, Math.round((waitedUntil.getTime() - r.requestedAt.getTime()) / 1000)),
          ...(positions.has(r.id) ? { queuePosition: positions.get(r.id) } : {}),
          context,
        },
      ];
    });
  }

  /**
   * Handoffs for the console. Waiting ones are everyone's queue (ordered by priority, then waiting
   * time); an agent sees only their own active and closed ones, a supervisor sees all. The read is
   * audited with every conversation it exposed.
   */
  async function list(input: { agent: Actor; status: HandoffStatus; locale?: Locale; limit?: number; ip?: string }): Promise<HandoffView[]> {
    const limit = Math.min(input.limit ?? 100, MAX_LIST);
    const where: Prisma.HandoffWhereInput = {
      status: input.status,
      ...(input.locale ? { locale: toDbLocale(input.locale) } : {}),
      ...(input.status !== 'waiting' && !hasRole(input.agent.role, 'supervisor') ? { agentId: input.agent.id } : {}),
    };
    let rows: HandoffRow[];
    if (input.status === 'waiting') {
      rows = orderQueue(await db.handoff.findMany({ where, select: handoffSelect, take: 2000 }), core.now()).slice(0, limit);
    } else {
      rows = await db.handoff.findMany({ where, select: handoffSelect, take: limit, orderBy: input.status === 'active' ? { claimedAt: 'asc' } : { closedAt: 'desc' } });
    }
    const views = await toViews(rows);
    await core.audit.record({
      actor: actorOf(input.agent),
      action: 'handoff.list',
      subjectType: 'handoff_queue',
      subjectId: input.status,
      detail: { locale: input.locale ?? null, handoffIds: views.map((v) => v.id), conversationIds: views.map((v) => v.conversationId) },
      ip: input.ip,
    });
    return views;
  }

  return { standing, toViews, list, waitingOf };
}
export type HandoffQueue = ReturnType<typeof createHandoffQueue>;
