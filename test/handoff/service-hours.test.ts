import { describe, expect, it } from 'vitest';
import { isWithinServiceHours, parseServiceHours } from '../../src/handoff/service-hours.js';

// 2026-03-02 is a Monday; Asia/Shanghai is UTC+8 all year.
const shanghai = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00+08:00`);

describe('service hours', () => {
  it('opens at the start and closes at the end, in the configured zone', () => {
    const h = parseServiceHours('09:00-21:00');
    expect(isWithinServiceHours(h, shanghai('08:59'), 'Asia/Shanghai')).toBe(false);
    expect(isWithinServiceHours(h, shanghai('09:00'), 'Asia/Shanghai')).toBe(true);
    expect(isWithinServiceHours(h, shanghai('20:59'), 'Asia/Shanghai')).toBe(true);
    expect(isWithinServiceHours(h, shanghai('21:00'), 'Asia/Shanghai')).toBe(false);
    // 10:00 in Shanghai is 02:00 UTC: closed for a bank whose hours are in London time.
    expect(isWithinServiceHours(h, shanghai('10:00'), 'Europe/London')).toBe(false);
    expect(isWithinServiceHours(h, shanghai('10:00'), '+08:00')).toBe(true);
  });

  it('treats 00:00-24:00 as always open', () => {
    const h = parseServiceHours('00:00-24:00');
    for (const t of ['00:00', '03:30', '12:00', '23:59']) expect(isWithinServiceHours(h, shanghai(t), 'Asia/Shanghai')).toBe(true);
  });

  it('wraps an overnight window past midnight', () => {
    const h = parseServiceHours('21:00-09:00');
    expect(isWithinServiceHours(h, shanghai('23:00'), 'Asia/Shanghai')).toBe(true);
    expect(isWithinServiceHours(h, shanghai('02:00'), 'Asia/Shanghai')).toBe(true);
    expect(isWithinServiceHours(h, shanghai('12:00'), 'Asia/Shanghai')).toBe(false);
  });

  it('refuses impossible specs', () => {
    expect(() => parseServiceHours('9-21')).toThrow(RangeError);
    expect(() => parseServiceHours('25:00-26:00')).toThrow(RangeError);
    expect(() => parseServiceHours('09:60-21:00')).toThrow(RangeError);
    expect(parseServiceHours(' 08:30-17:45 ')).toMatchObject({ start: 510, end: 1065, text: '08:30-17:45' });
  });
});
