// Outbound delivery to a customer on the channel their conversation came from. Channels register a
// deliverer; the domains (handoff relay, complaint notifications) call deliver() and never import a
// channel. Web chat needs none: its customers follow the live stream (SSE) fed by live-events.
import type { StoredMessage } from '../conversation/store.js';

export interface OutboundTarget {
  conversationId: string;
  channel: string;
}

export type Deliverer = (target: OutboundTarget, message: StoredMessage) => Promise<void>;

export interface OutboundChannels {
  register(matches: (channel: string) => boolean, deliver: Deliverer): void;
  /** Delivers through the channel's deliverer; resolves false when the channel needs none (web). */
  deliver(target: OutboundTarget, message: StoredMessage): Promise<boolean>;
}

export function createOutboundChannels(): OutboundChannels {
  const deliverers: Array<{ matches: (channel: string) => boolean; deliver: Deliverer }> = [];
  return {
    register(matches, deliver) {
      deliverers.push({ matches, deliver });
    },
    async deliver(target, message) {
      const d = deliverers.find((x) => x.matches(target.channel));
      if (!d) return false;
      await d.deliver(target, message);
      return true;
    },
  };
}
