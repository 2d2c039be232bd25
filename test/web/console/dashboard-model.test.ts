import { describe, expect, it } from 'vitest';
import type { KpiResponse } from '../../../web/console/api-types.js';
import { csatSeries, isEmptyKpis, isValidRange, kpiCards, kpiQuery, overallSla, presetRange, slaSeries, topEntries } from '../../../web/console/dashboard-model.js';
import { translator } from '../../../web/console/i18n.js';

const en = translator('en');

// A hand-checked KPI answer: 40 conversations, 25 contained, 10 handed off.
const fixture: KpiResponse = {
  range: { from: '2026-11-01', to: '2026-11-30' },
  conversations: 40,
  containmentRate: 0.625,
  handoffRate: 0.25,
  abandonedHandoffs: 2,
  abandonmentRate: 0.2,
  firstResponseSeconds: { avg: 42, p50: 30, p90: 95 },
  handlingSeconds: 372,
  complaintResolutionHours: { avg: 30.5, p50: 24, p90: 60 },
  slaCompliance: { acknowledge: 1, final_resolution: 0.8 },
  csat: { avg: 4.2, distribution: { '1': 1, '2': 0, '3': 1, '4': 4, '5': 4 } },
  nps: { score: 20, promoters: 5, passives: 2, detractors: 3 },
  volumes: { byRoute: { faq: 25, handoff: 10, complaint: 5 }, byIntent: { 'card.lost': 7, 'branch.hours': 9, 'fees.annual': 2 }, byCategory: { cards: 3, fees_charges: 2 } },
  topUnanswered: [{ text: '数字人民币怎么开通', count: 4 }],
};

describe('dashboard model', () => {
  it('builds preset ranges that include today', () => {
    expect(presetRange(7, new Date(2026, 10, 23))).toEqual({ from: '2026-11-17', to: '2026-11-23' });
    expect(presetRange(30, new Date(2026, 2, 1))).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(isValidRange('2026-11-01', '2026-11-30')).toBe(true);
    expect(isValidRange('2026-12-01', '2026-11-30')).toBe(false);
    expect(isValidRange('2026-11-1', '2026-11-30')).toBe(false);
  });

  it('sends only the filters that are set', () => {
    expect(kpiQuery({ from: '2026-11-01', to: '2026-11-30', channel: '', locale: '', segment: '' })).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(kpiQuery({ from: '2026-11-01', to: '2026-11-30', channel: 'web', locale: 'en', segment: 'vip' })).toEqual({ from: '2026-11-01', to: '2026-11-30', channel: 'web', locale: 'en', segment: 'vip' });
  });

  it('turns a KPI answer into cards with the right numbers', () => {
    const cards = Object.fromEntries(kpiCards(fixture, en, 'en').map((c) => [c.id, c]));
    expect(cards.conversations).toMatchObject({ value: '40', raw: 40, metric: 'conversations' });
    expect(cards.containment).toMatchObject({ value: '62.5%', raw: 0.625, tone: 'warn' });
    expect(cards.handoff).toMatchObject({ value: '25%', raw: 0.25 });
    expect(cards.abandonment).toMatchObject({ value: '20%', raw: 0.2, metric: 'abandonment', tone: 'bad', detail: '2 customers gave up waiting for an agent' });
    expect(cards['first-response']).toMatchObject({ value: '42s', detail: 'median 30s · p90 1 min 35s' });
    expect(cards.handling).toMatchObject({ value: '6 min 12s', raw: 372 });
    expect(cards['complaint-resolution']).toMatchObject({ value: '30.5 h', raw: 30.5 });
    expect(cards.sla).toMatchObject({ value: '90%', raw: 0.9, tone: 'warn', detail: 'Acknowledge 100% · Final resolution 80%' });
    expect(cards.csat).toMatchObject({ value: '4.2 / 5', detail: '10 ratings', tone: 'good' });
    expect(cards.nps).toMatchObject({ value: '20', detail: '5 promoters · 3 detractors', tone: 'warn' });
  });

  it('shows dashes, not zeros, when there is no data', () => {
    const empty: KpiResponse = {
      ...fixture,
      conversations: 0,
      containmentRate: null,
      handoffRate: null,
      abandonedHandoffs: 0,
      abandonmentRate: null,
      firstResponseSeconds: { avg: null, p50: null, p90: null },
      handlingSeconds: null,
      complaintResolutionHours: null,
      slaCompliance: {},
      csat: { avg: null, distribution: {} },
      nps: { score: null, promoters: 0, passives: 0, detractors: 0 },
      volumes: { byRoute: {}, byIntent: {}, byCategory: {} },
    };
    const cards = kpiCards(empty, en, 'en');
    for (const id of ['containment', 'handoff', 'abandonment', 'first-response', 'handling', 'complaint-resolution', 'sla', 'csat', 'nps']) {
      expect(cards.find((c) => c.id === id)?.value, id).toBe('—');
    }
    expect(isEmptyKpis(empty)).toBe(true);
    expect(isEmptyKpis(fixture)).toBe(false);
  });

  it('leaves the abandonment card out for a server that does not report it', () => {
    const { abandonedHandoffs: _n, abandonmentRate: _r, ...older } = fixture;
    expect(kpiCards(older, en, 'en').some((c) => c.id === 'abandonment')).toBe(false);
  });

  it('derives chart series', () => {
    expect(csatSeries(fixture.csat.distribution)).toEqual({ labels: ['1', '2', '3', '4', '5'], values: [1, 0, 1, 4, 4] });
    expect(topEntries(fixture.volumes.byIntent, 2)).toEqual({ labels: ['branch.hours', 'card.lost'], values: [9, 7] });
    expect(topEntries(fixture.volumes.byIntent, 2, 'other')).toEqual({ labels: ['branch.hours', 'card.lost', 'other'], values: [9, 7, 2] });
    expect(slaSeries({ final_resolution: 0.8, acknowledge: 1, crisis_escalation: 0.6667 }, en)).toEqual({ labels: ['Acknowledge', 'Final resolution', 'Crisis escalation'], values: [100, 80, 66.7] });
    expect(overallSla({ a: 1, b: null, c: 0.5 })).toBe(0.75);
    expect(overallSla({})).toBeNull();
  });
});
