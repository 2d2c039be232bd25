// Proactive messages: Teller writes to a messaging-channel customer outside a turn (an agent's reply,
// a complaint update, the bot taking over again). The stored ConversationReference says where; the
// adapter's continueConversationAsync opens a turn on it with the right credentials.
import type { CloudAdapter } from 'botbuilder';
import type { ConversationStore, StoredMessage } from '../../conversation/store.js';
import type { Deliverer, OutboundTarget } from '../outbound.js';
import { proactiveActivity } from './activity-mapping.js';
import type { ConversationReferences } from './conversation-references.js';

/** Thrown when a conversation has no stored reference: nothing can reach the customer, retrying will not help. */
export class NoConversationReferenceError extends Error {
  constructor(readonly conversationId: string) {
    super(`no Bot Framework conversation reference stored for conversation ${conversationId}`);
    this.name = 'NoConversationReferenceError';
  }
}

export interface ProactiveDeps {
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** The bot's app id ('' in emulator mode), the audience of the outbound token. */
  appId: string;
  references: ConversationReferences;
  store: Pick<ConversationStore, 'find'>;
}

export function createProactiveDeliverer(deps: ProactiveDeps): Deliverer {
  return async (target: OutboundTarget, message: StoredMessage) => {
    // The customer's own words are already on their screen.
    if (message.author === 'customer') return;
    const reference = await deps.references.load(target.conversationId);
    if (!reference) throw new NoConversationReferenceError(target.conversationId);
    const conv = await deps.store.find(target.conversationId);
    const activity = proactiveActivity(message, conv?.locale ?? 'en', { channelId: reference.channelId, recipientId: reference.user?.id });
    await deps.adapter.continueConversationAsync(deps.appId, reference, async (ctx) => {
      // The continuation turn carries a made-up activity id; a proactive message is a new message in
      // the conversation (POST .../activities), not a reply to that id.
      ctx.onSendActivities(async (_ctx, activities, next) => {
        for (const a of activities) delete a.replyToId;
        return next();
      });
      await ctx.sendActivity(activity);
    });
  };
}
