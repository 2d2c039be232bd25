// Service clocks from the complaint manual. Each clock starts when the complaint is received (the
// resolution clock restarts when a complaint is reopened; the crisis clock starts when the complaint
// became a crisis) and stops at the first event listed in CLOCK_STOPPED_BY. Hour clocks run
// through nights and weekends; the resolution clock counts working days on the bank's calendar.
import { addHours, addWorkingDays, DEFAULT_WORKING_CALENDAR, type WorkingCalendar } from './working-calendar.js';
import type { ComplaintStatus } from './workflow.js';
import type { Severity } from './severity.js';

export const SERVICE_CLOCKS = ['acknowledge', 'first_response', 'investigation_report', 'final_resolution', 'crisis_escalation'] as const;
export type ServiceClockName = (typeof SERVICE_CLOCKS)[number];

export interface ServiceClockConfig {
  /** Acknowledge receipt (manual: at once, at the latest within 24 h). */
  acknowledgeHours: number;
  /** Someone starts handling it / first substantive response (48 h). */
  firstResponseHours: number;
  /** Investigation report, i.e. a proposed resolution (48 h). */
  investigationReportHours: number;
  /** Final resolution carried out (15 working days). */
  resolutionWorkingDays: number;
  /** A crisis reaches the crisis team (24 h). */
  crisisEscalationHours: number;
}

export const DEFAULT_SERVICE_CLOCK_CONFIG: ServiceClockConfig = {
  acknowledgeHours: 24,
  firstResponseHours: 48,
  investigationReportHours: 48,
  resolutionWorkingDays: 15,
  crisisEscalationHours: 24,
};

/** Entering any of these statuses stops the clock. first_response also stops at the first agent reply, crisis_escalation only at escalation. */
export const CLOCK_STOPPED_BY: Readonly<Record<ServiceClockName, readonly ComplaintStatus[]>> = {
  acknowledge: ['acknowledged', 'investigating', 'resolution_proposed', 'approved', 'resolved', 'follow_up', 'closed'],
  first_response: ['investigating', 'resolution_proposed', 'approved', 'resolved', 'follow_up', 'closed'],
  investigation_report: ['resolution_proposed', 'approved', 'resolved', 'follow_up', 'closed'],
  final_resolution: ['resolved', 'follow_up', 'closed'],
  crisis_escalation: [],
};

export type DueDates = { [K in Exclude<ServiceClockName, 'crisis_escalation'>]: Date } & { crisis_escalation?: Date };

/** Due dates of a new complaint; crisis_escalation only for crisis severity. */
export function computeDueDates(
  createdAt: Date,
  severity: Severity,
  config: Partial<ServiceClockConfig> = {},
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): DueDates {
  const c = { ...DEFAULT_SERVICE_CLOCK_CONFIG, ...config };
  const due: DueDates = {
    acknowledge: addHours(createdAt, c.acknowledgeHours),
    first_response: addHours(createdAt, c.firstResponseHours),
    investigation_report: addHours(createdAt, c.investigationReportHours),
    final_resolution: addWorkingDays(createdAt, c.resolutionWorkingDays, calendar),
  };
  if (severity === 'crisis') due.crisis_escalation = addHours(createdAt, c.crisisEscalationHours);
  return due;
}

export interface ComplaintClockState {
  createdAt: Date;
  severity: Severity;
  /** Status changes in any order; the initial `received` entry may be left out. */
  history: ReadonlyArray<{ status: ComplaintStatus; at: Date }>;
  /** First message an agent sent the customer about this complaint, if any. */
  firstAgentResponseAt?: Date | null;
  /** When severity became crisis (defaults to createdAt). */
  crisisSince?: Date | null;
  /** When the crisis team was engaged. */
  escalatedAt?: Date | null;
}

export type ClockState = 'running' | 'met' | 'breached' | 'met_late';

export interface ClockEvaluation {
  clock: ServiceClockName;
  startedAt: Date;
  dueAt: Date;
  /** running: open and not yet due; breached: open and past due; met / met_late: stopped before / after due. */
  state: ClockState;
  satisfiedAt?: Date;
  /** The status entered, or `agent_response` / `escalation`, that stopped the clock. */
  satisfiedBy?: string;
}

