import { describe, expect, it } from 'vitest';
import { decideRoute, DEFAULT_ROUTE_THRESHOLDS, type ClassifierSignal } from '../../src/nlu/route-decider.js';
import { routeScoresOf } from '../../src/nlu/routing/route-scores.js';

/** A classifier signal from intent probabilities, as nlu-module builds it. */
function cls(probabilities: Record<string, number>): ClassifierSignal {
  const ranking = Object.entries(probabilities)
    .map(([label, score]) => ({ label, score }))
    .sort((a, b) => b.score - a.score);
  const top = ranking[0];
  return { intent: top.label, route: top.label.split('.')[0] as ClassifierSignal['route'], confidence: top.score, routes: routeScoresOf(ranking) };
}
const kb = (confidence: number) => ({ confidence });

describe('decideRoute', () => {
  it('lets a rule decide outright', () => {
    const v = decideRoute({ rule: { route: 'urgent', intent: 'urgent.lost_card', rule: 'urgent/zh/lost' }, classifier: cls({ 'faq.question': 0.99 }), knowledge: kb(0.9) });
    expect(v).toMatchObject({ route: 'urgent', intent: 'urgent.lost_card', decidedBy: 'rule', confidence: 1 });
  });

  it('adds up the urgent intents: a robbery split between lost and stolen is still urgent', () => {
    const v = decideRoute({ rule: null, classifier: cls({ 'urgent.lost_card': 0.3, 'urgent.stolen_card': 0.28, 'faq.question': 0.32, 'complaint.file': 0.1 }), knowledge: kb(0.2) });
    expect(v).toMatchObject({ route: 'urgent', intent: 'urgent.lost_card', decidedBy: 'classifier' });
    expect(v.confidence).toBeCloseTo(0.58);
  });

  it('prefers urgent over an FAQ answer when the urgent mass is substantial, even if FAQ is a little ahead', () => {
    const v = decideRoute({ rule: null, classifier: cls({ 'faq.question': 0.5, 'urgent.fraud_transaction': 0.42, 'fallback.out_of_scope': 0.08 }), knowledge: kb(0.6) });
    expect(v.route).toBe('urgent');
  });

  it('does not let a weak urgent signal override a clear complaint, handoff or greeting', () => {
    expect(decideRoute({ rule: null, classifier: cls({ 'complaint.file': 0.55, 'urgent.fraud_transaction': 0.41, 'faq.question': 0.04 }), knowledge: kb(0.1) }).route).toBe('complaint');
    expect(decideRoute({ rule: null, classifier: cls({ 'urgent.scam_transfer': 0.2, 'faq.question': 0.8 }), knowledge: kb(0.1) }).route).toBe('faq');
  });

  it('takes complaint, handoff and smalltalk when they are the top route with enough mass', () => {
    expect(decideRoute({ rule: null, classifier: cls({ 'complaint.file': 0.35, 'complaint.status': 0.2, 'faq.question': 0.45 }), knowledge: kb(0.1) }).route).toBe('complaint');
    expect(decideRoute({ rule: null, classifier: cls({ 'handoff.request': 0.7, 'faq.question': 0.3 }), knowledge: kb(0.5) }).route).toBe('handoff');
    const greeting = decideRoute({ rule: null, classifier: cls({ 'smalltalk.greeting': 0.3, 'smalltalk.thanks': 0.25, 'fallback.out_of_scope': 0.45 }), knowledge: null });
    expect(greeting).toMatchObject({ route: 'smalltalk', intent: 'smalltalk.greeting' });
  });

  it('answers a banking question as FAQ even when no knowledge entry is confident, and says it is not answerable', () => {
    const v = decideRoute({ rule: null, classifier: cls({ 'faq.question': 0.9, 'fallback.out_of_scope': 0.1 }), knowledge: kb(0.08) });
    expect(v).toMatchObject({ route: 'faq', decidedBy: 'classifier', answerable: false });
    const confident = decideRoute({ rule: null, classifier: cls({ 'faq.question': 0.9, 'fallback.out_of_scope': 0.1 }), knowledge: kb(0.7) });
    expect(confident).toMatchObject({ route: 'faq', decidedBy: 'knowledge', answerable: true, confidence: 0.7 });
  });

  it('reads the urgent mass of a question about an incident in theory as FAQ', () => {
    const signals = { rule: null, classifier: cls({ 'urgent.lost_card': 0.7, 'faq.question': 0.25, 'fallback.out_of_scope': 0.05 }), knowledge: kb(0.6) };
    expect(decideRoute(signals).route).toBe('urgent');
    expect(decideRoute({ ...signals, cues: { hypothetical: true } })).toMatchObject({ route: 'faq', decidedBy: 'knowledge' });
    expect(decideRoute({ ...signals, cues: { hypothetical: false } }).route).toBe('urgent');
  });

  it('reads the complaint mass of a how-to question without a grievance as FAQ', () => {
    const signals = { rule: null, classifier: cls({ 'complaint.file': 0.6, 'faq.question': 0.3, 'fallback.out_of_scope': 0.1 }), knowledge: kb(0.2) };
    expect(decideRoute(signals).route).toBe('complaint');
    expect(decideRoute({ ...signals, cues: { howTo: true } })).toMatchObject({ route: 'faq', decidedBy: 'classifier', answerable: false });
  });

  it('falls back when nothing was retrieved, even for an FAQ-looking message', () => {
    expect(decideRoute({ rule: null, classifier: cls({ 'faq.question': 0.95, 'fallback.out_of_scope': 0.05 }), knowledge: null }).route).toBe('fallback');
  });

  it('answers from a confident entry when the classifier is unsure, but not when it says out of scope', () => {
    expect(decideRoute({ rule: null, classifier: cls({ 'complaint.file': 0.4, 'faq.question': 0.35, 'handoff.request': 0.25 }), knowledge: kb(0.6) }).route).toBe('faq');
    const oos = decideRoute({ rule: null, classifier: cls({ 'fallback.out_of_scope': 0.7, 'faq.question': 0.3 }), knowledge: kb(0.9) });
    expect(oos).toMatchObject({ route: 'fallback', intent: 'fallback.out_of_scope' });
  });

  it('falls back on a flat distribution with weak retrieval', () => {
    const v = decideRoute({ rule: null, classifier: cls({ 'faq.question': 0.25, 'complaint.file': 0.25, 'fallback.out_of_scope': 0.2, 'smalltalk.greeting': 0.3 }), knowledge: kb(0.1) });
    expect(v).toMatchObject({ route: 'fallback', intent: 'fallback.unclear' });
  });

  it('works from the top intent alone when no per-route scores are given', () => {
    const bare = { intent: 'handoff.request', route: 'handoff' as const, confidence: 0.8 };
    expect(decideRoute({ rule: null, classifier: bare, knowledge: kb(0.2) }).route).toBe('handoff');
    expect(decideRoute({ rule: null, classifier: null, knowledge: kb(0.5) }).route).toBe('faq');
    expect(decideRoute({ rule: null, classifier: null, knowledge: null }).route).toBe('fallback');
  });

  it('has thresholds that put urgent below the other classifier routes', () => {
    expect(DEFAULT_ROUTE_THRESHOLDS.urgent).toBeLessThan(DEFAULT_ROUTE_THRESHOLDS.classifier);
  });
});
