// Pure formatting of times, rates and durations for the console (no DOM, no clock of its own).
import type { Locale, Percentiles } from './api-types.js';
import type { Translate } from './i18n.js';

/** "45s", "3 min 20s", "2 h 5 min", "3 d" — short enough for a queue row. */
export function formatDuration(totalSeconds: number | null | undefined, t: Translate): string {
  if (totalSeconds === null || totalSeconds === undefined || !Number.isFinite(totalSeconds)) return t('common.none');
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return t('time.s', { n: s });
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = s % 60;
    return m >= 10 || rest === 0 ? t('time.m', { n: m }) : t('time.ms', { m, s: rest });
  }
  if (s < 86_400 * 2) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return m === 0 ? t('time.h', { n: h }) : t('time.hm', { h, m });
  }
  return t('time.d', { n: Math.floor(s / 86_400) });
}

/** Seconds from an ISO time to now. */
export function secondsSince(iso: string, now: number): number {
  const at = Date.parse(iso);
  return Number.isFinite(at) ? Math.max(0, (now - at) / 1000) : 0;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05" today, "11-23 14:05" this year, "2025-11-23 14:05" otherwise (local time). */
export function formatTime(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const n = new Date(now);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (d.toDateString() === n.toDateString()) return hm;
  const md = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return d.getFullYear() === n.getFullYear() ? `${md} ${hm}` : `${d.getFullYear()}-${md} ${hm}`;
}

/** "2026-11-23" in local time. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A 0…1 fraction as "87.5%"; null → "—". */
export function formatPercent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits).replace(/\.0+$/, '')}%`;
}

export function formatNumber(value: number | null | undefined, locale: Locale, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** The "average" of a KPI that the server may send as a number or as percentiles. */
export function averageOf(v: number | null | undefined | Percentiles): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return v.avg ?? v.p50 ?? null;
}

/** Amount with its currency code, e.g. "CNY 1,200.00". */
export function formatAmount(amount: number | null | undefined, currency: string | null | undefined, locale: Locale): string {
  if (amount === null || amount === undefined) return '—';
  const n = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  return currency ? `${currency} ${n}` : n;
}
