import { describe, expect, it } from 'vitest';
import {
  EMPTY_CRISIS_STATE,
  observeComplaint,
  replayCrisisAlerts,
  shouldRaiseCrisisAlert,
  type ComplaintSignal,
} from '../../../src/complaints/domain/crisis-detector.js';

const t0 = new Date('2026-10-12T09:00:00+08:00').getTime();
const min = (m: number) => new Date(t0 + m * 60_000);
const config = { threshold: 3, windowMinutes: 10, cooldownMinutes: 30 };
const sig = (category: string, minute: number, reference?: string): ComplaintSignal => ({ category, at: min(minute), reference });

describe('crisis detector', () => {
  it.each<[string, ComplaintSignal[], Array<{ category: string; at: number; count: number }>]>([
    ['below threshold', [sig('cards', 0), sig('cards', 1)], []],
    ['threshold reached in the window', [sig('cards', 0), sig('cards', 4), sig('cards', 9)], [{ category: 'cards', at: 9, count: 3 }]],
    ['spread wider than the window', [sig('cards', 0), sig('cards', 6), sig('cards', 12)], []],
    ['exactly one window apart does not count', [sig('cards', 0), sig('cards', 5), sig('cards', 10)], []],
    ['categories are counted apart', [sig('cards', 0), sig('loans', 1), sig('cards', 2), sig('loans', 3)], []],
    [
      'one burst raises one alert',
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => sig('digital_banking', m)),
      [{ category: 'digital_banking', at: 2, count: 3 }],
    ],
    [
      'a burst still going after the cooldown alerts again',
      [0, 1, 2, 20, 31, 32, 33].map((m) => sig('accounts', m)),
      [
        { category: 'accounts', at: 2, count: 3 },
        { category: 'accounts', at: 33, count: 3 },
      ],
    ],
    ['order of input does not matter', [sig('cards', 9), sig('cards', 0), sig('cards', 4)], [{ category: 'cards', at: 9, count: 3 }]],
  ])('%s', (_name, signals, expected) => {
    const { alerts } = replayCrisisAlerts(signals, config);
    expect(alerts.map((a) => ({ category: a.category, at: (a.at.getTime() - t0) / 60_000, count: a.count }))).toEqual(expected);
  });

  it('reports the cases in the window', () => {
    const { alerts } = replayCrisisAlerts([sig('cards', 0, 'CMP-2026-000001'), sig('cards', 5, 'CMP-2026-000002'), sig('cards', 11, 'CMP-2026-000003'), sig('cards', 12, 'CMP-2026-000004')], config);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].references).toEqual(['CMP-2026-000002', 'CMP-2026-000003', 'CMP-2026-000004']);
    expect(alerts[0].windowStart.toISOString()).toBe(min(5).toISOString());
  });

  it('does not mutate the state it is given and forgets old signals', () => {
    const first = observeComplaint(EMPTY_CRISIS_STATE, sig('cards', 0), config);
    expect(EMPTY_CRISIS_STATE.recent).toEqual({});
    const later = observeComplaint(first.state, sig('cards', 100), config);
    expect(later.state.recent.cards).toHaveLength(1);
    expect(first.state.recent.cards).toHaveLength(1);
  });

  it.each([
    [{ countInWindow: 2, now: min(0) }, false],
    [{ countInWindow: 3, now: min(0) }, true],
    [{ countInWindow: 3, now: min(20), lastAlertAt: min(0) }, false],
    [{ countInWindow: 3, now: min(30), lastAlertAt: min(0) }, true],
  ])('shouldRaiseCrisisAlert(%j) → %s', (input, raise) => {
    expect(shouldRaiseCrisisAlert(input, config)).toBe(raise);
  });

  it('rejects nonsensical configuration', () => {
    expect(() => observeComplaint(EMPTY_CRISIS_STATE, sig('cards', 0), { threshold: 0, windowMinutes: 10, cooldownMinutes: 0 })).toThrow(RangeError);
    expect(() => observeComplaint(EMPTY_CRISIS_STATE, sig('cards', 0), { threshold: 2, windowMinutes: 0, cooldownMinutes: 0 })).toThrow(RangeError);
  });
});
