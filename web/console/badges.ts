// What a queue row shows at a glance: urgent, VIP / key customer, vulnerable, complaint severity.
// Pure over a handoff, so the order and tone of the badges are tested without a browser.
import type { Handoff } from './api-types.js';

export type BadgeTone = 'danger' | 'warning' | 'gold' | 'info' | 'neutral';

export interface Badge {
  kind: 'urgent' | 'vip' | 'key' | 'vulnerable' | 'complaint';
  tone: BadgeTone;
  /** For complaint badges: the severity code. */
  severity?: string;
}

const SEVERITY_TONE: Record<string, BadgeTone> = { crisis: 'danger', high: 'danger', medium: 'warning', low: 'neutral' };

export function badgesFor(h: Pick<Handoff, 'reason' | 'context'>): Badge[] {
  const out: Badge[] = [];
  const ctx = h.context;
  if (ctx.urgent || h.reason === 'urgent') out.push({ kind: 'urgent', tone: 'danger' });
  const segment = ctx.customer?.segment;
  if (segment === 'vip') out.push({ kind: 'vip', tone: 'gold' });
  else if (segment === 'key') out.push({ kind: 'key', tone: 'info' });
  if (ctx.customer?.vulnerable) out.push({ kind: 'vulnerable', tone: 'warning' });
  if (ctx.complaint) out.push({ kind: 'complaint', tone: SEVERITY_TONE[ctx.complaint.severity] ?? 'neutral', severity: ctx.complaint.severity });
  return out;
}

/** The last thing the customer said, for the queue row's preview line. */
export function lastCustomerText(h: Pick<Handoff, 'context'>): string {
  const t = h.context.transcript;
  for (let i = t.length - 1; i >= 0; i--) if (t[i].author === 'customer') return t[i].text;
  return '';
}
