// Use case: hand an active conversation to another agent (or, for a supervisor, assign a waiting
// one). The target must be an active agent who speaks the customer's language and has room.
import { AppError, conflict, forbidden, notFound } from '../http/errors.js';
import { fromDbLocale } from '../conversation/locale.js';
import { capacityApplies, mayActOn, mayManageWaiting } from './access.js';
import { agentLockKey } from './claim-handoff.js';
import { actorOf, type Actor, type HandoffCore } from './deps.js';
import { handoffSelect, type HandoffQueue, type HandoffView } from './handoff-queue.js';

export function createTransferHandoff(core: HandoffCore, queue: HandoffQueue) {
  const { db, audit, live, log } = core;

  return async function transfer(input: { agent: Actor; handoffId: string; toAgentId: string; note?: string; ip?: string }): Promise<HandoffView> {
    const { agent, handoffId, toAgentId } = input;
    const now = core.now();
    const moved = await db.$transaction(async (tx) => {
      // The target's lock: their capacity check and this assignment commit together.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${agentLockKey(toAgentId)}, 0))`;
      const h = await tx.handoff.findUnique({ where: { id: handoffId }, select: { id: true, status: true, agentId: true, conversationId: true, locale: true } });
      if (!h) throw notFound('handoff');
      if (h.status === 'closed' || h.status === 'abandoned') throw conflict(`this handoff is ${h.status}`);
      if (h.status === 'waiting' ? !mayManageWaiting(agent) : !mayActOn(agent, h)) throw forbidden(h.status === 'waiting' ? 'assigning a waiting handoff is a supervisor’s; claim it instead' : 'only the agent holding this conversation, or a supervisor, may transfer it');
      if (h.agentId === toAgentId) throw conflict('the conversation is already with that agent');
      const target = await tx.agent.findUnique({ where: { id: toAgentId }, select: { id: true, active: true, role: true, languages: true, maxConcurrent: true } });
      if (!target || !target.active) throw new AppError('bad_request', 'the target agent does not exist or is not active');
      const locale = fromDbLocale(h.locale);
      if (!target.languages.some((l) => fromDbLocale(l) === locale)) throw conflict(`the target agent does not serve customers in ${locale}`);
      if (capacityApplies({ id: target.id, role: target.role, languages: [], maxConcurrent: target.maxConcurrent })) {
        const holding = await tx.handoff.count({ where: { agentId: target.id, status: 'active' } });
        if (holding >= target.maxConcurrent) throw conflict(`the target agent already holds ${holding} conversation(s), their limit`);
      }
      const done = await tx.handoff.updateMany({
        where: { id: handoffId, status: h.status, agentId: h.agentId },
        data: { agentId: target.id, status: 'active', ...(h.status === 'waiting' ? { claimedAt: now } : {}) },
      });
      if (done.count !== 1) throw conflict('the handoff changed meanwhile; reload and try again');
      await tx.conversation.updateMany({ where: { id: h.conversationId, state: { in: ['bot', 'waiting'] } }, data: { state: 'human' } });
      await tx.auditLog.create(
        audit.entry({ actor: actorOf(agent), action: 'handoff.transfer', subjectType: 'handoff', subjectId: handoffId, detail: { conversationId: h.conversationId, from: h.agentId, to: target.id, note: input.note ?? null }, ip: input.ip }),
      );
      return tx.handoff.findUniqueOrThrow({ where: { id: handoffId }, select: handoffSelect });
    });
    await Promise.all([
      live.publishAgentFeed({ type: 'handoff.transferred', handoffId, conversationId: moved.conversationId }).catch((err) => log.warn({ err }, 'agent feed publish failed')),
      live.publish(moved.conversationId, { type: 'state', state: 'human' }).catch(() => {}),
    ]);
    const [view] = await queue.toViews([moved]);
    return view;
  };
}
