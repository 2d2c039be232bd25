// The bank's working-day calendar: weekends, public holidays and the make-up working days that Chinese
// holiday schedules move onto weekends. Deadlines such as "resolve within 15 working days" are counted
// here, in the bank's time zone, never in the server's.
import { z } from 'zod';
import { addDays, assertTimeZone, fromLocal, localDateOf, parseDate, toLocal, weekdayOf } from './time-zone.js';

const isoDate = z
  .string()
  .trim()
  .refine((v) => {
    try {
      parseDate(v);
      return true;
    } catch {
      return false;
    }
  }, 'must be a date YYYY-MM-DD');

export const workingCalendarConfigSchema = z.object({
  /** IANA zone (Asia/Shanghai) or a fixed offset (+08:00). */
  timeZone: z.string().default('Asia/Shanghai'),
  /** 0 = Sunday … 6 = Saturday. */
  weekendDays: z.array(z.number().int().min(0).max(6)).max(6).default([0, 6]),
  holidays: z.array(isoDate).default([]),
  /** Weekend dates that are working days because a holiday borrowed them. */
  makeUpWorkdays: z.array(isoDate).default([]),
});

export type WorkingCalendarConfig = z.input<typeof workingCalendarConfigSchema>;

export interface WorkingCalendar {
  readonly timeZone: string;
  readonly weekendDays: ReadonlySet<number>;
  readonly holidays: ReadonlySet<string>;
  readonly makeUpWorkdays: ReadonlySet<string>;
}

export function createWorkingCalendar(config: WorkingCalendarConfig = {}): WorkingCalendar {
  const c = workingCalendarConfigSchema.parse(config);
  assertTimeZone(c.timeZone);
  const holidays = new Set(c.holidays);
  const makeUp = new Set(c.makeUpWorkdays);
  const both = [...holidays].filter((d) => makeUp.has(d));
  if (both.length) throw new RangeError(`Dates listed both as holiday and make-up working day: ${both.join(', ')}`);
  return Object.freeze({
    timeZone: c.timeZone,
    weekendDays: new Set(c.weekendDays),
    holidays,
    makeUpWorkdays: makeUp,
  });
}

/** Mon–Fri, Asia/Shanghai, no holidays: the calendar used when none is configured. */
export const DEFAULT_WORKING_CALENDAR = createWorkingCalendar();

/** Whether a calendar date 'YYYY-MM-DD' is a working day. */
export function isWorkingDate(date: string, cal: WorkingCalendar = DEFAULT_WORKING_CALENDAR): boolean {
  if (cal.makeUpWorkdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  return !cal.weekendDays.has(weekdayOf(date));
}

/** Whether the instant falls on a working day in the calendar's zone. */
export function isWorkingDay(instant: Date, cal: WorkingCalendar = DEFAULT_WORKING_CALENDAR): boolean {
  return isWorkingDate(localDateOf(instant, cal.timeZone), cal);
}

/** The first working date strictly after `date`. */
export function nextWorkingDate(date: string, cal: WorkingCalendar = DEFAULT_WORKING_CALENDAR): string {
  let d = date;
  // A year of consecutive non-working days means a misconfigured calendar, not a long holiday.
  for (let i = 0; i < 366; i++) {
    d = addDays(d, 1);
    if (isWorkingDate(d, cal)) return d;
  }
  throw new RangeError(`No working day within a year after ${date}: check the calendar`);
}

/**
 * The instant `n` working days after `start`, at the same local time of day. Counting starts on the
 * day after the start's local date, so Friday 10:00 + 1 = Monday 10:00, and a complaint received on
 * Saturday gets the same deadline as one received on Friday at that time (Saturday + 1 = Monday).
 * n = 0 returns `start` unchanged.
 */
export function addWorkingDays(start: Date, n: number, cal: WorkingCalendar = DEFAULT_WORKING_CALENDAR): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0, got ${n}`);
  if (n === 0) return new Date(start.getTime());
  const local = toLocal(start, cal.timeZone);
  let date = localDateOf(start, cal.timeZone);
  for (let i = 0; i < n; i++) date = nextWorkingDate(date, cal);
  const { year, month, day } = parseDate(date);
  return fromLocal({ ...local, year, month, day }, cal.timeZone);
}

/** Elapsed-time deadlines ("within 24 hours") run through nights and weekends alike. */
export function addHours(start: Date, hours: number): Date {
  if (!Number.isFinite(hours)) throw new RangeError(`Hours must be a finite number, got ${hours}`);
  return new Date(start.getTime() + hours * 3_600_000);
}

/** Working days whose date lies after `from`'s local date and up to and including `to`'s. */
export function workingDaysBetween(from: Date, to: Date, cal: WorkingCalendar = DEFAULT_WORKING_CALENDAR): number {
  let d = localDateOf(from, cal.timeZone);
  const end = localDateOf(to, cal.timeZone);
  let count = 0;
  while (d < end) {
    d = addDays(d, 1);
    if (isWorkingDate(d, cal)) count++;
  }
  return count;
}
