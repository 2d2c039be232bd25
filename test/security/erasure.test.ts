// POST /api/admin/customers/:externalId/erase on the real app: an admin erases one customer's personal
// data (and nobody else's), the customer's transcript shows markers, complaints stay masked-only, the
// request is audited with who and when, a repeat is harmless, and only admins may do it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASURE_MARKER, eraseCustomer } from '../../src/privacy/erasure/erase-customer.js';
import { client, startTeller, type Conv, type Teller } from './harness.js';

let t: Teller;
let c: ReturnType<typeof client>;
let adminToken: string;
let agentToken: string;

beforeAll(async () => {
  t = await startTeller();
  c = client(t.app);
  adminToken = await c.login();
  await t.app.services.agentAccounts.create({ email: 'agent@bank.test', name: 'Agent', password: 'Agent-pass-2026!', role: 'agent' });
  agentToken = await c.login('agent@bank.test', 'Agent-pass-2026!');
});
afterAll(async () => t?.close());

const erase = (externalId: string, token?: string, payload?: unknown) =>
  t.app.inject({ method: 'POST', url: `/api/admin/customers/${encodeURIComponent(externalId)}/erase`, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload } : {}) });

async function chat(conv: Conv, text: string) {
  const res = await c.say(conv, text);
  expect(res.statusCode, res.body).toBe(200);
}

