// An honest wait estimate: built from how long recent customers really waited before an agent took
// them (median, robust to the odd abandoned lunch break), scaled by how many are ahead per agent
// online. With too few recent claims to trust, a configured default stands in and says so.

export interface WaitEstimateInput {
  /** Customers ahead in the same queue (0 = next). */
  ahead: number;
  /** requestedAt → claimedAt of recently claimed handoffs, in ms. */
  recentWaitsMs: readonly number[];
  agentsOnline: number;
  defaultMinutes?: number;
  minSamples?: number;
}

export interface WaitEstimate {
  minutes: number;
  basis: 'recent_claims' | 'default';
  samples: number;
  agentsOnline: number;
}

export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function estimateWait(input: WaitEstimateInput): WaitEstimate {
  const minSamples = input.minSamples ?? 3;
  const valid = input.recentWaitsMs.filter((x) => Number.isFinite(x) && x >= 0);
  const useRecent = valid.length >= minSamples;
  const perCustomerMs = useRecent ? median(valid) : (input.defaultMinutes ?? 3) * 60_000;
  // Each online agent takes one customer off the queue per "typical wait"; nobody online still
  // leaves one agent's worth rather than pretending the wait is infinite.
  const agents = Math.max(1, input.agentsOnline);
  const rounds = Math.ceil((Math.max(0, input.ahead) + 1) / agents);
  return {
    minutes: Math.max(1, Math.ceil((perCustomerMs * rounds) / 60_000)),
    basis: useRecent ? 'recent_claims' : 'default',
    samples: valid.length,
    agentsOnline: input.agentsOnline,
  };
}
