// The dashboard's pure side: date ranges, the query sent to the KPI API, the KPI cards and the chart
// series derived from a KpiResponse. The view only renders what these return.
import type { DrillMetric, KpiQuery, KpiResponse, Locale, Segment } from './api-types.js';
import { averageOf, formatDuration, formatNumber, formatPercent } from './format.js';
import type { MessageKey, Translate } from './i18n.js';

export interface DashboardFilters {
  from: string;
  to: string;
  channel: string;
  locale: '' | Locale;
  segment: '' | Segment;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The last `days` days, today included, in local dates. */
export function presetRange(days: number, today: Date): { from: string; to: string } {
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1));
  return { from: isoDay(start), to: isoDay(today) };
}

export function isValidRange(from: string, to: string): boolean {
  const re = /^\d{4}-\d{2}-\d{2}$/;
  return re.test(from) && re.test(to) && from <= to;
}

export function kpiQuery(f: DashboardFilters): KpiQuery {
  return {
    from: f.from,
    to: f.to,
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.locale ? { locale: f.locale } : {}),
    ...(f.segment ? { segment: f.segment } : {}),
  };
}

export interface KpiCard {
  id: string;
  metric: DrillMetric;
  label: MessageKey;
  value: string;
  /** The raw number behind the value, for tests and tooltips (null when there is no data). */
  raw: number | null;
  detail?: string;
  tone?: 'good' | 'warn' | 'bad';
}

/** The server's slaCompliance keys are clock names (ack, acknowledge, first_response, …). */
export const clockLabel = (clock: string, t: Translate) => {
  const key = `cmp.clock.${clock}` as MessageKey;
  const label = t(key);
  return label === key ? clock : label;
};

