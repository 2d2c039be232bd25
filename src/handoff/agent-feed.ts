// What one agent's console receives live (GET /api/agent/events): queue changes for everyone, and,
// for the conversations the agent holds, every live event of the customer's stream (messages,
// typing, state) — all through Redis, so it works whichever instance the console is connected to.
import type { AgentFeedEvent, LiveEvent } from '../realtime/live-events.js';
import { hasRole } from '../agents/accounts.js';
import type { Actor, HandoffCore } from './deps.js';

export type AgentStreamEvent =
  | { kind: 'feed'; event: AgentFeedEvent }
  | { kind: 'live'; conversationId: string; event: LiveEvent }
  | { kind: 'held'; conversationIds: string[] };

export const PRESENCE_BEAT_MS = 15_000;

export function createAgentFeed(core: HandoffCore) {
  const { db, live, log } = core;

  return async function open(agent: Actor, emit: (e: AgentStreamEvent) => void): Promise<() => Promise<void>> {
    const supervisor = hasRole(agent.role, 'supervisor');
    const held = new Map<string, () => Promise<void>>();
    let closed = false;

    /** Follows the live channels of exactly the conversations the agent holds now. */
    async function syncHeld() {
      const rows = await db.handoff.findMany({ where: { agentId: agent.id, status: 'active' }, select: { conversationId: true } });
      const now = new Set(rows.map((r) => r.conversationId));
      for (const [id, stop] of held) if (!now.has(id)) (held.delete(id), await stop());
      for (const id of now) {
        if (held.has(id) || closed) continue;
        held.set(id, async () => {}); // reserve before awaiting, so a concurrent sync does not double-subscribe
        const stop = await live.subscribe(id, (event) => emit({ kind: 'live', conversationId: id, event }));
        if (held.has(id) && !closed) held.set(id, stop);
        else await stop();
      }
      emit({ kind: 'held', conversationIds: [...held.keys()] });
    }

    let syncing = Promise.resolve();
    const resync = () => (syncing = syncing.then(syncHeld).catch((err) => log.warn({ err, agentId: agent.id }, 'agent feed resync failed')));

    const stopFeed = await live.subscribeAgentFeed((event) => {
      if (event.type === 'customer.message' || event.type === 'customer.typing') {
        // Customers' words only go to whoever serves them (supervisors oversee everything).
        if (held.has(event.conversationId) || supervisor) emit({ kind: 'feed', event });
        return;
      }
      emit({ kind: 'feed', event });
      if (event.type !== 'handoff.requested') void resync();
    });
    await resync();
    await core.presence.touch(agent.id).catch(() => {});
    const beat = setInterval(() => void core.presence.touch(agent.id).catch(() => {}), PRESENCE_BEAT_MS);

    return async () => {
      if (closed) return;
      closed = true;
      clearInterval(beat);
      await stopFeed();
      await syncing;
      await Promise.all([...held.values()].map((stop) => stop()));
      held.clear();
      await core.presence.leave(agent.id).catch(() => {});
    };
  };
}
