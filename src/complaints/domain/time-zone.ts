// Local-time arithmetic for the complaint clocks and the date phrases customers use. A zone is an IANA
// name ("Asia/Shanghai") or a fixed offset ("+08:00", "UTC+8", "Z"); IANA zones go through Intl, so
// daylight-saving zones work too. Calendar dates are plain 'YYYY-MM-DD' strings (no instant attached).

export interface LocalDateTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const FIXED_OFFSET = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC for a fixed-offset spelling, or null when `tz` is not one. */
export function parseFixedOffset(tz: string): number | null {
  const t = tz.trim();
  if (/^(?:Z|UTC|GMT)$/i.test(t)) return 0;
  const m = FIXED_OFFSET.exec(t);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59) throw new RangeError(`Invalid UTC offset "${tz}"`);
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new RangeError(`Unknown time zone "${tz}" (use an IANA name such as Asia/Shanghai or an offset such as +08:00)`);
    }
    formatters.set(tz, f);
  }
  return f;
}

/** Throws a RangeError naming the zone when it is neither a fixed offset nor an IANA zone. */
export function assertTimeZone(tz: string): void {
  if (parseFixedOffset(tz) === null) formatterFor(tz);
}

/** The zone's offset from UTC (minutes east) at an instant. */
export function offsetMinutesAt(instant: Date | number, tz: string): number {
  const fixed = parseFixedOffset(tz);
  if (fixed !== null) return fixed;
  const t = typeof instant === 'number' ? instant : instant.getTime();
  const wholeSeconds = Math.floor(t / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(tz).formatToParts(new Date(wholeSeconds))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return Math.round((asUtc - wholeSeconds) / 60000);
}

/** Wall-clock fields of an instant in a zone. */
export function toLocal(instant: Date | number, tz: string): LocalDateTime {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  const shifted = new Date(t + offsetMinutesAt(t, tz) * 60000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
  };
}

/** The instant at which a zone's clocks show `local`. In a DST gap the later offset wins. */
export function fromLocal(local: LocalDateTime, tz: string): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond);
  const first = offsetMinutesAt(asUtc, tz);
  let guess = asUtc - first * 60000;
  const second = offsetMinutesAt(guess, tz);
  if (second !== first) guess = asUtc - second * 60000;
  return new Date(guess);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The calendar date ('YYYY-MM-DD') of an instant in a zone. */
export function localDateOf(instant: Date | number, tz: string): string {
  const l = toLocal(instant, tz);
  return formatDate(l.year, l.month, l.day);
}

/** Parses 'YYYY-MM-DD' and rejects impossible dates such as 2026-02-30. */
export function parseDate(date: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new RangeError(`Invalid date "${date}" (expected YYYY-MM-DD)`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds calendar days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Day of week of a 'YYYY-MM-DD' date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
