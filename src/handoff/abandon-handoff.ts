// Use case: a waiting handoff is given up because its customer has gone (ended the conversation, or
// fell silent: see abandonment.ts). Idempotent: the conditional UPDATE ... WHERE status = 'waiting'
// decides, so a retried sweep, a second instance or a claim at the same moment change it at most once
// (a claim that won first leaves nothing to abandon). The agents' queues are told after commit.
import { fromDbLocale } from '../conversation/locale.js';
import type { StoredMessage } from '../conversation/store.js';
import { DISPOSITION, type AbandonCause } from './abandonment.js';
import type { HandoffCore } from './deps.js';
import { insertMessage, relayToCustomer } from './relay.js';

export interface AbandonInput {
  handoffId: string;
  cause: AbandonCause;
  /** Who is recorded in the audit log: 'customer:<conversationId>' or 'system'. */
  actor: string;
}

export function createAbandonHandoff(core: HandoffCore) {
  const { db, audit, live, log } = core;

  /** True when this call abandoned it; false when it was no longer waiting. */
  async function abandon(input: AbandonInput): Promise<boolean> {
    const now = core.now();
    const done = await db.$transaction(async (tx) => {
      const h = await tx.handoff.findUnique({
        where: { id: input.handoffId },
        select: { id: true, status: true, conversationId: true, requestedAt: true, conversation: { select: { id: true, channel: true, locale: true } } },
      });
      if (!h || h.status !== 'waiting') return null;
      const won = await tx.handoff.updateMany({ where: { id: h.id, status: 'waiting' }, data: { status: 'abandoned', closedAt: now, disposition: input.cause } });
      if (won.count !== 1) return null;
      // A silent customer's conversation goes back to the bot and says why; a closed one stays closed.
      const back = await tx.conversation.updateMany({ where: { id: h.conversationId, state: 'waiting' }, data: { state: 'bot' } });
      let notice: StoredMessage | null = null;
      if (back.count === 1 && input.cause === DISPOSITION.customerLeft) {
        const text = core.replies[fromDbLocale(h.conversation.locale)].handoff_lapsed;
        notice = await insertMessage(tx, h.conversationId, { author: 'system', text, intent: 'handoff.abandoned', metadata: { handoffId: h.id, event: 'handoff.abandoned' } }, now);
      }
      await tx.auditLog.create(
        audit.entry({
          actor: input.actor,
          action: 'handoff.abandon',
          subjectType: 'handoff',
          subjectId: h.id,
          detail: { conversationId: h.conversationId, cause: input.cause, waitedMs: now.getTime() - h.requestedAt.getTime() },
        }),
      );
      return { conversation: h.conversation, notice, backToBot: back.count === 1 };
    });
    if (!done) return false;

    if (done.notice) await relayToCustomer(core, done.conversation, done.notice);
    if (done.backToBot) await live.publish(done.conversation.id, { type: 'state', state: 'bot' }).catch(() => {});
    await live.publishAgentFeed({ type: 'handoff.abandoned', handoffId: input.handoffId, conversationId: done.conversation.id }).catch((err) => log.warn({ err }, 'agent feed publish failed'));
    return true;
  }

  /** The customer ended the conversation: whatever of it still waits for an agent is given up. */
  async function abandonWaitingOf(conversationId: string, cause: AbandonCause, actor: string): Promise<string[]> {
    const waiting = await db.handoff.findMany({ where: { conversationId, status: 'waiting' }, select: { id: true } });
    const abandoned: string[] = [];
    for (const h of waiting) if (await abandon({ handoffId: h.id, cause, actor })) abandoned.push(h.id);
    return abandoned;
  }

  return { abandon, abandonWaitingOf };
}
export type AbandonHandoff = ReturnType<typeof createAbandonHandoff>;
