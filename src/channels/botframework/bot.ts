// The Bot Framework turn logic. Channel translation only: an activity becomes a Teller conversation
// turn (CustomerMessageHandler) and the turn's replies become activities. Routing, dialog, handoff
// and complaints stay in the conversation pipeline.
import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import type { FastifyBaseLogger } from 'fastify';
import type { CustomerMessageHandler } from '../../conversation/handle-customer-message.js';
import type { ReplyCatalog } from '../../conversation/replies.js';
import type { ConversationRecord, ConversationStore } from '../../conversation/store.js';
import type { Locale } from '../../conversation/locale.js';
import { channelCustomerId, localeOfActivity, referenceToStore, replyActivity, textOfMessage } from './activity-mapping.js';
import type { ConversationReferences } from './conversation-references.js';

export type BotLog = Pick<FastifyBaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

export interface TellerBotDeps {
  store: ConversationStore;
  handler: Pick<CustomerMessageHandler, 'handle'>;
  references: ConversationReferences;
  replies: Record<Locale, ReplyCatalog>;
  log: BotLog;
  /** How often the typing indicator is repeated while a turn is still working (channels drop it after ~3 s). */
  typingRepeatMs?: number;
}

export interface TellerBot {
  /** The adapter's turn logic: `adapter.process(req, res, (ctx) => bot.run(ctx))`. */
  run(ctx: TurnContext): Promise<void>;
  /** Apologises once a turn failed (adapter.onTurnError). */
  onTurnError(ctx: TurnContext, err: unknown): Promise<void>;
}

export function createTellerBot(deps: TellerBotDeps): TellerBot {
  const typingRepeatMs = deps.typingRepeatMs ?? 3000;

  /** The Teller conversation of this channel conversation, created on its first message. */
  async function conversationOf(activity: Activity): Promise<ConversationRecord> {
    const channelId = activity.channelId;
    const channelConversationId = activity.conversation.id;
    const existing = await deps.store.findByChannelConversation(channelId, channelConversationId);
    if (existing) return existing;
    const from = activity.from;
    try {
      const created = await deps.store.create({
        locale: localeOfActivity(activity.locale),
        channel: channelId,
        channelConversationId,
        customer: from?.id ? { externalId: channelCustomerId(channelId, from.id), ...(from.name ? { name: from.name.slice(0, 200) } : {}) } : undefined,
      });
      const conv = await deps.store.find(created.id);
      if (conv) return conv;
    } catch (err) {
      // Two first messages at once (or two instances): the other one created it.
      if ((err as { code?: string }).code !== 'P2002') throw err;
    }
    const raced = await deps.store.findByChannelConversation(channelId, channelConversationId);
    if (!raced) throw new Error(`conversation ${channelId}/${channelConversationId} vanished after creation`);
    return raced;
  }

  /** Sends typing now and again every few seconds until the work is done; a failed typing never fails the turn. */
  async function whileTyping<T>(ctx: TurnContext, work: () => Promise<T>): Promise<T> {
    let pending: Promise<unknown> = Promise.resolve();
    const typing = () => (pending = ctx.sendActivity({ type: ActivityTypes.Typing }).catch((err: unknown) => deps.log.debug({ err }, 'typing activity failed')));
    await typing();
    const timer = setInterval(typing, typingRepeatMs);
    try {
      return await work();
    } finally {
      clearInterval(timer);
      // A typing activity still on its way must not land after the answer.
      await pending;
    }
  }

  async function onMessage(ctx: TurnContext) {
    const activity = ctx.activity;
    if (!activity.conversation?.id || !activity.channelId) return;
    const text = textOfMessage(activity);
    if (!text) return; // an attachment or an empty card submit: nothing to answer
    const conv = await conversationOf(activity);
    await deps.references.save(conv.id, referenceToStore(TurnContext.getConversationReference(activity)));
    // While a person has the conversation, the bot only relays: no typing from the bot.
    const botSpeaks = conv.state === 'bot' || conv.state === 'closed';
    const turn = () => deps.handler.handle(conv, text, activity.id ? { clientMessageId: activity.id.slice(0, 200) } : {});
    const result = botSpeaks ? await whileTyping(ctx, turn) : await turn();
    if (!result.replies.length) return;
    const opts = { channelId: activity.channelId, recipientId: activity.from?.id };
    await ctx.sendActivities(result.replies.map((r) => replyActivity(r, opts)));
  }

  /**
   * Greets whoever arrives in a one-to-one conversation. In a Teams channel or group chat people join
   * all the time; there the bot greets once, when it is added itself (Teams personal installs announce
   * only the bot, too).
   */
  async function onConversationUpdate(ctx: TurnContext) {
    const activity = ctx.activity;
    const botId = activity.recipient?.id;
    const added = activity.membersAdded ?? [];
    const botAdded = added.some((m) => m.id === botId);
    const others = added.filter((m) => m.id && m.id !== botId);
    const type = activity.conversation?.conversationType;
    const shared = type === 'channel' || type === 'groupChat';
    const greet = shared ? botAdded : type === 'personal' ? botAdded || others.length > 0 : others.length > 0;
    if (!greet) return;
    const t = deps.replies[localeOfActivity(activity.locale)];
    await ctx.sendActivity(replyActivity({ text: t.greeting, suggestedActions: shared ? undefined : t.welcome_suggestions }, { channelId: activity.channelId, recipientId: others[0]?.id ?? activity.from?.id }));
  }

  return {
    async run(ctx) {
      switch (ctx.activity.type) {
        case ActivityTypes.Message:
          return onMessage(ctx);
        case ActivityTypes.ConversationUpdate:
          return onConversationUpdate(ctx);
        case ActivityTypes.Invoke:
          // Nothing here uses invoke actions (cards submit as messages); acknowledge instead of 501.
          await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: {} } });
          return;
        default:
          // typing, messageReaction, installationUpdate, endOfConversation, event...: nothing to say.
          deps.log.debug({ type: ctx.activity.type, channelId: ctx.activity.channelId }, 'bot framework activity ignored');
      }
    },
    async onTurnError(ctx, err) {
      const a = ctx.activity;
      deps.log.error({ err, channelId: a?.channelId, activityType: a?.type }, 'bot framework turn failed');
      if (a?.type !== ActivityTypes.Message) return;
      const t = deps.replies[localeOfActivity(a.locale)];
      await ctx
        .sendActivity(replyActivity({ text: t.conversation_busy, suggestedActions: [t.offer_human_action] }, { channelId: a.channelId, recipientId: a.from?.id }))
        .catch((sendErr: unknown) => deps.log.warn({ err: sendErr }, 'could not send the apology either'));
    },
  };
}