async function complaintFor(customerId: string, conversationId: string) {
  const at = new Date();
  return t.infra.db.complaint.create({
    data: {
      reference: `CMP-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      customerId,
      conversationId,
      channel: 'web',
      category: 'cards',
      description: '卡被盗刷 6222 **** **** 0128，联系 138****5678',
      descriptionEncrypted: t.app.services.cipher.encrypt('卡被盗刷 6222 0212 3456 7890 128，联系 13812345678'),
      contactEncrypted: t.app.services.cipher.encrypt('13812345678'),
      ackDueAt: at,
      investigationDueAt: at,
      resolutionDueAt: at,
    },
  });
}

describe('customer erasure', () => {
  it('erases one customer in full, keeps others, audits it, and is idempotent', async () => {
    const first = await c.start('zh-CN', { externalId: 'CUST-ERASE-1', name: '张三' });
    await chat(first, '我的手机号13812345678，卡号 6222 0212 3456 7890 128 被盗刷了');
    const rating = await t.app.inject({ method: 'POST', url: `/api/conversations/${first.id}/rating`, payload: { score: 2, comment: '张三很不满意' }, headers: { authorization: `Bearer ${first.token}` } });
    expect(rating.statusCode, rating.body).toBe(201);
    const second = await c.start('en', { externalId: 'CUST-ERASE-1' });
    await chat(second, 'my email is zhang.san@example.com');
    const other = await c.start('zh-CN', { externalId: 'CUST-KEEP-1', name: '李四' });
    await chat(other, '我的手机号13912345678');

    const db = t.infra.db;
    const customer = await db.customer.findUniqueOrThrow({ where: { externalId: 'CUST-ERASE-1' } });
    expect(t.app.services.cipher.decrypt(customer.nameEncrypted!)).toBe('张三');
    const complaint = await complaintFor(customer.id, first.id);
    const messagesBefore = await db.message.count({ where: { conversation: { customerId: customer.id } } });
    expect(messagesBefore).toBeGreaterThanOrEqual(4);
    expect(await db.message.count({ where: { conversation: { customerId: customer.id }, originalEncrypted: { not: null } } })).toBe(2);

    const started = Date.now();
    const res = await erase('CUST-ERASE-1', adminToken, { requestReference: 'DSR-2026-0042' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ customerId: customer.id, alreadyErased: false, erased: { customer: true, conversations: 2, messages: messagesBefore, complaints: 1, ratingComments: 1 } });
    expect(Date.parse(body.erasedAt)).toBeGreaterThanOrEqual(started - 1000);

    // The customer row stays, without personal data.
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({ nameEncrypted: null, phoneEncrypted: null, emailEncrypted: null, phoneHash: null, externalId: 'CUST-ERASE-1' });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).erasedAt?.toISOString()).toBe(body.erasedAt);
    // Every message of theirs is a marker, originals gone; the rows (and their count) stay.
    const msgs = await db.message.findMany({ where: { conversation: { customerId: customer.id } } });
    expect(msgs).toHaveLength(messagesBefore);
    for (const m of msgs) expect(m).toMatchObject({ text: ERASURE_MARKER, originalEncrypted: null });
    expect((await c.transcript(first)).every((m) => m.text === ERASURE_MARKER)).toBe(true);
    // Complaints stay in masked form only.
    expect(await db.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({
      description: '卡被盗刷 6222 **** **** 0128，联系 138****5678',
      descriptionEncrypted: null,
      contactEncrypted: null,
      status: 'received',
    });
    expect((await db.satisfactionRating.findFirstOrThrow({ where: { conversationId: first.id } })).comment).toBeNull();

    // Nobody else's data was touched.
    const kept = await db.customer.findUniqueOrThrow({ where: { externalId: 'CUST-KEEP-1' } });
    expect(t.app.services.cipher.decrypt(kept.nameEncrypted!)).toBe('李四');
    expect((await c.transcript(other)).map((m) => m.text)).toContain('我的手机号139****5678');
    expect(await db.message.count({ where: { conversationId: other.id, originalEncrypted: { not: null } } })).toBe(1);

    // Audited: who, when, from where, what; and no personal data in the audit row.
    const admin = await db.agent.findUniqueOrThrow({ where: { email: 'admin@bank.test' } });
    const audit = await db.auditLog.findMany({ where: { action: 'customer.erase' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: `agent:${admin.id}`, subjectType: 'customer', subjectId: customer.id, ip: '127.0.0.1' });
    expect(audit[0].detail).toMatchObject({ alreadyErased: false, requestReference: 'DSR-2026-0042', erased: { messages: messagesBefore } });
    expect(Math.abs(audit[0].at.getTime() - Date.parse(body.erasedAt))).toBeLessThan(5000);
    expect(JSON.stringify(audit[0].detail)).not.toMatch(/张三|138|zhang/);

    // A repeated request changes nothing more, says so, and is audited too.
    const again = await erase('CUST-ERASE-1', adminToken);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadyErased: true, erasedAt: body.erasedAt, erased: { customer: false, messages: 0, conversations: 0, complaints: 0 } });
    expect(await db.auditLog.count({ where: { action: 'customer.erase' } })).toBe(2);

    // The customer comes back and chats again: a new request erases the new conversation too.
    const back = await c.start('zh-CN', { externalId: 'CUST-ERASE-1', name: '张三' });
    await chat(back, '你好');
    const third = await erase('CUST-ERASE-1', adminToken);
    expect(third.json()).toMatchObject({ alreadyErased: false, erased: { customer: true, conversations: 1 } });
    expect((await c.transcript(back)).every((m) => m.text === ERASURE_MARKER)).toBe(true);
  });

  it('answers 404 for an unknown customer, 401 without a token, 403 for a non-admin, 400 for a bad body', async () => {
    const unknown = await erase('NO-SUCH-CUSTOMER', adminToken);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect((await erase('CUST-KEEP-1')).statusCode).toBe(401);
    const forbidden = await erase('CUST-KEEP-1', agentToken);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('forbidden');
    const bad = await erase('CUST-KEEP-1', adminToken, { requestReference: 42 });
    expect(bad.statusCode).toBe(400);
    const unknownField = await erase('CUST-KEEP-1', adminToken, { everything: true });
    expect(unknownField.statusCode).toBe(400);
    // None of these erased anything.
    const kept = await t.infra.db.customer.findUniqueOrThrow({ where: { externalId: 'CUST-KEEP-1' } });
    expect(kept.erasedAt).toBeNull();
    expect(kept.nameEncrypted).not.toBeNull();
  });

  it('changes nothing when any part fails (one transaction with its audit row)', async () => {
    const conv = await c.start('zh-CN', { externalId: 'CUST-ATOMIC-1', name: '王五' });
    await chat(conv, '我的手机号13712345678');
    const db = t.infra.db;
    const before = await db.customer.findUniqueOrThrow({ where: { externalId: 'CUST-ATOMIC-1' } });
    const messagesBefore = await db.message.findMany({ where: { conversationId: conv.id }, orderBy: { seq: 'asc' } });
    // The audit row cannot be written (actor missing): the erasure must not half-happen.
    const brokenAudit = { entry: () => ({ data: { action: 'customer.erase', subjectType: 'customer', subjectId: before.id } }) as never };
    await expect(eraseCustomer({ db, audit: brokenAudit, externalId: 'CUST-ATOMIC-1', actor: 'operator' })).rejects.toThrow();
    expect(await db.customer.findUniqueOrThrow({ where: { id: before.id } })).toMatchObject({ nameEncrypted: before.nameEncrypted, erasedAt: null });
    expect(await db.message.findMany({ where: { conversationId: conv.id }, orderBy: { seq: 'asc' } })).toEqual(messagesBefore);
    expect(await db.auditLog.count({ where: { action: 'customer.erase', subjectId: before.id } })).toBe(0);
  });

  it('lets an admin run the retention job now', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/retention/run', headers: { authorization: `Bearer ${adminToken}` } });
    expect(res.statusCode, res.body).toBe(200);
    // Nothing here is older than RETENTION_DAYS (five years by default).
    expect(res.json()).toMatchObject({ conversations: 0, customers: 0, retentionDays: t.config.RETENTION_DAYS });
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/retention/run', headers: { authorization: `Bearer ${agentToken}` } })).statusCode).toBe(403);
  });
});