export interface ClockReport {
  clocks: ClockEvaluation[];
  /** Clocks past due: still open (`breached`) or stopped late (`met_late`). */
  missed: ClockEvaluation[];
  satisfied: ClockEvaluation[];
  /** Earliest due date among running clocks: when a checker should look again. */
  nextDueAt: Date | null;
}

interface Stop {
  at: Date;
  by: string;
}

function firstStop(history: ReadonlyArray<{ status: ComplaintStatus; at: Date }>, statuses: readonly ComplaintStatus[], after: Date): Stop | undefined {
  const hit = history.find((h) => h.at.getTime() >= after.getTime() && statuses.includes(h.status));
  return hit ? { at: hit.at, by: hit.status } : undefined;
}

function earlier(a: Stop | undefined, b: Stop | undefined): Stop | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.at.getTime() < a.at.getTime() ? b : a;
}

function evaluate(clock: ServiceClockName, startedAt: Date, dueAt: Date, stop: Stop | undefined, now: Date): ClockEvaluation {
  const base = { clock, startedAt, dueAt };
  if (stop) {
    return { ...base, state: stop.at.getTime() <= dueAt.getTime() ? 'met' : 'met_late', satisfiedAt: stop.at, satisfiedBy: stop.by };
  }
  return { ...base, state: now.getTime() > dueAt.getTime() ? 'breached' : 'running' };
}

/** Evaluates every clock of a complaint at `now`. */
export function findMissedClocks(
  complaint: ComplaintClockState,
  now: Date,
  config: Partial<ServiceClockConfig> = {},
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): ClockReport {
  const c = { ...DEFAULT_SERVICE_CLOCK_CONFIG, ...config };
  const history = [...complaint.history].sort((a, b) => a.at.getTime() - b.at.getTime());
  const created = complaint.createdAt;
  const clocks: ClockEvaluation[] = [];

  clocks.push(evaluate('acknowledge', created, addHours(created, c.acknowledgeHours), firstStop(history, CLOCK_STOPPED_BY.acknowledge, created), now));

  const agentReply = complaint.firstAgentResponseAt ? { at: complaint.firstAgentResponseAt, by: 'agent_response' } : undefined;
  clocks.push(
    evaluate('first_response', created, addHours(created, c.firstResponseHours), earlier(firstStop(history, CLOCK_STOPPED_BY.first_response, created), agentReply), now),
  );

  clocks.push(
    evaluate('investigation_report', created, addHours(created, c.investigationReportHours), firstStop(history, CLOCK_STOPPED_BY.investigation_report, created), now),
  );

  // A reopened complaint owes a new resolution: the clock restarts at the latest reopening.
  const lastReopen = [...history].reverse().find((h) => h.status === 'reopened');
  const resolutionStart = lastReopen ? lastReopen.at : created;
  clocks.push(
    evaluate(
      'final_resolution',
      resolutionStart,
      addWorkingDays(resolutionStart, c.resolutionWorkingDays, calendar),
      firstStop(history, CLOCK_STOPPED_BY.final_resolution, resolutionStart),
      now,
    ),
  );

  if (complaint.severity === 'crisis') {
    const since = complaint.crisisSince ?? created;
    const escalated = complaint.escalatedAt && complaint.escalatedAt.getTime() >= since.getTime() ? { at: complaint.escalatedAt, by: 'escalation' } : undefined;
    clocks.push(evaluate('crisis_escalation', since, addHours(since, c.crisisEscalationHours), escalated, now));
  }

  const running = clocks.filter((k) => k.state === 'running');
  return {
    clocks,
    missed: clocks.filter((k) => k.state === 'breached' || k.state === 'met_late'),
    satisfied: clocks.filter((k) => k.state === 'met' || k.state === 'met_late'),
    nextDueAt: running.length ? new Date(Math.min(...running.map((k) => k.dueAt.getTime()))) : null,
  };
}
