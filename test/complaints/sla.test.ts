// Service clocks with controlled time: the module's clock is injected, and the delayed clock jobs are
// promoted instead of waited for. A missed clock is recorded once and escalated to supervisors; a
// clock met in time is not; a job that wakes before its clock is due goes back to sleep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintsHarness, type Harness } from './harness.js';

const HOUR = 3_600_000;
// Monday 23 Nov 2026, 10:00 in Shanghai.
const T0 = new Date('2026-11-23T02:00:00Z');
let now = T0;
let h: Harness;
let supervisor: { id: string };

beforeAll(async () => {
  // 26 and 27 Nov are declared holidays; Saturday 5 Dec is a make-up working day.
  h = await complaintsHarness({ clock: () => now, env: { PUBLIC_HOLIDAYS: '2026-11-26,2026-11-27', MAKEUP_WORKDAYS: '2026-12-05' } });
  supervisor = await h.agents.create({ email: 'sup@bank.test', name: 'Supervisor', password: 'Super-pass-2026!', role: 'supervisor' });
  await h.module.startWorkers();
});
afterAll(async () => {
  await h?.close();
});

const slaQueue = () => h.module.queues().find((q) => q.name === 'complaint-sla')!;

describe('service clocks', () => {
  let reference: string;
  let complaintId: string;

  it('schedules one delayed job per clock, with the resolution due after 15 working days on the bank calendar', async () => {
    const conv = await h.conversation('en');
    const filed = await h.file(conv, { description: 'My transfer has not arrived', category: 'accounts' }, T0);
    reference = filed.reference;
    complaintId = filed.id;
    // 15 working days after Mon 23 Nov, skipping weekends and 26–27 Nov but counting Sat 5 Dec: Tue 15 Dec 10:00
    // (without the calendar it would be Mon 14 Dec).
    expect(filed.dueAt.toISOString()).toBe('2026-12-15T02:00:00.000Z');
    await h.waitFor(() => h.db.complaint.findFirst({ where: { id: complaintId, triagedAt: { not: null } } }));
    const jobs = await slaQueue().getDelayed();
    const mine = jobs.filter((j) => j.data.reference === reference).map((j) => j.id).sort();
    expect(mine).toEqual([`sla-${reference}-acknowledge`, `sla-${reference}-final_resolution`, `sla-${reference}-first_response`, `sla-${reference}-investigation_report`]);
  });

  it('records a missed investigation clock once and escalates it to supervisors; the met acknowledge clock stays clean', async () => {
    now = new Date(T0.getTime() + 49 * HOUR);
    for (const clock of ['acknowledge', 'investigation_report']) await (await slaQueue().getJob(`sla-${reference}-${clock}`))!.promote();

    const breach = await h.waitFor(() => h.db.serviceClockBreach.findFirst({ where: { complaintId, clock: 'investigation_report' } }));
    expect(breach.dueAt.toISOString()).toBe(new Date(T0.getTime() + 48 * HOUR).toISOString());
    expect(breach.detectedAt.toISOString()).toBe(now.toISOString());
    const notice = await h.waitFor(() => h.db.notification.findFirst({ where: { recipient: `agent:${supervisor.id}`, kind: 'staff.clock_breached' } }));
    expect(notice.text).toContain(reference);
    await h.waitFor(async () => (await (await slaQueue().getJob(`sla-${reference}-acknowledge`))!.getState()) === 'completed');
    expect(await h.db.serviceClockBreach.count({ where: { complaintId, clock: 'acknowledge' } })).toBe(0);

    // Checking again (a retried or duplicated job) neither records nor escalates twice.
    const again = await h.module.checkServiceClock(complaintId, 'investigation_report');
    expect(again).toMatchObject({ state: 'breached', breachRecorded: false });
    await new Promise((r) => setTimeout(r, 300));
    expect(await h.db.serviceClockBreach.count({ where: { complaintId } })).toBe(1);
    expect(await h.db.notification.count({ where: { kind: 'staff.clock_breached', recipient: `agent:${supervisor.id}` } })).toBe(1);
    expect(await h.db.auditLog.count({ where: { action: 'complaint.clock_breached', subjectId: reference } })).toBe(1);
  });

  it('puts a clock job that woke early back to sleep without a breach', async () => {
    const job = (await slaQueue().getJob(`sla-${reference}-final_resolution`))!;
    await job.promote();
    await h.waitFor(async () => (await job.getState()) === 'delayed' && (await slaQueue().getJob(job.id!))!.attemptsStarted > 0);
    expect(await h.db.serviceClockBreach.count({ where: { complaintId, clock: 'final_resolution' } })).toBe(0);
  });

  it('does not breach a clock stopped in time, and records one stopped late', async () => {
    const conv = await h.conversation('zh-CN');
    now = T0;
    const filed = await h.file(conv, { description: '理财产品收益与宣传不符', category: 'wealth_investment' }, T0);
    await h.waitFor(() => h.db.complaint.findFirst({ where: { id: filed.id, triagedAt: { not: null } } }));
    const agent = await h.agents.create({ email: 'inv@bank.test', name: 'Investigator', password: 'Agent-pass-2026!', role: 'agent' });
    now = new Date(T0.getTime() + 10 * HOUR);
    await h.module.workflow.transition({ reference: filed.reference, to: 'investigating', actor: { id: agent.id, role: 'agent' } });
    now = new Date(T0.getTime() + 60 * HOUR);
    await h.module.workflow.transition({ reference: filed.reference, to: 'resolution_proposed', resolution: '补偿差额', actor: { id: agent.id, role: 'agent' } });
    expect(await h.module.checkServiceClock(filed.id, 'first_response')).toMatchObject({ state: 'met', breachRecorded: false });
    expect(await h.module.checkServiceClock(filed.id, 'investigation_report')).toMatchObject({ state: 'met_late', breachRecorded: true });
  });
});
