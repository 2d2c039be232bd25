// CSV exports (RFC 4180): the KPI report as long-format rows and the unanswered questions.
// Customer-typed text is defused against spreadsheet formula injection (a cell starting with = + - @
// is executed by Excel), which matters when supervisors open exports of what strangers typed.
import type { KpiReport, Percentiles } from './kpi-schema.js';

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes a cell when needed; text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const toCsv = (rows: ReadonlyArray<readonly Cell[]>): string => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** Long format — one number per row — so every KPI, breakdown and clock fits one sheet. */
export function kpiCsvRows(k: KpiReport): Cell[][] {
  const rows: Cell[][] = [['section', 'metric', 'key', 'value']];
  const add = (section: string, metric: string, key: string, value: Cell) => rows.push([section, metric, key, value]);
  const stats = (section: string, p: Percentiles) => {
    add(section, 'avg', '', p.avg);
    add(section, 'p50', '', p.p50);
    add(section, 'p90', '', p.p90);
    add(section, 'count', '', p.count);
  };
  add('range', 'from', '', k.range.from);
  add('range', 'to', '', k.range.to);
  add('range', 'time_zone', '', k.range.timeZone);
  add('conversations', 'count', '', k.conversations);
  add('conversations', 'contained', '', k.contained);
  add('conversations', 'handed_off', '', k.handedOff);
  add('rates', 'containment_rate', '', k.containmentRate);
  add('rates', 'handoff_rate', '', k.handoffRate);
  stats('first_response_seconds', k.firstResponseSeconds);
  stats('agent_first_response_seconds', k.agentFirstResponseSeconds);
  add('handoffs', 'count', '', k.handoffs);
  add('handoffs', 'abandoned', '', k.abandonedHandoffs);
  add('rates', 'abandonment_rate', '', k.abandonmentRate);
  stats('handling_seconds', k.handlingSeconds);
  add('complaints', 'count', '', k.complaints);
  stats('complaint_resolution_hours', k.complaintResolutionHours);
  for (const [clock, rate] of Object.entries(k.slaCompliance)) {
    add('sla', 'compliance', clock, rate);
    add('sla', 'met', clock, k.slaCounts[clock]?.met);
    add('sla', 'due', clock, k.slaCounts[clock]?.due);
  }
  add('csat', 'avg', '', k.csat.avg);
  add('csat', 'count', '', k.csat.count);
  for (const [score, n] of Object.entries(k.csat.distribution)) add('csat', 'distribution', score, n);
  add('nps', 'score', '', k.nps.score);
  add('nps', 'promoters', '', k.nps.promoters);
  add('nps', 'passives', '', k.nps.passives);
  add('nps', 'detractors', '', k.nps.detractors);
  const volume = (metric: string, counts: Record<string, number>) => {
    for (const [key, n] of Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) add('volume', metric, key, n);
  };
  volume('conversations_by_route', k.volumes.byRoute);
  volume('turns_by_route', k.volumes.turnsByRoute);
  volume('turns_by_intent', k.volumes.byIntent);
  volume('complaints_by_category', k.volumes.byCategory);
  volume('complaints_by_cause', k.volumes.byCause);
  for (const q of k.topUnanswered) add('unanswered', 'question', q.text, q.count);
  return rows;
}

export const unansweredCsvRows = (items: ReadonlyArray<{ text: string; count: number }>): Cell[][] => [['question', 'count'], ...items.map((q) => [q.text, q.count])];
