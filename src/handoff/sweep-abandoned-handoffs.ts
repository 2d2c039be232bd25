// Use case: the periodic sweep that gives up waiting handoffs whose customer has written nothing for
// HANDOFF_ABANDON_MINUTES (they closed the tab, or a Teams chat went quiet), so the agents' queue
// holds only customers who are still there. Safe to run twice or on two instances at once: each
// handoff is abandoned by abandon-handoff's conditional update, at most once.
import { abandonCutoff, DISPOSITION, isCustomerSilent } from './abandonment.js';
import type { AbandonHandoff } from './abandon-handoff.js';
import type { HandoffCore } from './deps.js';

/** A sweep looks at this many of the oldest waiting handoffs; the next run takes the rest. */
const BATCH = 500;

export interface SweepResult {
  cutoff: string;
  checked: number;
  abandoned: string[];
}

export function createAbandonSweep(core: HandoffCore, abandoning: AbandonHandoff) {
  return async function sweep(opts: { now?: Date } = {}): Promise<SweepResult> {
    const cutoff = abandonCutoff(opts.now ?? core.now(), core.config.HANDOFF_ABANDON_MINUTES);
    // Only handoffs requested before the cutoff can be stale; the latest customer message decides.
    const candidates = await core.db.handoff.findMany({
      where: { status: 'waiting', requestedAt: { lt: cutoff } },
      orderBy: { requestedAt: 'asc' },
      take: BATCH,
      select: { id: true, requestedAt: true, conversation: { select: { messages: { where: { author: 'customer' }, orderBy: { seq: 'desc' }, take: 1, select: { createdAt: true } } } } },
    });
    const abandoned: string[] = [];
    for (const c of candidates) {
      const silent = isCustomerSilent({ requestedAt: c.requestedAt, lastCustomerMessageAt: c.conversation.messages[0]?.createdAt ?? null }, cutoff);
      if (silent && (await abandoning.abandon({ handoffId: c.id, cause: DISPOSITION.customerLeft, actor: 'system' }))) abandoned.push(c.id);
    }
    return { cutoff: cutoff.toISOString(), checked: candidates.length, abandoned };
  };
}
