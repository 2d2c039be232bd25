// Live events for a conversation (new messages, typing, state), relayed through Redis pub/sub so that
// every Teller instance behind a load balancer sees them: the customer's stream may be held by one
// instance while the agent writes through another. One subscriber connection per process fans out to
// local listeners.
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { RedisFactory } from '../infra/redis.js';

export const liveMessageSchema = z.object({
  id: z.string(),
  seq: z.string(),
  author: z.enum(['customer', 'bot', 'agent', 'system']),
  text: z.string(),
  createdAt: z.string(),
  suggestedActions: z.array(z.string()).optional(),
  card: z.object({ title: z.string(), body: z.string(), source: z.string().optional() }).optional(),
});
export type LiveMessage = z.infer<typeof liveMessageSchema>;

export const liveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), message: liveMessageSchema }),
  z.object({ type: z.literal('typing'), author: z.enum(['agent', 'bot', 'customer']), typing: z.boolean() }),
  z.object({ type: z.literal('state'), state: z.enum(['bot', 'waiting', 'human', 'closed']), queuePosition: z.number().optional() }),
  z.object({ type: z.literal('delta'), id: z.string(), text: z.string() }),
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;

export type LiveListener = (event: LiveEvent) => void;

/**
 * One Redis message carries the events of one publish call in order (a turn's customer message, its
 * replies and the new state travel together: one PUBLISH, one delivery per subscriber). A single
 * object is accepted too, as written by instances older than this format during a rolling upgrade.
 */
const liveWireSchema = z.union([z.array(liveEventSchema), liveEventSchema.transform((e) => [e])]);

export interface LiveEvents {
  /** Publishes the events, in order, as one message. */
  publish(conversationId: string, ...events: LiveEvent[]): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(conversationId: string, listener: LiveListener): Promise<() => Promise<void>>;
  /** Events for the agent side (queue changes), on one channel for all conversations. */
  publishAgentFeed(event: AgentFeedEvent): Promise<void>;
  subscribeAgentFeed(listener: (e: AgentFeedEvent) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type AgentFeedEvent =
  | { type: 'handoff.requested' | 'handoff.claimed' | 'handoff.closed' | 'handoff.transferred' | 'handoff.abandoned'; handoffId: string; conversationId: string }
  | { type: 'customer.message'; conversationId: string; messageId: string }
  | { type: 'customer.typing'; conversationId: string };

/** A message that is not JSON (another program on the channel) is dropped like any malformed one. */
function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function createLiveEvents(redis: RedisFactory): LiveEvents {
  const channelOf = (conversationId: string) => `${redis.keyPrefix}live:conv:${conversationId}`;
  const agentChannel = `${redis.keyPrefix}live:agents`;
  const listeners = new Map<string, Set<(raw: string) => void>>();
  let pub: Redis | undefined;
  let sub: Redis | undefined;
  // Auto-pipelining batches the PUBLISHes of concurrent turns into one round trip. The live stream is
  // best effort (the transcript is the record): while Redis is away a publish fails fast rather than
  // holding up the turn; commands sent during the first connect wait for it, at most a second.
  const publisher = () => (pub ??= redis.connect('live-publish', { enableAutoPipelining: true, commandTimeout: 1000, maxRetriesPerRequest: 1 }));
  const send = async (channel: string, payload: string) => {
    const p = publisher();
    if (p.status === 'reconnecting' || p.status === 'end' || p.status === 'close') throw new Error('live events unavailable: Redis is away');
    await p.publish(channel, payload);
  };
  const subscriber = () => {
    if (!sub) {
      sub = redis.connect('live-subscribe');
      sub.on('message', (channel: string, raw: string) => {
        for (const l of listeners.get(channel) ?? []) l(raw);
      });
    }
    return sub;
  };

  async function on(channel: string, handle: (raw: string) => void) {
    let set = listeners.get(channel);
    if (!set) {
      set = new Set();
      listeners.set(channel, set);
      await subscriber().subscribe(channel);
    }
    set.add(handle);
    return async () => {
      const s = listeners.get(channel);
      if (!s) return;
      s.delete(handle);
      if (s.size === 0) {
        listeners.delete(channel);
        await sub?.unsubscribe(channel).catch(() => {});
      }
    };
  }

  return {
    async publish(conversationId, ...events) {
      if (events.length) await send(channelOf(conversationId), JSON.stringify(events));
    },
    subscribe(conversationId, listener) {
      return on(channelOf(conversationId), (raw) => {
        const parsed = liveWireSchema.safeParse(parseJson(raw));
        if (parsed.success) for (const event of parsed.data) listener(event);
      });
    },
    async publishAgentFeed(event) {
      await send(agentChannel, JSON.stringify(event));
    },
    subscribeAgentFeed(listener) {
      return on(agentChannel, (raw) => {
        const event = parseJson(raw);
        if (event && typeof event === 'object') listener(event as AgentFeedEvent);
      });
    },
    async close() {
      listeners.clear();
      // The connections themselves are closed by the RedisFactory with the rest.
    },
  };
}
