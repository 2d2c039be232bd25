// The complaint settings derived once from configuration: service clocks, the bank's working-day
// calendar and the crisis detector. Everything else in the module reads these, never Config directly.
import type { Config } from '../config.js';
import type { CrisisDetectorConfig } from './domain/crisis-detector.js';
import type { ServiceClockConfig } from './domain/service-clocks.js';
import { createWorkingCalendar, type WorkingCalendar } from './domain/working-calendar.js';

export interface ComplaintSettings {
  timeZone: string;
  calendar: WorkingCalendar;
  clocks: ServiceClockConfig;
  crisis: CrisisDetectorConfig;
}

type SettingsConfig = Pick<
  Config,
  | 'TIMEZONE'
  | 'PUBLIC_HOLIDAYS'
  | 'MAKEUP_WORKDAYS'
  | 'COMPLAINT_ACK_HOURS'
  | 'COMPLAINT_HANDLE_HOURS'
  | 'COMPLAINT_INVESTIGATION_HOURS'
  | 'COMPLAINT_RESOLUTION_WORKING_DAYS'
  | 'CRISIS_ESCALATION_HOURS'
  | 'CRISIS_THRESHOLD'
  | 'CRISIS_WINDOW_MINUTES'
>;

export function complaintSettingsFrom(config: SettingsConfig): ComplaintSettings {
  return {
    timeZone: config.TIMEZONE,
    calendar: createWorkingCalendar({ timeZone: config.TIMEZONE, holidays: config.PUBLIC_HOLIDAYS, makeUpWorkdays: config.MAKEUP_WORKDAYS }),
    clocks: {
      acknowledgeHours: config.COMPLAINT_ACK_HOURS,
      firstResponseHours: config.COMPLAINT_HANDLE_HOURS,
      investigationReportHours: config.COMPLAINT_INVESTIGATION_HOURS,
      resolutionWorkingDays: config.COMPLAINT_RESOLUTION_WORKING_DAYS,
      crisisEscalationHours: config.CRISIS_ESCALATION_HOURS,
    },
    // One alert per window: the category stays quiet for as long as the window it was counted in.
    crisis: { threshold: config.CRISIS_THRESHOLD, windowMinutes: config.CRISIS_WINDOW_MINUTES, cooldownMinutes: config.CRISIS_WINDOW_MINUTES },
  };
}
