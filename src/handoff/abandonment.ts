// When a waiting handoff counts as abandoned: the customer ended the conversation, or has written
// nothing for the configured time while waiting for an agent. Pure rules over plain data; the
// dispositions are the record of why (analytics tells them apart from unmet demand outside hours).

export const DISPOSITION = {
  /** The customer ended the conversation while waiting (POST /api/conversations/:id/close). */
  customerClosed: 'customer_closed',
  /** The customer wrote nothing for HANDOFF_ABANDON_MINUTES while waiting (the sweep). */
  customerLeft: 'customer_left',
  /** Asked outside service hours: recorded as abandoned at once, never queued. */
  outsideServiceHours: 'outside_service_hours',
} as const;

export type AbandonCause = typeof DISPOSITION.customerClosed | typeof DISPOSITION.customerLeft;

/** Dispositions of handoffs the customer gave up on after being queued. */
export const ABANDONED_BY_CUSTOMER: readonly string[] = [DISPOSITION.customerClosed, DISPOSITION.customerLeft];

/** The instant before which silence means the customer has gone. */
export const abandonCutoff = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

/**
 * A waiting handoff whose customer has been silent since before the cutoff: their last message, or
 * the request itself when they wrote nothing after it (a handoff asked for by a rule has no "转人工").
 */
export function isCustomerSilent(h: { requestedAt: Date; lastCustomerMessageAt: Date | null }, cutoff: Date): boolean {
  const lastHeard = h.lastCustomerMessageAt && h.lastCustomerMessageAt > h.requestedAt ? h.lastCustomerMessageAt : h.requestedAt;
  return lastHeard < cutoff;
}
