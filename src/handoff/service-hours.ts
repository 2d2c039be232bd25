// Live-agent service hours: "HH:MM-HH:MM" in the bank's time zone (config SERVICE_HOURS, TIMEZONE).
// "00:00-24:00" means always; an end before the start wraps past midnight ("21:00-09:00" = night
// shift). Pure: pass the instant.
import { toLocal } from '../complaints/domain/time-zone.js';

export interface ServiceHours {
  /** Minutes after local midnight. */
  start: number;
  end: number;
  text: string;
}

export function parseServiceHours(spec: string): ServiceHours {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(spec.trim());
  if (!m) throw new RangeError(`Service hours "${spec}" must look like 09:00-21:00`);
  const [h1, m1, h2, m2] = m.slice(1).map(Number);
  if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59 || (h1 === 24 && m1 > 0) || (h2 === 24 && m2 > 0)) {
    throw new RangeError(`Service hours "${spec}" has an impossible time`);
  }
  return { start: h1 * 60 + m1, end: h2 * 60 + m2, text: spec.trim() };
}

export function isWithinServiceHours(hours: ServiceHours, now: Date, timeZone: string): boolean {
  // "09:00-09:00" is an empty window (use 00:00-24:00 for always), so it is never open.
  if (hours.start === hours.end) return false;
  const local = toLocal(now, timeZone);
  const minute = local.hour * 60 + local.minute;
  return hours.start < hours.end ? minute >= hours.start && minute < hours.end : minute >= hours.start || minute < hours.end;
}
