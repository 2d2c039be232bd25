// Use case: the agent on a conversation writes to the customer, or shows that they are typing.
// Stored as author 'agent' with personal data masked (the original kept encrypted), then relayed to
// the customer's live stream on whichever instance holds it, and to their Bot Framework channel.
import { conflict, forbidden, notFound } from '../http/errors.js';
import type { StoredMessage } from '../conversation/store.js';
import { maskPersonalData } from '../privacy/mask-personal-data.js';
import { mayActOn } from './access.js';
import { actorOf, type Actor, type HandoffCore } from './deps.js';
import { findByClientMessageId, insertMessage, relayToCustomer } from './relay.js';

export function createAgentMessaging(core: HandoffCore) {
  const { db, audit, live } = core;

  /** The active handoff of the conversation, checked to be the agent's (or a supervisor's) to act on. */
  async function activeHandoffFor(agent: Actor, conversationId: string) {
    const h = await db.handoff.findFirst({
      where: { conversationId, status: 'active' },
      select: { id: true, status: true, agentId: true, conversation: { select: { id: true, channel: true, state: true } } },
    });
    if (!h) {
      const exists = await db.conversation.findUnique({ where: { id: conversationId }, select: { id: true } });
      if (!exists) throw notFound('conversation');
      throw conflict('no agent is on this conversation: claim its handoff first');
    }
    if (!mayActOn(agent, h)) throw forbidden('another agent holds this conversation');
    return h;
  }

  async function send(input: { agent: Actor; conversationId: string; text: string; clientMessageId?: string; ip?: string }): Promise<StoredMessage> {
    const { agent, conversationId } = input;
    const h = await activeHandoffFor(agent, conversationId);
    if (input.clientMessageId) {
      const earlier = await findByClientMessageId(core, conversationId, input.clientMessageId);
      if (earlier) return earlier; // a retried send: stored once, already relayed
    }
    const now = core.now();
    const masked = maskPersonalData(input.text.trim());
    const changed = masked.found.length > 0;
    const message = await db.$transaction(async (tx) => {
      const m = await insertMessage(
        tx,
        conversationId,
        {
          author: 'agent',
          agentId: agent.id,
          text: masked.text,
          masked: changed,
          originalEncrypted: changed && core.cipher ? core.cipher.encrypt(input.text) : null,
          clientMessageId: input.clientMessageId ?? null,
          intent: 'handoff.agent_message',
          metadata: { handoffId: h.id },
        },
        now,
      );
      // The first agent message settles a "waiting" left behind by a request that raced the claim.
      await tx.conversation.updateMany({ where: { id: conversationId, state: 'waiting' }, data: { state: 'human' } });
      await tx.auditLog.create(audit.entry({ actor: actorOf(agent), action: 'handoff.agent_message', subjectType: 'conversation', subjectId: conversationId, detail: { handoffId: h.id, messageId: m.id, masked: masked.found }, ip: input.ip }));
      return m;
    });
    if (h.conversation.state === 'waiting') await live.publish(conversationId, { type: 'state', state: 'human' }).catch(() => {});
    await relayToCustomer(core, h.conversation, message);
    await live.publish(conversationId, { type: 'typing', author: 'agent', typing: false }).catch(() => {});
    return message;
  }

  /**
   * Typing indicator, relayed like messages but not stored and not audited: it says nothing about
   * the customer and would flood the audit trail at keystroke rate.
   */
  async function typing(input: { agent: Actor; conversationId: string; typing: boolean }): Promise<void> {
    await activeHandoffFor(input.agent, input.conversationId);
    await live.publish(input.conversationId, { type: 'typing', author: 'agent', typing: input.typing });
  }

  return { send, typing };
}
