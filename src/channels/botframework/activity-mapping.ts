// Pure translation between Bot Framework activities and Teller's turn shapes. No I/O here: bot.ts and
// proactive.ts feed it activities and stored messages and send what it returns.
import { ActionTypes, ActivityTypes, CardFactory, type Activity, type Attachment, type ConversationReference } from 'botbuilder';
import type { Locale } from '../../conversation/locale.js';
import type { StoredMessage } from '../../conversation/store.js';
import type { AnswerCard } from '../../conversation/turn-types.js';

/** Bot Framework locales are BCP-47 tags ('zh-CN', 'zh-Hans', 'en-US', 'fr-FR'): Chinese or else English. */
export function localeOfActivity(tag: string | undefined | null): Locale {
  return tag && tag.trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The bank's customer id for a channel user: stable per channel, never shared across channels. */
export const channelCustomerId = (channelId: string, userId: string) => `${channelId}:${userId}`;

/** Channels that render Adaptive Cards; elsewhere the card is only a fallback to the text. */
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator', 'test']);
export const rendersAdaptiveCards = (channelId: string | undefined) => CARD_CHANNELS.has(channelId ?? '');

/**
 * The text a customer meant by this message activity: typed text (minus a Teams @mention of the bot),
 * an imBack/messageBack button's text, or an Adaptive Card Action.Submit's data.text / data.query.
 */
export function textOfMessage(activity: { text?: string; value?: unknown; entities?: ReadonlyArray<object>; recipient?: { id?: string } }): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  const botId = activity.recipient?.id;
  // Teams puts "<at>Teller</at>" into the text when the bot is mentioned in a channel or group chat.
  for (const e of activity.entities ?? []) {
    const mention = e as { type?: string; text?: string; mentioned?: { id?: string } };
    if (mention.type === 'mention' && mention.mentioned?.id === botId && typeof mention.text === 'string') text = text.replace(mention.text, '');
  }
  text = text.trim();
  if (text) return text;
  const value = activity.value as Record<string, unknown> | undefined;
  if (value && typeof value === 'object') {
    for (const key of ['text', 'query', 'action'] as const) {
      const v = value[key];
      if (typeof v === 'string' && v.trim()) return v.trim();
    }
  }
  return '';
}

/** The answer card as an Adaptive Card 1.5: a bold title and the answer, wrapped. */
export function answerCardAttachment(card: AnswerCard): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    // Shown by hosts that cannot render this version.
    fallbackText: `${card.title}\n\n${card.body}`,
    body: [
      { type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: card.body, wrap: true },
    ],
  });
}

export interface OutgoingReply {
  text: string;
  suggestedActions?: string[];
  card?: AnswerCard;
}

/**
 * One Teller reply as a message activity. Suggested actions become imBack buttons (the click comes
 * back as an ordinary message with the button's text); a card becomes an Adaptive Card attachment.
 * The text stays unless the channel renders the card and the card already says the same thing.
 */
export function replyActivity(reply: OutgoingReply, opts: { channelId?: string; recipientId?: string } = {}): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: reply.text, textFormat: 'plain' };
  if (reply.card) {
    activity.attachments = [answerCardAttachment(reply.card)];
    // Teams shows `summary` in notifications and chat previews of a card-only message.
    activity.summary = reply.card.title;
    if (rendersAdaptiveCards(opts.channelId) && reply.text.trim() === reply.card.body.trim()) delete activity.text;
  }
  if (reply.suggestedActions?.length) {
    activity.suggestedActions = {
      // Teams requires the recipients; other channels ignore an unknown id list.
      to: opts.recipientId ? [opts.recipientId] : [],
      actions: reply.suggestedActions.map((s) => ({ type: ActionTypes.ImBack, title: s, value: s })),
    };
  }
  return activity;
}

const AUTHOR_LABEL: Record<Locale, { agent: string }> = {
  'zh-CN': { agent: '人工客服' },
  en: { agent: 'Agent' },
};

/**
 * A message Teller sends later (agent reply, complaint update, bot notice). On a messaging channel
 * every message comes from the bot's account, so an agent's words are labelled as the agent's.
 */
export function proactiveActivity(message: StoredMessage, locale: Locale, opts: { channelId?: string; recipientId?: string } = {}): Partial<Activity> {
  const text = message.author === 'agent' ? `${AUTHOR_LABEL[locale].agent}: ${message.text}` : message.text;
  return replyActivity({ text, suggestedActions: message.suggestedActions, card: message.author === 'agent' ? undefined : message.card }, opts);
}

/**
 * What is kept to reach the conversation later. The triggering activity's id is dropped: a later
 * message is a new message in the conversation, not a reply to whatever the customer said last.
 */
export function referenceToStore<T extends Partial<ConversationReference>>(reference: T): Omit<T, 'activityId'> {
  const { activityId: _activityId, ...rest } = reference;
  return rest;
}