/** Overall SLA compliance: the mean of the clocks that have a value. */
export function overallSla(sla: KpiResponse['slaCompliance']): number | null {
  const values = Object.values(sla ?? {}).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

const toneOfRate = (v: number | null, good: number, warn: number): KpiCard['tone'] => (v === null ? undefined : v >= good ? 'good' : v >= warn ? 'warn' : 'bad');

export function kpiCards(k: KpiResponse, t: Translate, locale: Locale): KpiCard[] {
  const first = k.firstResponseSeconds ?? { avg: null, p50: null, p90: null };
  const handling = averageOf(k.handlingSeconds);
  const resolutionHours = averageOf(k.complaintResolutionHours);
  const sla = overallSla(k.slaCompliance);
  const npsScore = k.nps?.score ?? null;
  const csatCount = k.csat?.count ?? Object.values(k.csat?.distribution ?? {}).reduce((a, b) => a + (b ?? 0), 0);
  const cards: KpiCard[] = [];
  if (typeof k.conversations === 'number') {
    cards.push({ id: 'conversations', metric: 'conversations', label: 'dash.conversations', value: formatNumber(k.conversations, locale), raw: k.conversations });
  }
  cards.push(
    { id: 'containment', metric: 'containment', label: 'dash.containment', value: formatPercent(k.containmentRate), raw: k.containmentRate, tone: toneOfRate(k.containmentRate, 0.7, 0.5) },
    { id: 'handoff', metric: 'handoff', label: 'dash.handoff', value: formatPercent(k.handoffRate), raw: k.handoffRate },
  );
  if (k.abandonmentRate !== undefined) {
    const rate = k.abandonmentRate;
    cards.push({
      id: 'abandonment',
      metric: 'abandonment',
      label: 'dash.abandonment',
      value: formatPercent(rate),
      raw: rate,
      detail: t('dash.abandonmentDetail', { n: formatNumber(k.abandonedHandoffs ?? 0, locale) }),
      // Lower is better: customers who gave up waiting for a person.
      tone: rate === null ? undefined : rate <= 0.05 ? 'good' : rate <= 0.15 ? 'warn' : 'bad',
    });
  }
  cards.push(
    {
      id: 'first-response',
      metric: 'first_response',
      label: 'dash.firstResponse',
      value: formatDuration(first.avg, t),
      raw: first.avg,
      detail: t('dash.firstResponseDetail', { p50: formatDuration(first.p50, t), p90: formatDuration(first.p90, t) }),
    },
    { id: 'handling', metric: 'handling', label: 'dash.handling', value: formatDuration(handling, t), raw: handling },
    {
      id: 'complaint-resolution',
      metric: 'complaint_resolution',
      label: 'dash.complaintResolution',
      value: resolutionHours === null ? '—' : t('time.hours', { n: formatNumber(resolutionHours, locale, 1) }),
      raw: resolutionHours,
    },
    {
      id: 'sla',
      metric: 'sla',
      label: 'dash.sla',
      value: formatPercent(sla),
      raw: sla,
      tone: toneOfRate(sla, 0.95, 0.85),
      detail: Object.entries(k.slaCompliance ?? {})
        .map(([clock, v]) => `${clockLabel(clock, t)} ${formatPercent(v)}`)
        .join(' · '),
    },
    {
      id: 'csat',
      metric: 'csat',
      label: 'dash.csat',
      value: k.csat?.avg === null || k.csat?.avg === undefined ? '—' : `${formatNumber(k.csat.avg, locale, 2)} / 5`,
      raw: k.csat?.avg ?? null,
      detail: t('dash.csatDetail', { count: formatNumber(csatCount, locale) }),
      tone: k.csat?.avg == null ? undefined : k.csat.avg >= 4 ? 'good' : k.csat.avg >= 3 ? 'warn' : 'bad',
    },
    {
      id: 'nps',
      metric: 'nps',
      label: 'dash.nps',
      value: npsScore === null ? '—' : formatNumber(npsScore, locale),
      raw: npsScore,
      detail: t('dash.npsDetail', { p: k.nps?.promoters ?? 0, d: k.nps?.detractors ?? 0 }),
      tone: npsScore === null ? undefined : npsScore >= 30 ? 'good' : npsScore >= 0 ? 'warn' : 'bad',
    },
  );
  return cards;
}

export interface Series {
  labels: string[];
  values: number[];
}

/** Largest first, at most `limit` entries; the rest summed into `otherLabel` when given. */
export function topEntries(record: Record<string, number> | undefined, limit: number, otherLabel?: string): Series {
  const entries = Object.entries(record ?? {})
    .filter(([, v]) => typeof v === 'number' && v > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const head = entries.slice(0, limit);
  const restSum = entries.slice(limit).reduce((a, [, v]) => a + v, 0);
  if (otherLabel && restSum > 0) head.push([otherLabel, restSum]);
  return { labels: head.map(([k]) => k), values: head.map(([, v]) => v) };
}

/** Counts of ratings 1…5 in order (missing scores count 0). */
export function csatSeries(distribution: KpiResponse['csat']['distribution'] | undefined): Series {
  const labels = ['1', '2', '3', '4', '5'] as const;
  return { labels: [...labels], values: labels.map((l) => distribution?.[l] ?? 0) };
}

/** Clocks met, in percent, in a stable order (ack, investigation, resolution, then the rest). */
export function slaSeries(sla: KpiResponse['slaCompliance'] | undefined, t: Translate): Series {
  const order = ['ack', 'acknowledge', 'first_response', 'investigation', 'investigation_report', 'resolution', 'final_resolution', 'crisis_escalation'];
  const entries = Object.entries(sla ?? {})
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .sort((a, b) => (order.indexOf(a[0]) + 1 || 99) - (order.indexOf(b[0]) + 1 || 99));
  return { labels: entries.map(([c]) => clockLabel(c, t)), values: entries.map(([, v]) => Math.round(v * 1000) / 10) };
}

export function isEmptyKpis(k: KpiResponse): boolean {
  const volume = Object.values(k.volumes?.byRoute ?? {}).reduce((a, b) => a + b, 0);
  return (k.conversations ?? volume) === 0 && k.containmentRate === null && k.handoffRate === null;
}
