// Use case: the customer ends the conversation. It is closed, a handoff still waiting for an agent is
// given up (the agents' queues are told and the audit log records it), the customer's stream says
// so, and the close is audited. A handoff an agent already holds stays theirs: the agent sees the
// state change on the live feed and closes it with a disposition. Should the process stop between
// the steps, the abandoned-handoff sweep gives the waiting handoff up later.
import type { AuditLog } from '../platform/audit-log.js';
import type { LiveEvents } from '../realtime/live-events.js';
import type { HandoffPort } from './handle-customer-message.js';
import type { ConversationStore } from './store.js';

export interface CloseConversationDeps {
  store: Pick<ConversationStore, 'close'>;
  live: Pick<LiveEvents, 'publish'>;
  audit: Pick<AuditLog, 'record'>;
  handoffs: Pick<HandoffPort, 'customerLeft'>;
}

export function createCloseConversation(deps: CloseConversationDeps) {
  return async function close(conversationId: string): Promise<void> {
    const actor = `customer:${conversationId}`;
    await deps.store.close(conversationId, 'customer');
    await deps.handoffs.customerLeft(conversationId);
    await deps.live.publish(conversationId, { type: 'state', state: 'closed' }).catch(() => {});
    await deps.audit.record({ actor, action: 'conversation.close', subjectType: 'conversation', subjectId: conversationId });
  };
}
