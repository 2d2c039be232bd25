import { describe, expect, it } from 'vitest';
import { averageOf, formatDuration, formatPercent, formatTime, secondsSince } from '../../../web/console/format.js';
import { translator } from '../../../web/console/i18n.js';

const en = translator('en');
const zh = translator('zh-CN');

describe('console formatting', () => {
  it('formats waiting and handling times compactly', () => {
    expect(formatDuration(0, en)).toBe('0s');
    expect(formatDuration(59.4, en)).toBe('59s');
    expect(formatDuration(60, en)).toBe('1 min');
    expect(formatDuration(200, en)).toBe('3 min 20s');
    expect(formatDuration(12 * 60 + 5, en)).toBe('12 min'); // seconds stop mattering past ten minutes
    expect(formatDuration(3600, en)).toBe('1 h');
    expect(formatDuration(3600 + 5 * 60, zh)).toBe('1 小时 5 分');
    expect(formatDuration(3 * 86_400, en)).toBe('3 d');
    expect(formatDuration(null, en)).toBe('—');
    expect(formatDuration(Number.NaN, en)).toBe('—');
  });

  it('measures time since a moment, never negative', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(secondsSince('2026-11-23T09:58:30Z', now)).toBe(90);
    expect(secondsSince('2026-11-23T10:00:30Z', now)).toBe(0);
    expect(secondsSince('not a date', now)).toBe(0);
  });

  it('shows rates as percentages and picks the average of a KPI in either shape', () => {
    expect(formatPercent(0.625)).toBe('62.5%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('—');
    expect(averageOf(42)).toBe(42);
    expect(averageOf({ avg: null, p50: 30, p90: 80 })).toBe(30);
    expect(averageOf({ avg: 35, p50: 30, p90: 80 })).toBe(35);
    expect(averageOf(null)).toBeNull();
  });

  it('shows only the time for today and adds the date otherwise', () => {
    const now = new Date(2026, 10, 23, 15, 0).getTime();
    expect(formatTime(new Date(2026, 10, 23, 9, 5).toISOString(), now)).toBe('09:05');
    expect(formatTime(new Date(2026, 0, 2, 9, 5).toISOString(), now)).toBe('01-02 09:05');
    expect(formatTime(new Date(2025, 0, 2, 9, 5).toISOString(), now)).toBe('2025-01-02 09:05');
    expect(formatTime(null, now)).toBe('');
  });
});
