// Use case: the agent (or a supervisor) closes a handoff with a disposition. The bot takes the
// conversation back: state 'bot', and the customer is told in their language (handoff_ended).
import { conflict, forbidden, notFound } from '../http/errors.js';
import { fromDbLocale } from '../conversation/locale.js';
import type { StoredMessage } from '../conversation/store.js';
import { mayActOn, mayManageWaiting } from './access.js';
import { actorOf, type Actor, type HandoffCore } from './deps.js';
import { handoffSelect, type HandoffQueue, type HandoffView } from './handoff-queue.js';
import { insertMessage, relayToCustomer } from './relay.js';
import { csatQuestion, shouldAskNps } from '../analytics/satisfaction-prompts.js';
import { readDialogState } from '../conversation/dialog-state.js';

/** Dispositions that mean the customer's matter was settled by the agent (Conversation.resolvedBy). */
const RESOLVED = /^(resolved|solved|answered|done)$/i;

export function createCloseHandoff(core: HandoffCore, queue: HandoffQueue) {
  const { db, audit, live, log } = core;

  return async function close(input: { agent: Actor; handoffId: string; disposition: string; note?: string; ip?: string }): Promise<HandoffView> {
    const { agent, handoffId, disposition } = input;
    const now = core.now();
    const result = await db.$transaction(async (tx) => {
      const h = await tx.handoff.findUnique({
        where: { id: handoffId },
        select: { id: true, status: true, agentId: true, conversationId: true, conversation: { select: { id: true, channel: true, locale: true, state: true, dialog: true } } },
      });
      if (!h) throw notFound('handoff');
      if (h.status === 'closed' || h.status === 'abandoned') throw conflict(`this handoff is already ${h.status}`);
      if (h.status === 'waiting' ? !mayManageWaiting(agent) : !mayActOn(agent, h)) {
        throw forbidden(h.status === 'waiting' ? 'closing a handoff nobody has claimed is a supervisor’s call' : 'only the agent holding this conversation, or a supervisor, may close it');
      }
      const done = await tx.handoff.updateMany({ where: { id: handoffId, status: h.status }, data: { status: 'closed', closedAt: now, disposition } });
      if (done.count !== 1) throw conflict('the handoff changed meanwhile; reload and try again');
      // Hand the conversation back to the bot, unless the customer already ended it.
      const back = await tx.conversation.updateMany({
        where: { id: h.conversationId, state: { in: ['waiting', 'human'] } },
        data: { state: 'bot', ...(RESOLVED.test(disposition) ? { resolvedBy: 'agent' } : {}) },
      });
      let notice: StoredMessage | null = null;
      let survey: StoredMessage | null = null;
      if (back.count === 1) {
        const locale = fromDbLocale(h.conversation.locale);
        notice = await insertMessage(tx, h.conversationId, { author: 'system', text: core.replies[locale].handoff_ended, intent: 'handoff.closed', metadata: { handoffId, event: 'handoff.closed' } }, now);
        // CSAT right after a person helped (NPS next, for conversations in the sample); the answer is read by the pipeline.
        const question = csatQuestion(locale, { trigger: 'handoff_closed', handoffId });
        survey = await insertMessage(tx, h.conversationId, { author: 'bot', text: question.text, intent: question.intent, metadata: question.metadata }, new Date(now.getTime() + 1));
        const dialog = readDialogState(h.conversation.dialog);
        await tx.conversation.update({
          where: { id: h.conversationId },
          data: { dialog: { ...dialog, survey: { kind: 'csat', trigger: 'handoff_closed', handoffId, thenNps: shouldAskNps(h.conversationId, core.config.NPS_SAMPLE_RATE) } } as object },
        });
      }
      await tx.auditLog.create(
        audit.entry({ actor: actorOf(agent), action: 'handoff.close', subjectType: 'handoff', subjectId: handoffId, detail: { conversationId: h.conversationId, disposition, note: input.note ?? null, from: h.status }, ip: input.ip }),
      );
      const row = await tx.handoff.findUniqueOrThrow({ where: { id: handoffId }, select: handoffSelect });
      return { row, notice, survey, conversation: h.conversation };
    });

    if (result.notice) {
      await relayToCustomer(core, result.conversation, result.notice);
      if (result.survey) await relayToCustomer(core, result.conversation, result.survey);
      await live.publish(result.conversation.id, { type: 'state', state: 'bot' }).catch(() => {});
    }
    await live.publishAgentFeed({ type: 'handoff.closed', handoffId, conversationId: result.row.conversationId }).catch((err) => log.warn({ err }, 'agent feed publish failed'));
    const [view] = await queue.toViews([result.row]);
    return view;
  };
}
