import { describe, expect, it } from 'vitest';
import { routeScoresOf, topRoute } from '../../../src/nlu/routing/route-scores.js';

describe('routeScoresOf', () => {
  it('sums the probabilities of each route and keeps its most likely intent', () => {
    const scores = routeScoresOf([
      { label: 'faq.question', score: 0.4 },
      { label: 'urgent.lost_card', score: 0.25 },
      { label: 'urgent.stolen_card', score: 0.3 },
      { label: 'smalltalk.greeting', score: 0.05 },
    ]);
    expect(scores.urgent?.score).toBeCloseTo(0.55);
    expect(scores.urgent?.intent).toBe('urgent.stolen_card');
    expect(scores.faq).toEqual({ score: 0.4, intent: 'faq.question' });
    expect(scores.handoff).toBeUndefined();
    expect(topRoute(scores)).toMatchObject({ route: 'urgent', intent: 'urgent.stolen_card' });
  });

  it('reads unknown intents by their prefix, as routeOfIntent does', () => {
    const scores = routeScoresOf([{ label: 'faq.card_fees', score: 0.6 }, { label: 'weather.today', score: 0.4 }]);
    expect(scores.faq?.score).toBeCloseTo(0.6);
    expect(scores.fallback?.score).toBeCloseTo(0.4);
  });

  it('has no top route without scores', () => {
    expect(topRoute({})).toBeNull();
  });
});
