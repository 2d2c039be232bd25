// Use case: an agent claims a waiting handoff. Exactly one claim wins, across instances: the
// conditional UPDATE ... WHERE status = 'waiting' is the arbiter (a concurrent second UPDATE waits
// for the first to commit, re-checks the condition and changes nothing). A per-agent advisory lock
// makes "count my active handoffs, then claim" atomic, so the capacity limit holds under races.
import { conflict, notFound } from '../http/errors.js';
import { fromDbLocale } from '../conversation/locale.js';
import { capacityApplies } from './access.js';
import { actorOf, type Actor, type HandoffCore } from './deps.js';
import { handoffSelect, type HandoffQueue, type HandoffView } from './handoff-queue.js';

export const agentLockKey = (agentId: string) => `handoff:agent:${agentId}`;

export function createClaimHandoff(core: HandoffCore, queue: HandoffQueue) {
  const { db, audit, live, log } = core;

  return async function claim(input: { agent: Actor; handoffId: string; ip?: string }): Promise<HandoffView> {
    const { agent, handoffId } = input;
    const now = core.now();
    const claimed = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${agentLockKey(agent.id)}, 0))`;
      const h = await tx.handoff.findUnique({ where: { id: handoffId }, select: { id: true, status: true, agentId: true, conversationId: true, locale: true, requestedAt: true } });
      if (!h) throw notFound('handoff');
      if (h.status !== 'waiting') {
        throw conflict(
          h.status === 'active' ? (h.agentId === agent.id ? 'you have already claimed this handoff' : 'this handoff has already been claimed by another agent') : `this handoff is ${h.status} and can no longer be claimed`,
        );
      }
      if (!agent.languages.includes(fromDbLocale(h.locale)) && agent.role === 'agent') {
        throw conflict(`this customer speaks ${fromDbLocale(h.locale)}, which is not among your languages`);
      }
      if (capacityApplies(agent)) {
        const holding = await tx.handoff.count({ where: { agentId: agent.id, status: 'active' } });
        if (holding >= agent.maxConcurrent) {
          throw conflict(`you already hold ${holding} conversation(s), your limit of ${agent.maxConcurrent}; close or transfer one before claiming another`);
        }
      }
      const won = await tx.handoff.updateMany({ where: { id: handoffId, status: 'waiting' }, data: { status: 'active', agentId: agent.id, claimedAt: now } });
      if (won.count !== 1) throw conflict('this handoff has just been claimed by another agent');
      await tx.conversation.updateMany({ where: { id: h.conversationId, state: { in: ['bot', 'waiting'] } }, data: { state: 'human' } });
      await tx.auditLog.create(
        audit.entry({ actor: actorOf(agent), action: 'handoff.claim', subjectType: 'handoff', subjectId: handoffId, detail: { conversationId: h.conversationId, waitedMs: now.getTime() - h.requestedAt.getTime() }, ip: input.ip }),
      );
      return tx.handoff.findUniqueOrThrow({ where: { id: handoffId }, select: handoffSelect });
    });

    await Promise.all([
      live.publishAgentFeed({ type: 'handoff.claimed', handoffId, conversationId: claimed.conversationId }).catch((err) => log.warn({ err }, 'agent feed publish failed')),
      live.publish(claimed.conversationId, { type: 'state', state: 'human' }).catch(() => {}),
    ]);
    const [view] = await queue.toViews([claimed]);
    return view;
  };
}
