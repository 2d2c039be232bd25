/**
 * Reconnect/retry delays: exponential growth capped at maxMs, with part of each delay randomised
 * so that thousands of widgets dropped by the same outage do not reconnect in lock-step.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  factor: number;
  /** Fraction (0..1) of each delay that is random: the delay lies in [ceiling*(1-jitter), ceiling]. */
  jitter: number;
}

export const RECONNECT_POLICY: BackoffPolicy = { baseMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.5 };

/** Delay before retry number `attempt` (0 = first retry). `floorMs` honours a server hint (SSE retry:, Retry-After). */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  policy: BackoffPolicy = RECONNECT_POLICY,
  floorMs = 0,
): number {
  const exponent = Math.max(0, Math.floor(attempt));
  const ceiling = Math.min(policy.maxMs, policy.baseMs * Math.pow(policy.factor, exponent));
  const low = ceiling * (1 - policy.jitter);
  const delay = Math.round(low + random() * (ceiling - low));
  return Math.max(delay, Math.min(floorMs, policy.maxMs * 4));
}
