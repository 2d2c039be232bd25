// When a waiting handoff counts as abandoned: pure rules (src/handoff/abandonment.ts).
import { describe, expect, it } from 'vitest';
import { abandonCutoff, isCustomerSilent } from '../../src/handoff/abandonment.js';

const T = Date.parse('2026-11-23T02:00:00Z');
const at = (minutes: number) => new Date(T + minutes * 60_000);

describe('abandonment rules', () => {
  const cutoff = abandonCutoff(at(60), 30); // silent since before minute 30

  it('puts the cutoff HANDOFF_ABANDON_MINUTES before now', () => {
    expect(cutoff.toISOString()).toBe(at(30).toISOString());
  });

  it('counts from the customer’s last message, or from the request when they wrote nothing after it', () => {
    expect(isCustomerSilent({ requestedAt: at(0), lastCustomerMessageAt: at(29) }, cutoff)).toBe(true);
    expect(isCustomerSilent({ requestedAt: at(0), lastCustomerMessageAt: at(30) }, cutoff)).toBe(false); // exactly 30 minutes: not yet
    expect(isCustomerSilent({ requestedAt: at(0), lastCustomerMessageAt: at(45) }, cutoff)).toBe(false);
    // Asked for by a rule (urgent, sentiment) after the customer's last words: the request starts the wait.
    expect(isCustomerSilent({ requestedAt: at(40), lastCustomerMessageAt: at(10) }, cutoff)).toBe(false);
    expect(isCustomerSilent({ requestedAt: at(20), lastCustomerMessageAt: null }, cutoff)).toBe(true);
  });
});
