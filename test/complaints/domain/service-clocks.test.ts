import { describe, expect, it } from 'vitest';
import { computeDueDates, findMissedClocks, type ComplaintClockState, type ServiceClockName } from '../../../src/complaints/domain/service-clocks.js';
import { createWorkingCalendar } from '../../../src/complaints/domain/working-calendar.js';
import type { ComplaintStatus } from '../../../src/complaints/domain/workflow.js';

const created = new Date('2026-10-12T10:00:00+08:00'); // Monday
const h = (hours: number) => new Date(created.getTime() + hours * 3_600_000);
const at = (iso: string) => new Date(iso);

function complaint(history: Array<[ComplaintStatus, Date]>, extra: Partial<ComplaintClockState> = {}): ComplaintClockState {
  return { createdAt: created, severity: 'medium', history: history.map(([status, when]) => ({ status, at: when })), ...extra };
}

function states(c: ComplaintClockState, now: Date) {
  const report = findMissedClocks(c, now);
  return Object.fromEntries(report.clocks.map((k) => [k.clock, k.state])) as Partial<Record<ServiceClockName, string>>;
}

describe('computeDueDates', () => {
  it('uses the manual defaults', () => {
    const due = computeDueDates(created, 'high');
    expect(due.acknowledge.toISOString()).toBe(h(24).toISOString());
    expect(due.first_response.toISOString()).toBe(h(48).toISOString());
    expect(due.investigation_report.toISOString()).toBe(h(48).toISOString());
    expect(due.final_resolution.toISOString()).toBe(at('2026-11-02T10:00:00+08:00').toISOString());
    expect(due.crisis_escalation).toBeUndefined();
  });

  it('adds the crisis clock for crises and honours configuration and holidays', () => {
    const cal = createWorkingCalendar({ holidays: ['2026-10-13', '2026-10-14'] });
    const due = computeDueDates(created, 'crisis', { acknowledgeHours: 2, crisisEscalationHours: 4, resolutionWorkingDays: 3 }, cal);
    expect(due.acknowledge.toISOString()).toBe(h(2).toISOString());
    expect(due.crisis_escalation?.toISOString()).toBe(h(4).toISOString());
    expect(due.final_resolution.toISOString()).toBe(at('2026-10-19T10:00:00+08:00').toISOString()); // 15, 16, 19 Oct
  });
});

