// Turns the API's date range into the half-open interval of instants [start, end) the queries use.
// A date is a whole day in the bank's time zone and `to` names the last day included (what a person
// means by "1 to 7 March"); a timestamp is taken as it is, `to` exclusive.
import { fromLocal, localDateOf } from '../complaints/domain/time-zone.js';
import { AppError } from '../http/errors.js';

export interface KpiRange {
  start: Date;
  end: Date;
  /** As asked, for echoing back: 'YYYY-MM-DD' or the timestamp. */
  from: string;
  to: string;
  timeZone: string;
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

function dayStart(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return fromLocal({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Default: the last 30 days, today included. Throws validation_failed (HTTP 400) for an empty or over-long range. */
export function resolveRange(input: { from?: string; to?: string }, opts: { timeZone: string; now: Date; maxDays?: number }): KpiRange {
  const today = localDateOf(opts.now, opts.timeZone);
  const to = input.to ?? today;
  const from = input.from ?? (isDate(to) ? addDays(to, -29) : addDays(localDateOf(new Date(to), opts.timeZone), -29));
  const start = isDate(from) ? dayStart(from, opts.timeZone) : new Date(from);
  const end = isDate(to) ? dayStart(addDays(to, 1), opts.timeZone) : new Date(to);
  if (end.getTime() <= start.getTime()) throw new AppError('validation_failed', `the range is empty: "from" (${from}) must be before "to" (${to})`);
  const maxDays = opts.maxDays ?? 400;
  if (end.getTime() - start.getTime() > maxDays * 86_400_000) throw new AppError('validation_failed', `the range is longer than ${maxDays} days; ask for a shorter one`);
  return { start, end, from, to, timeZone: opts.timeZone };
}
