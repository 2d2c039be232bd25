// The same handoff expressed the Bot Framework way, for external contact centres that speak it
// (Dynamics 365 Omnichannel, LivePerson, Genesys connectors): a `handoff.initiate` event activity
// whose value is the context package and whose "Transcript" attachment holds the conversation as
// activities, the shape botbuilder's EventFactory.createHandoffInitiation produces. Pure.
import type { HandoffContext, TranscriptEntry } from './context.js';

export interface ChannelAccount {
  id: string;
  name?: string;
  role?: 'user' | 'bot';
}

export interface HandoffConversationReference {
  channelId: string;
  serviceUrl?: string;
  conversation: { id: string };
  user?: ChannelAccount;
  bot?: ChannelAccount;
  activityId?: string;
}

export interface TranscriptActivity {
  type: 'message';
  id: string;
  timestamp: string;
  channelId: string;
  conversation: { id: string };
  from: ChannelAccount;
  recipient: ChannelAccount;
  text: string;
  textFormat: 'plain';
  locale: string;
  channelData?: { author: TranscriptEntry['author']; agentId?: string };
}

export interface HandoffInitiateActivity {
  type: 'event';
  name: 'handoff.initiate';
  id: string;
  timestamp: string;
  channelId: string;
  serviceUrl?: string;
  conversation: { id: string };
  from: ChannelAccount;
  recipient: ChannelAccount;
  relatesTo?: HandoffConversationReference;
  replyToId?: string;
  locale: string;
  value: Omit<HandoffContext, 'transcript'> & { handoffId: string; conversationId: string; priority: number; requestedAt: string };
  attachments: [{ contentType: 'application/json'; name: 'Transcript'; content: { activities: TranscriptActivity[] } }];
}

export interface HandoffInitiateInput {
  handoff: { id: string; conversationId: string; priority: number; requestedAt: Date };
  context: HandoffContext;
  /** The channel's own reference (Bot Framework conversations); null for web chat. */
  reference?: HandoffConversationReference | null;
  now: Date;
}

const BOT: ChannelAccount = { id: 'teller-bot', name: 'Teller', role: 'bot' };

export function toHandoffInitiateActivity(input: HandoffInitiateInput): HandoffInitiateActivity {
  const { handoff, context, reference } = input;
  const channelId = reference?.channelId ?? context.channel;
  const conversation = { id: reference?.conversation.id ?? handoff.conversationId };
  const user: ChannelAccount = reference?.user ? { role: 'user', ...reference.user } : { id: context.customer?.externalId ?? context.customer?.id ?? `customer:${handoff.conversationId}`, role: 'user' };
  const bot: ChannelAccount = reference?.bot ? { role: 'bot', ...reference.bot } : BOT;
  const accountOf = (m: TranscriptEntry): ChannelAccount =>
    m.author === 'customer' ? user : m.author === 'agent' ? { id: `agent:${m.agentId ?? 'unknown'}`, name: 'Agent', role: 'bot' } : m.author === 'system' ? { id: 'teller-system', name: 'System', role: 'bot' } : bot;
  const activities: TranscriptActivity[] = context.transcript.map((m) => {
    const from = accountOf(m);
    return {
      type: 'message',
      id: m.id,
      timestamp: m.createdAt,
      channelId,
      conversation,
      from,
      recipient: m.author === 'customer' ? bot : user,
      text: m.text,
      textFormat: 'plain',
      locale: context.language,
      channelData: { author: m.author, ...(m.agentId ? { agentId: m.agentId } : {}) },
    };
  });
  const { transcript: _transcript, ...rest } = context;
  return {
    type: 'event',
    name: 'handoff.initiate',
    id: `handoff-${handoff.id}`,
    timestamp: input.now.toISOString(),
    channelId,
    ...(reference?.serviceUrl ? { serviceUrl: reference.serviceUrl } : {}),
    conversation,
    from: user,
    recipient: bot,
    ...(reference ? { relatesTo: reference, ...(reference.activityId ? { replyToId: reference.activityId } : {}) } : {}),
    locale: context.language,
    value: { handoffId: handoff.id, conversationId: handoff.conversationId, priority: handoff.priority, requestedAt: handoff.requestedAt.toISOString(), ...rest },
    attachments: [{ contentType: 'application/json', name: 'Transcript', content: { activities } }],
  };
}