describe('findMissedClocks', () => {
  it.each<[string, Array<[ComplaintStatus, Date]>, Date, Partial<Record<ServiceClockName, string>>]>([
    ['fresh complaint', [['received', created]], h(1), { acknowledge: 'running', first_response: 'running', investigation_report: 'running', final_resolution: 'running' }],
    ['not acknowledged after a day', [['received', created]], h(25), { acknowledge: 'breached', first_response: 'running' }],
    ['acknowledged in time', [['acknowledged', h(0.01)]], h(25), { acknowledge: 'met', first_response: 'running' }],
    ['acknowledged late', [['acknowledged', h(30)]], h(31), { acknowledge: 'met_late', first_response: 'running' }],
    ['acknowledge is stopped by any later status', [['investigating', h(2)]], h(30), { acknowledge: 'met', first_response: 'met' }],
    [
      'investigation started but no report in 48 h',
      [['acknowledged', h(1)], ['investigating', h(47)]],
      h(50),
      { acknowledge: 'met', first_response: 'met', investigation_report: 'breached', final_resolution: 'running' },
    ],
    [
      'resolved within 15 working days',
      [['acknowledged', h(1)], ['investigating', h(2)], ['resolution_proposed', h(40)], ['approved', h(60)], ['resolved', at('2026-10-30T10:00:00+08:00')]],
      at('2026-12-01T00:00:00+08:00'),
      { acknowledge: 'met', first_response: 'met', investigation_report: 'met', final_resolution: 'met' },
    ],
    [
      'resolved a day late',
      [['acknowledged', h(1)], ['investigating', h(2)], ['resolution_proposed', h(40)], ['approved', h(60)], ['resolved', at('2026-11-03T10:00:00+08:00')]],
      at('2026-12-01T00:00:00+08:00'),
      { final_resolution: 'met_late' },
    ],
    ['still open after 15 working days', [['acknowledged', h(1)], ['investigating', h(2)]], at('2026-11-02T10:00:01+08:00'), { final_resolution: 'breached' }],
    ['still open just before the deadline', [['acknowledged', h(1)], ['investigating', h(2)]], at('2026-11-02T10:00:00+08:00'), { final_resolution: 'running' }],
  ])('%s', (_name, history, now, expected) => {
    expect(states(complaint(history), now)).toMatchObject(expected);
  });

  it('says which transition satisfied each clock', () => {
    const report = findMissedClocks(
      complaint([['acknowledged', h(1)], ['investigating', h(3)], ['resolution_proposed', h(20)]]),
      h(21),
    );
    const by = Object.fromEntries(report.satisfied.map((k) => [k.clock, [k.satisfiedBy, k.satisfiedAt?.toISOString()]]));
    expect(by).toEqual({
      acknowledge: ['acknowledged', h(1).toISOString()],
      first_response: ['investigating', h(3).toISOString()],
      investigation_report: ['resolution_proposed', h(20).toISOString()],
    });
    expect(report.missed).toEqual([]);
    expect(report.nextDueAt?.toISOString()).toBe(at('2026-11-02T10:00:00+08:00').toISOString());
  });

  it('stops the first-response clock at the first agent reply', () => {
    const report = findMissedClocks(complaint([['acknowledged', h(1)]], { firstAgentResponseAt: h(5) }), h(60));
    const first = report.clocks.find((k) => k.clock === 'first_response');
    expect(first).toMatchObject({ state: 'met', satisfiedBy: 'agent_response' });
    expect(report.missed.map((k) => k.clock)).toEqual(['investigation_report']);
  });

  it('restarts the resolution clock when a complaint is reopened', () => {
    const history: Array<[ComplaintStatus, Date]> = [
      ['acknowledged', h(1)],
      ['investigating', h(2)],
      ['resolution_proposed', h(20)],
      ['approved', h(22)],
      ['resolved', at('2026-10-20T10:00:00+08:00')],
      ['follow_up', at('2026-10-21T10:00:00+08:00')],
      ['reopened', at('2026-10-26T10:00:00+08:00')],
      ['investigating', at('2026-10-26T11:00:00+08:00')],
    ];
    const running = findMissedClocks(complaint(history), at('2026-11-10T10:00:00+08:00'));
    const clock = running.clocks.find((k) => k.clock === 'final_resolution');
    expect(clock).toMatchObject({ state: 'running', startedAt: at('2026-10-26T10:00:00+08:00') });
    expect(clock?.dueAt.toISOString()).toBe(at('2026-11-16T10:00:00+08:00').toISOString());
    expect(states(complaint(history), at('2026-11-17T10:00:00+08:00')).final_resolution).toBe('breached');
    const again: Array<[ComplaintStatus, Date]> = [...history, ['resolution_proposed', at('2026-11-02T10:00:00+08:00')], ['approved', at('2026-11-03T10:00:00+08:00')], ['resolved', at('2026-11-05T10:00:00+08:00')]];
    expect(states(complaint(again), at('2026-11-20T10:00:00+08:00')).final_resolution).toBe('met');
  });

  it('runs the crisis clock only for crises', () => {
    expect(states(complaint([['acknowledged', h(1)]]), h(30)).crisis_escalation).toBeUndefined();
    expect(states(complaint([['acknowledged', h(1)]], { severity: 'crisis' }), h(25)).crisis_escalation).toBe('breached');
    expect(states(complaint([['acknowledged', h(1)]], { severity: 'crisis', escalatedAt: h(2) }), h(25)).crisis_escalation).toBe('met');
    // graded crisis later: the clock starts then
    expect(states(complaint([['acknowledged', h(1)]], { severity: 'crisis', crisisSince: h(20) }), h(30)).crisis_escalation).toBe('running');
    expect(states(complaint([['acknowledged', h(1)]], { severity: 'crisis', crisisSince: h(20) }), h(45)).crisis_escalation).toBe('breached');
  });

  it('accepts history in any order and uses configured durations', () => {
    const c = complaint([['investigating', h(5)], ['acknowledged', h(3)]]);
    const report = findMissedClocks(c, h(6), { acknowledgeHours: 2, firstResponseHours: 4 });
    expect(report.clocks.find((k) => k.clock === 'acknowledge')).toMatchObject({ state: 'met_late', satisfiedBy: 'acknowledged' });
    expect(report.clocks.find((k) => k.clock === 'first_response')).toMatchObject({ state: 'met_late', satisfiedBy: 'investigating' });
  });

  it('has no next due date once every clock has stopped', () => {
    const done = complaint([['acknowledged', h(1)], ['investigating', h(2)], ['resolution_proposed', h(3)], ['approved', h(4)], ['resolved', h(5)], ['follow_up', h(6)], ['closed', h(7)]]);
    expect(findMissedClocks(done, h(1000)).nextDueAt).toBeNull();
  });
});
