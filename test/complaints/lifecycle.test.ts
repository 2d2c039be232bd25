// A complaint's whole life on the real services: filed from the chat intake, triaged by the worker,
// then moved through every state over the agent API, with the customer notified in the transcript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintsHarness, type Harness } from './harness.js';

let h: Harness;
let agent: { token: string; id: string };
let supervisor: { token: string; id: string };

beforeAll(async () => {
  h = await complaintsHarness();
  agent = await h.login('agent', { languages: ['zh-CN', 'en'] });
  supervisor = await h.login('supervisor');
  await h.module.startWorkers();
});
afterAll(async () => {
  await h?.close();
});

async function api(method: 'GET' | 'POST', url: string, token: string, payload?: unknown) {
  const app = await h.http();
  const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.json() };
}

describe('complaint lifecycle through the API', () => {
  let reference: string;
  let conversationId: string;

  it('files the contract-check intake in Chinese and triages it (received → acknowledged by system)', async () => {
    const conv = await h.conversation('zh-CN', { externalId: 'check-cust-1' });
    conversationId = conv.id;
    const { steps, filed } = await h.chat(conv, '你们上个月莫名其妙扣了我300元年费，打客服也没人管，我要投诉', ['信用卡年费', '上个月10号', '300元', '退还年费', '电话联系我', '确认', '确认提交', '是的', '确认'], /确认|提交|是/);
    expect(filed?.reference).toMatch(/^CMP-\d{4}-\d{6}$/);
    expect(steps.length).toBeLessThanOrEqual(10);
    expect(filed!.confirmation.text).toContain(filed!.reference);
    expect(filed!.confirmation.text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    reference = filed!.reference;

    const triaged = await h.waitFor(() => h.db.complaint.findFirst({ where: { reference, triagedAt: { not: null } } }));
    expect(triaged.status).toBe('acknowledged');
    expect(triaged.category).toBe('fees_charges');
    expect(Number(triaged.amount)).toBe(300);
    expect(triaged.assignedAgentId).toBe(agent.id);
    const notice = await h.waitFor(() => h.db.notification.findFirst({ where: { recipient: `agent:${agent.id}`, kind: 'staff.assigned' } }));
    expect(notice.text).toContain(reference);
  });

  it('lists and reads the complaint (contract fields, audited read)', async () => {
    const list = await api('GET', '/api/complaints?status=acknowledged&severity=low', agent.token);
    expect(list.status).toBe(200);
    expect(list.body.complaints.map((c: { reference: string }) => c.reference)).toContain(reference);

    const unfiltered = await api('GET', '/api/complaints?status=&severity=', agent.token);
    expect(unfiltered.status).toBe(200);
    expect(unfiltered.body.complaints.length).toBeGreaterThanOrEqual(1);

    const got = await api('GET', `/api/complaints/${reference}`, agent.token);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ reference, status: 'acknowledged', severity: 'low', category: 'fees_charges' });
    expect(Date.parse(got.body.dueAt)).toBeGreaterThan(Date.parse(got.body.createdAt) + 14 * 86_400_000);
    expect(got.body.history.map((e: { status: string }) => e.status)).toEqual(['received', 'acknowledged']);
    expect(got.body.history[1]).toMatchObject({ by: 'system', role: 'system' });
    const reads = await h.db.auditLog.count({ where: { action: 'complaint.read', subjectId: reference, actor: `agent:${agent.id}` } });
    expect(reads).toBe(1);
  });

  it('refuses a skipped step with 409 and a supervisor-only approval by an agent with 403', async () => {
    expect((await api('POST', `/api/complaints/${reference}/transitions`, agent.token, { to: 'closed' })).status).toBe(409);
    expect((await api('POST', `/api/complaints/${reference}/transitions`, agent.token, { to: 'nonsense' })).status).toBe(409);
    expect((await api('POST', `/api/complaints/${reference}/transitions`, agent.token, { to: 'investigating', note: '开始调查' })).status).toBe(200);
    const proposed = await api('POST', `/api/complaints/${reference}/transitions`, agent.token, { to: 'resolution_proposed', resolution: '退还年费300元', note: '年费系系统误收' });
    expect(proposed.status).toBe(200);
    const denied = await api('POST', `/api/complaints/${reference}/transitions`, agent.token, { to: 'approved' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    const approval = await h.waitFor(() => h.db.notification.findFirst({ where: { recipient: `agent:${supervisor.id}`, kind: 'staff.approval_needed' } }));
    expect(approval.text).toContain(reference);
  });

  it('runs rejection back to investigating, then approval, resolution, follow-up and closing', async () => {
    const post = (token: string, body: object) => api('POST', `/api/complaints/${reference}/transitions`, token, body);
    expect((await post(supervisor.token, { to: 'rejected', note: '请补充核实记录' })).body.status).toBe('investigating');
    expect((await post(agent.token, { to: 'resolution_proposed', note: '已补充记录' })).status).toBe(200);
    expect((await post(supervisor.token, { to: 'approved', note: '同意' })).status).toBe(200);
    const resolved = await post(agent.token, { to: 'resolved', cause: 'system_error', note: '已退款' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.cause).toBe('system_error');

    // The customer hears it in their conversation, once.
    const told = await h.waitFor(() => h.db.message.findFirst({ where: { conversationId, intent: 'complaint.notice.resolved' } }));
    expect(told.text).toContain(reference);
    expect(told.text).toContain('退还年费300元');

    expect((await post(agent.token, { to: 'follow_up' })).status).toBe(200);
    const asked = await h.waitFor(() => h.db.message.findFirst({ where: { conversationId, intent: 'complaint.notice.follow_up' } }));
    expect((asked.metadata as { suggestedActions?: string[] }).suggestedActions).toContain('5 非常满意');
    // The follow-up asks for satisfaction; the customer's answer is stored against the complaint.
    const conv = await h.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect((conv.dialog as { survey?: { trigger: string } }).survey?.trigger).toBe('complaint_closed');
    const closed = await post(agent.token, { to: 'closed', note: '客户满意' });
    expect(closed.status).toBe(200);

    const full = await api('GET', `/api/complaints/${reference}`, agent.token);
    expect(full.body.history.map((e: { status: string }) => e.status)).toEqual([
      'received', 'acknowledged', 'investigating', 'resolution_proposed', 'investigating', 'resolution_proposed', 'approved', 'resolved', 'follow_up', 'closed',
    ]);
    const rejection = full.body.history[4];
    expect(rejection).toMatchObject({ transition: 'reject_resolution', by: `agent:${supervisor.id}`, role: 'supervisor', note: '请补充核实记录' });
    expect(full.body.history.every((e: { at: string; by: string }) => e.at && e.by)).toBe(true);
    expect(await h.db.message.count({ where: { conversationId, intent: { startsWith: 'complaint.notice.' } } })).toBe(2);
    const audited = await h.db.auditLog.findMany({ where: { subjectId: reference, action: { in: ['complaint.close', 'complaint.approve_resolution'] } } });
    expect(audited.map((a) => a.action).sort()).toEqual(['complaint.approve_resolution', 'complaint.close']);
  });

  it('reopens at the customer’s request, restarting the resolution clock', async () => {
    const before = await h.db.complaint.findUniqueOrThrow({ where: { reference } });
    const reopened = await api('POST', `/api/complaints/${reference}/transitions`, agent.token, { to: 'reopened', note: '客户不满意' });
    expect(reopened.status).toBe(200);
    const after = await h.db.complaint.findUniqueOrThrow({ where: { reference } });
    expect(after.resolutionDueAt.getTime()).toBeGreaterThan(before.resolutionDueAt.getTime());
    expect(await h.db.outboxJob.count({ where: { jobId: `sla-${reference}-final_resolution-r1` } })).toBe(1);
    expect((await api('POST', `/api/complaints/${reference}/transitions`, agent.token, { to: 'investigating' })).status).toBe(200);
  });

  it('answers the customer’s status question in their language, only for their own complaint', async () => {
    const own = await h.conversations.find(conversationId);
    const zh = await h.module.intake.statusReply(reference, 'zh-CN', own!);
    expect(zh.text).toContain(reference);
    expect(zh.text).toContain('调查处理中');
    const en = await h.module.intake.statusReply(reference.toLowerCase(), 'en');
    expect(en.text).toMatch(/under investigation/);
    const stranger = await h.conversation('en');
    expect((await h.module.intake.statusReply(reference, 'en', stranger)).text).toMatch(/couldn't find/);
  });

  it('keeps the dead-letter list for supervisors only', async () => {
    expect((await api('GET', '/api/complaints/dead-letter', agent.token)).status).toBe(403);
    const dl = await api('GET', '/api/complaints/dead-letter', supervisor.token);
    expect(dl.status).toBe(200);
    expect(dl.body.jobs).toEqual([]);
    expect((await api('GET', '/api/complaints', '')).status).toBe(401);
  });

  it('allocates unique consecutive references under concurrent filing', async () => {
    const conv = await h.conversation('en');
    const filed = await Promise.all(Array.from({ length: 20 }, () => h.file(conv, { description: 'The app keeps crashing when I log in', category: 'digital_banking' })));
    const seqs = filed.map((f) => Number(f.reference.slice(-6))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(20);
    expect(seqs[19] - seqs[0]).toBe(19);
  });
});
