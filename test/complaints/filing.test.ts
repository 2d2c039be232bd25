// Filing on the real services: one transaction writes the complaint, its first event, the audit row
// and the outbox; severity follows the explicit rules and the customer; triage assigns and escalates;
// a burst of complaints in one category raises one crisis alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintsHarness, type Harness } from './harness.js';

let h: Harness;
let supervisor: { id: string };
let agent: { id: string };

beforeAll(async () => {
  h = await complaintsHarness({ env: { CRISIS_THRESHOLD: '3', CRISIS_WINDOW_MINUTES: '60' } });
  supervisor = await h.agents.create({ email: 'sup@bank.test', name: 'Supervisor Wang', password: 'Super-pass-2026!', role: 'supervisor', languages: ['zh-CN', 'en'] });
  agent = await h.agents.create({ email: 'agent@bank.test', name: 'Agent Li', password: 'Agent-pass-2026!', role: 'agent', languages: ['zh-CN'] });
  await h.module.startWorkers();
});
afterAll(async () => {
  await h?.close();
});

describe('filing a complaint', () => {
  it('commits the complaint, its event, its audit row and its jobs together', async () => {
    const conv = await h.conversation('en');
    const filed = await h.file(conv, { description: 'The app charged me twice for one bill payment', category: 'digital_banking', amount: 80, currency: 'USD', desiredOutcome: 'A refund' });
    expect(filed.severity).toBe('low');
    expect(filed.requiresHandoff).toBe(false);
    expect(filed.confirmation.text).toContain(filed.reference);
    expect(filed.confirmation.text).toMatch(/by \d{1,2} \w+ \d{4}/);
    const row = await h.db.complaint.findUniqueOrThrow({ where: { reference: filed.reference }, include: { events: true } });
    expect(row).toMatchObject({ status: 'received', channel: 'web', locale: 'en', currency: 'USD', conversationId: conv.id, customerId: conv.customer!.id });
    expect(row.events).toHaveLength(1);
    expect(row.events[0]).toMatchObject({ fromStatus: null, toStatus: 'received', actor: `customer:${conv.id}` });
    expect(await h.db.auditLog.count({ where: { action: 'complaint.filed', subjectId: filed.reference } })).toBe(1);
    const jobs = await h.db.outboxJob.findMany({ where: { jobId: { contains: filed.reference } } });
    expect(jobs.map((j) => j.queue).sort()).toEqual(['complaint-crisis', 'complaint-sla', 'complaint-sla', 'complaint-sla', 'complaint-sla', 'complaint-triage']);
  });

  it('stores free text masked even when it did not come through the pipeline’s masking (an LLM-filled slot)', async () => {
    const conv = await h.conversation('en');
    const filed = await h.file(conv, { description: 'Customer says card 4111111111111111 was Charged Twice', category: 'accounts', desiredOutcome: 'Call Me on 13812345678', contactPreference: 'email: Jane.Doe@example.com' });
    const row = await h.db.complaint.findUniqueOrThrow({ where: { reference: filed.reference } });
    expect(row.description).toBe('Customer says card ************1111 was Charged Twice');
    expect(row.desiredOutcome).toBe('Call Me on 138****5678');
    expect(row.contactPreference).not.toContain('Jane.Doe@example.com');
  });

  it('grades a VIP customer’s complaint mentioning the regulator as high, asks for a person, and escalates to supervisors', async () => {
    const conv = await h.conversation('zh-CN', { externalId: 'vip-1', segment: 'vip' });
    const filed = await h.file(conv, { description: '贷款利率被私自上调', category: 'loans', severityHints: ['再不处理我就向银保监会投诉'] });
    expect(filed.severity).toBe('high');
    expect(filed.requiresHandoff).toBe(true);
    expect(filed.confirmation.text).toMatch(/人工/);
    const triaged = await h.waitFor(() => h.db.complaint.findFirst({ where: { id: filed.id, triagedAt: { not: null } } }));
    expect(triaged.severityReasons).toEqual(expect.arrayContaining(['regulator_mention', 'vip_customer']));
    expect(triaged.assignedAgentId).toBe(supervisor.id);
    const escalated = await h.waitFor(() => h.db.notification.findFirst({ where: { complaintId: filed.id, kind: 'staff.escalated', recipient: `agent:${supervisor.id}` } }));
    expect(escalated.text).toContain(filed.reference);
  });

  it('counts earlier complaints of the same customer (repeat complaint → medium) and assigns ordinary ones to an agent', async () => {
    const conv = await h.conversation('zh-CN', { externalId: 'repeat-1' });
    await h.file(conv, { description: '取款机吞卡', category: 'cards' });
    const second = await h.file(conv, { description: '取款机又吞卡了', category: 'cards' });
    expect(second.severity).toBe('medium');
    const triaged = await h.waitFor(() => h.db.complaint.findFirst({ where: { id: second.id, triagedAt: { not: null } } }));
    expect(triaged.severityReasons).toContain('repeat_complaint');
    expect(triaged.assignedAgentId).toBe(agent.id);
  });
});

describe('crisis detection', () => {
  it('raises one alert when the threshold is reached within the window, and tells supervisors once', async () => {
    const refs: string[] = [];
    for (let i = 0; i < 4; i++) {
      const conv = await h.conversation('zh-CN');
      refs.push((await h.file(conv, { description: `理财产品净值暴跌${i}`, category: 'wealth_investment' })).reference);
    }
    const alert = await h.waitFor(() => h.db.crisisAlert.findFirst({ where: { category: 'wealth_investment' } }));
    await h.waitFor(async () => (await h.db.complaint.count({ where: { reference: { in: refs }, triagedAt: { not: null } } })) === 4);
    await new Promise((r) => setTimeout(r, 300));
    expect(await h.db.crisisAlert.count({ where: { category: 'wealth_investment' } })).toBe(1);
    expect(alert.complaintCount).toBeGreaterThanOrEqual(3);
    expect(alert.complaintRefs.every((r) => refs.includes(r))).toBe(true);
    const notices = await h.waitFor(async () => {
      const n = await h.db.notification.findMany({ where: { kind: 'staff.crisis_alert' } });
      return n.length ? n : null;
    });
    expect(notices.map((n) => n.recipient)).toEqual([`agent:${supervisor.id}`]);
    expect(await h.db.auditLog.count({ where: { action: 'complaint.crisis_alert' } })).toBe(1);
  });
});
