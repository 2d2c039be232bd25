import { describe, expect, it } from 'vitest';
import {
  addHours,
  addWorkingDays,
  createWorkingCalendar,
  isWorkingDate,
  isWorkingDay,
  nextWorkingDate,
  workingDaysBetween,
} from '../../../src/complaints/domain/working-calendar.js';
import { fromLocal, localDateOf, offsetMinutesAt, toLocal } from '../../../src/complaints/domain/time-zone.js';

// An illustrative National Day week: 1–7 Oct off, Sunday 27 Sep and Saturday 10 Oct worked instead.
const cn = createWorkingCalendar({
  timeZone: 'Asia/Shanghai',
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  makeUpWorkdays: ['2026-09-27', '2026-10-10'],
});
const plain = createWorkingCalendar();

describe('isWorkingDate', () => {
  it.each([
    ['2026-09-25', true], // Friday
    ['2026-09-26', false], // Saturday
    ['2026-09-27', true], // Sunday, make-up day
    ['2026-10-01', false], // Thursday, holiday
    ['2026-10-05', false], // Monday, holiday
    ['2026-10-08', true],
    ['2026-10-10', true], // Saturday, make-up day
    ['2026-10-11', false],
  ])('%s → %s', (date, working) => expect(isWorkingDate(date, cn)).toBe(working));

  it('follows configured weekend days', () => {
    const gulf = createWorkingCalendar({ weekendDays: [5, 6] });
    expect(isWorkingDate('2026-10-09', gulf)).toBe(false); // Friday
    expect(isWorkingDate('2026-10-11', gulf)).toBe(true); // Sunday
  });

  it('judges an instant by the calendar zone, not UTC', () => {
    const fridayEveningUtc = new Date('2026-10-16T20:00:00Z'); // Saturday 04:00 in Shanghai
    expect(isWorkingDay(fridayEveningUtc, plain)).toBe(false);
    expect(isWorkingDay(fridayEveningUtc, createWorkingCalendar({ timeZone: 'UTC' }))).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['Friday + 1 → Monday', '2026-09-18T10:00:00+08:00', 1, plain, '2026-09-21T10:00:00+08:00'],
    ['Saturday + 1 → Monday', '2026-09-19T15:30:00+08:00', 1, plain, '2026-09-21T15:30:00+08:00'],
    ['Sunday + 1 → Monday', '2026-09-20T23:59:00+08:00', 1, plain, '2026-09-21T23:59:00+08:00'],
    ['Monday + 5 → next Monday', '2026-10-12T09:00:00+08:00', 5, plain, '2026-10-19T09:00:00+08:00'],
    ['15 working days = 3 weeks without holidays', '2026-10-12T10:00:00+08:00', 15, plain, '2026-11-02T10:00:00+08:00'],
    ['Friday + 1 → make-up Sunday', '2026-09-25T10:00:00+08:00', 1, cn, '2026-09-27T10:00:00+08:00'],
    ['over the holiday week', '2026-09-30T10:00:00+08:00', 1, cn, '2026-10-08T10:00:00+08:00'],
    ['into the make-up Saturday', '2026-09-30T10:00:00+08:00', 3, cn, '2026-10-10T10:00:00+08:00'],
    ['past the make-up Saturday', '2026-09-30T10:00:00+08:00', 4, cn, '2026-10-12T10:00:00+08:00'],
    ['received on a holiday', '2026-10-03T11:00:00+08:00', 1, cn, '2026-10-08T11:00:00+08:00'],
    ['15 working days across the holiday', '2026-09-28T10:00:00+08:00', 15, cn, '2026-10-23T10:00:00+08:00'], // 29, 30 Sep, 8, 9, 10, 12–16, 19–23 Oct,
    ['zero', '2026-10-03T11:00:00+08:00', 0, cn, '2026-10-03T11:00:00+08:00'],
  ])('%s', (_name, start, n, cal, expected) => {
    expect(addWorkingDays(new Date(start), n, cal).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('counts days in the calendar zone', () => {
    const start = new Date('2026-10-09T20:00:00Z'); // Friday 20:00 UTC = Saturday 04:00 Shanghai
    expect(addWorkingDays(start, 1, plain).toISOString()).toBe('2026-10-11T20:00:00.000Z'); // Monday 04:00 Shanghai
    expect(addWorkingDays(start, 1, createWorkingCalendar({ timeZone: 'UTC' })).toISOString()).toBe('2026-10-12T20:00:00.000Z');
    expect(addWorkingDays(start, 1, createWorkingCalendar({ timeZone: '+08:00' })).toISOString()).toBe('2026-10-11T20:00:00.000Z');
  });

  it('keeps local time across a daylight-saving change', () => {
    const ny = createWorkingCalendar({ timeZone: 'America/New_York' });
    // Friday 6 March 2026 09:00 EST; clocks go forward on Sunday 8 March
    expect(addWorkingDays(new Date('2026-03-06T14:00:00Z'), 1, ny).toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it.each([-1, 1.5, Number.NaN])('refuses %s working days', (n) => {
    expect(() => addWorkingDays(new Date(), n, plain)).toThrow(RangeError);
  });
});

describe('addHours and helpers', () => {
  it('runs hour clocks through weekends', () => {
    expect(addHours(new Date('2026-09-25T18:00:00+08:00'), 24).toISOString()).toBe(new Date('2026-09-26T18:00:00+08:00').toISOString());
    expect(addHours(new Date('2026-09-25T18:00:00+08:00'), 1.5).toISOString()).toBe(new Date('2026-09-25T19:30:00+08:00').toISOString());
  });

  it('counts working days between instants', () => {
    expect(workingDaysBetween(new Date('2026-09-30T10:00:00+08:00'), new Date('2026-10-12T10:00:00+08:00'), cn)).toBe(4);
    expect(workingDaysBetween(new Date('2026-10-12T10:00:00+08:00'), new Date('2026-10-12T18:00:00+08:00'), cn)).toBe(0);
    expect(nextWorkingDate('2026-09-30', cn)).toBe('2026-10-08');
  });

  it('converts between local and UTC', () => {
    expect(offsetMinutesAt(new Date('2026-07-01T00:00:00Z'), 'Asia/Shanghai')).toBe(480);
    expect(offsetMinutesAt(new Date('2026-07-01T00:00:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutesAt(new Date('2026-07-01T00:00:00Z'), 'UTC-05:30')).toBe(-330);
    expect(localDateOf(new Date('2026-10-09T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-10-10');
    const local = toLocal(new Date('2026-10-09T16:30:45.123Z'), 'Asia/Shanghai');
    expect(local).toEqual({ year: 2026, month: 10, day: 10, hour: 0, minute: 30, second: 45, millisecond: 123 });
    expect(fromLocal(local, 'Asia/Shanghai').toISOString()).toBe('2026-10-09T16:30:45.123Z');
  });
});

describe('createWorkingCalendar', () => {
  it.each([
    [{ holidays: ['2026-02-30'] }],
    [{ holidays: ['10/01/2026'] }],
    [{ timeZone: 'Mars/Olympus' }],
    [{ weekendDays: [7] }],
    [{ holidays: ['2026-10-10'], makeUpWorkdays: ['2026-10-10'] }],
  ])('rejects %j', (config) => {
    expect(() => createWorkingCalendar(config)).toThrow();
  });
});
