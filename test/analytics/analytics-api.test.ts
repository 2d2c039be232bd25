// The analytics API end to end on the real app and database: fixture rows whose KPIs are known,
// a narrower range giving the smaller numbers, filters, roles, CSV exports, drill-down, audit, and
// the operations endpoints (/metrics, /docs).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../../src/generated/prisma/client.js';
import { startTeller, type TellerUnderTest } from '../helpers/context.js';
import { parseCsv } from './csv-parse.js';

let t: TellerUnderTest;
let supervisorToken: string;
let agentToken: string;
let supervisorId: string;
let agentX: string;
const ids: Record<string, string> = {};

const day = (d: number, seconds = 0) => new Date(Date.UTC(2026, 0, d, 12, 0, seconds)); // 20:00 in Shanghai, same day

interface Msg {
  author: 'customer' | 'bot' | 'agent';
  text: string;
  after: number;
  route?: string;
  intent?: string;
  metadata?: Record<string, unknown>;
  agentId?: string;
}

async function conversation(key: string, o: { d: number; channel?: string; locale?: 'zh_CN' | 'en'; customerId?: string; resolvedBy?: string; messages: Msg[] }) {
  const db = t.infra.db;
  const createdAt = day(o.d);
  const c = await db.conversation.create({
    data: { channel: o.channel ?? 'web', locale: o.locale ?? 'en', tokenHash: randomUUID(), customerId: o.customerId ?? null, resolvedBy: o.resolvedBy ?? null, state: o.resolvedBy ? 'closed' : 'bot', createdAt, messageCount: o.messages.length },
  });
  for (const m of o.messages) {
    // one by one so seq follows the order written here
    await db.message.create({
      data: { conversationId: c.id, author: m.author, text: m.text, route: m.route ?? null, intent: m.intent ?? null, agentId: m.agentId ?? null, metadata: (m.metadata ?? {}) as Prisma.InputJsonValue, createdAt: day(o.d, m.after) },
    });
  }
  ids[key] = c.id;
  return c.id;
}

const customerTurn = (text: string, route: string, intent: string, latencyMs: number, after: number, extra: Record<string, unknown> = {}): Msg[] => [
  { author: 'customer', text, route, intent, after, metadata: { latencyMs, ...extra } },
  { author: 'bot', text: `reply to ${text}`, route, intent, after },
];

async function seedFixture() {
  const db = t.infra.db;
  const vip = await db.customer.create({ data: { externalId: 'fx-vip', segment: 'vip' } });

  // Week A: 5–11 January. First responses 1, 2, 3, 4 s (pipeline latency; same-transaction timestamps).
  await conversation('a1', { d: 5, resolvedBy: 'bot', messages: customerTurn('My card 6222********1234 — how do I activate it?', 'faq', 'faq.question', 1000, 10, { entry: 'en-card-activate' }) });
  await conversation('a2', {
    d: 6,
    locale: 'zh_CN',
    customerId: vip.id,
    resolvedBy: 'agent',
    messages: [
      ...customerTurn('我要转人工', 'handoff', 'handoff.request', 2000, 5),
      { author: 'customer', text: '还在吗', route: 'handoff', intent: 'handoff.relay', after: 80 }, // relayed to the agent: not a bot turn
      { author: 'agent', text: '您好，我是客服小王', after: 96, agentId: agentX },
    ],
  });
  await db.handoff.create({
    data: { conversationId: ids.a2, reason: 'customer_request', priority: 10, locale: 'zh_CN', status: 'closed', agentId: agentX, requestedAt: day(6, 6), claimedAt: day(6, 66), closedAt: day(6, 666), disposition: 'resolved' },
  });
  await conversation('a3', { d: 7, messages: customerTurn('Can I buy gold here?', 'fallback', 'fallback', 3000, 5) });
  await conversation('a4', { d: 8, messages: customerTurn('can I buy gold here', 'fallback', 'fallback', 4000, 5) });

  // Week B: 12–18 January.
  await conversation('b1', { d: 13, channel: 'msteams', resolvedBy: 'bot', messages: customerTurn('How do I change my PIN?', 'faq', 'faq.question', 5000, 5, { entry: 'en-card-pin-change' }) });
  await conversation('b2', { d: 14, locale: 'zh_CN', messages: customerTurn('我要投诉，年费乱收', 'complaint', 'complaint.file', 9000, 5) });
  const H = 3600_000;
  const filed = day(14, 5).getTime();
  await db.complaint.create({
    data: {
      reference: 'CMP-2026-000001',
      conversationId: ids.b2,
      channel: 'web',
      locale: 'zh_CN',
      status: 'resolved',
      category: 'fees_charges',
      cause: 'system_error',
      description: '年费乱收',
      assignedAgentId: agentX,
      createdAt: new Date(filed),
      ackDueAt: new Date(filed + 24 * H),
      acknowledgedAt: new Date(filed + 1 * H),
      investigationDueAt: new Date(filed + 48 * H),
      investigationReportedAt: new Date(filed + 20 * H),
      resolutionDueAt: new Date(filed + 21 * 24 * H),
      resolvedAt: new Date(filed + 72 * H),
    },
  });

  const rating = (key: string, kind: 'csat' | 'nps', score: number, d: number, agentId?: string) =>
    db.satisfactionRating.create({ data: { kind, score, conversationId: ids[key], agentId: agentId ?? null, channel: key === 'b1' ? 'msteams' : 'web', locale: key === 'a2' ? 'zh_CN' : 'en', createdAt: day(d, 900) } });
  await rating('a1', 'csat', 5, 5);
  await rating('a2', 'csat', 3, 6, agentX);
  await rating('a2', 'nps', 9, 6, agentX);
  await rating('b1', 'csat', 4, 13);
  await rating('b1', 'nps', 2, 13);
}

async function login(email: string, password: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/agent/login', payload: { email, password } });
  expect(res.statusCode).toBe(200);
  return res.json().token as string;
}

const get = (url: string, token = supervisorToken) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
const kpis = async (query: string) => {
  const res = await get(`/api/analytics/kpis?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await startTeller({ env: { TIMEZONE: 'Asia/Shanghai' } });
  const accounts = t.app.services.agentAccounts;
  supervisorId = (await accounts.create({ email: 'sup@bank.test', name: 'Sue', password: 'Sup-pass-2026!', role: 'supervisor' })).id;
  agentX = (await accounts.create({ email: 'agent@bank.test', name: 'Wang', password: 'Agent-pass-2026!', role: 'agent' })).id;
  supervisorToken = await login('sup@bank.test', 'Sup-pass-2026!');
  agentToken = await login('agent@bank.test', 'Agent-pass-2026!');
  await seedFixture();
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/analytics/kpis', () => {
  it('gives the hand-checked numbers for 5–18 January', async () => {
    const k = await kpis('from=2026-01-05&to=2026-01-18');
    expect(k.range).toMatchObject({ from: '2026-01-05', to: '2026-01-18', timeZone: 'Asia/Shanghai', start: '2026-01-04T16:00:00.000Z', end: '2026-01-18T16:00:00.000Z' });
    expect(k.conversations).toBe(6);
    expect(k.contained).toBe(2); // a1, b1
    expect(k.containmentRate).toBe(0.3333);
    expect(k.handoffRate).toBe(0.1667); // a2
    // 1, 2, 3, 4, 5, 9 s → avg 4, p50 3.5, p90 5 + 0.5·4 = 7
    expect(k.firstResponseSeconds).toEqual({ avg: 4, p50: 3.5, p90: 7, count: 6 });
    expect(k.handoffs).toBe(1);
    expect([k.abandonedHandoffs, k.abandonmentRate]).toEqual([0, 0]); // the one queued handoff was served
    expect(k.handlingSeconds).toMatchObject({ avg: 600, count: 1 });
    expect(k.agentFirstResponseSeconds).toMatchObject({ avg: 30, count: 1 }); // claimed +66 s, wrote +96 s
    expect(k.complaints).toBe(1);
    expect(k.complaintResolutionHours).toMatchObject({ avg: 72, count: 1 });
    expect(k.slaCompliance).toEqual({ acknowledge: 1, investigation_report: 1, final_resolution: 1 });
    expect(k.csat).toEqual({ avg: 4, count: 3, distribution: { '1': 0, '2': 0, '3': 1, '4': 1, '5': 1 } });
    expect(k.nps).toEqual({ score: 0, count: 2, promoters: 1, passives: 0, detractors: 1 });
    expect(k.volumes.byRoute).toEqual({ faq: 2, handoff: 1, fallback: 2, complaint: 1 });
    // the relayed '还在吗' is not a bot turn; FAQ turns are keyed by the entry that answered
    expect(k.volumes.turnsByRoute).toEqual({ faq: 2, handoff: 1, fallback: 2, complaint: 1 });
    expect(k.volumes.byIntent).toEqual({ 'faq:en-card-activate': 1, 'faq:en-card-pin-change': 1, 'handoff.request': 1, fallback: 2, 'complaint.file': 1 });
    expect(k.volumes.byCategory).toEqual({ fees_charges: 1 });
    expect(k.volumes.byCause).toEqual({ system_error: 1 });
    expect(k.topUnanswered).toHaveLength(1);
    expect(k.topUnanswered[0].count).toBe(2);
    expect(k.topUnanswered[0].text.toLowerCase()).toMatch(/^can i buy gold here\??$/);
  });

  it('a narrower range gives the smaller numbers', async () => {
    const a = await kpis('from=2026-01-05&to=2026-01-11');
    expect(a.conversations).toBe(4);
    expect(a.containmentRate).toBe(0.25);
    expect(a.handoffRate).toBe(0.25);
    expect(a.firstResponseSeconds).toEqual({ avg: 2.5, p50: 2.5, p90: 3.7, count: 4 });
    expect(a.csat).toMatchObject({ avg: 4, count: 2 });
    expect(a.nps).toMatchObject({ score: 100, count: 1 });
    expect(a.complaints).toBe(0);
    expect(a.slaCompliance).toEqual({ acknowledge: null, investigation_report: null, final_resolution: null });

    const b = await kpis('from=2026-01-12&to=2026-01-18');
    expect(b.conversations).toBe(2);
    expect(b.containmentRate).toBe(0.5);
    expect(b.handoffRate).toBe(0);
    expect(b.handlingSeconds.count).toBe(0);

    const none = await kpis('from=2025-12-01&to=2025-12-31');
    expect(none.conversations).toBe(0);
    expect(none.containmentRate).toBeNull();
  });

  it('filters by channel, language, segment and agent', async () => {
    const range = 'from=2026-01-05&to=2026-01-18';
    expect((await kpis(`${range}&channel=msteams`)).conversations).toBe(1);
    expect((await kpis(`${range}&channel=botframework`)).containmentRate).toBe(1);
    expect((await kpis(`${range}&locale=zh-CN`)).conversations).toBe(2);
    const vip = await kpis(`${range}&segment=vip`);
    expect([vip.conversations, vip.handoffRate]).toEqual([1, 1]);
    expect((await kpis(`${range}&segment=ordinary`)).conversations).toBe(5); // anonymous customers count as ordinary
    const mine = await kpis(`${range}&agentId=${agentX}`);
    expect([mine.conversations, mine.handoffs, mine.complaints, mine.csat.avg]).toEqual([1, 1, 1, 3]);
    expect((await kpis(`${range}&channel=`)).conversations).toBe(6); // an empty filter is no filter
  });

  it('is for supervisors: 401 without a token, 403 for an agent, admins allowed', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/analytics/kpis' });
    expect(anon.statusCode).toBe(401);
    const agent = await get('/api/analytics/kpis?from=2026-01-05&to=2026-01-18', agentToken);
    expect(agent.statusCode).toBe(403);
    expect(agent.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    for (const url of ['/api/analytics/kpis.csv', '/api/analytics/conversations', '/api/analytics/unanswered.csv']) expect((await get(url, agentToken)).statusCode).toBe(403);
    const admin = await get('/api/analytics/kpis?from=2026-01-05&to=2026-01-18', await login('admin@bank.test', 'Adm1n-pass-2026!'));
    expect(admin.statusCode).toBe(200);
  });

  it('answers 400 in the contract shape for bad dates and ranges', async () => {
    for (const q of ['from=2026-02-30&to=2026-03-01', 'from=yesterday', 'from=2026-01-18&to=2026-01-05', 'from=2026-01-01T00:00:00&to=2026-01-02', 'locale=fr', 'agentId=42']) {
      const res = await get(`/api/analytics/kpis?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json(), q).toEqual({ error: { code: 'validation_failed', message: expect.any(String) } });
    }
  });

  it('audits every read with who asked for which range', async () => {
    await kpis('from=2026-01-05&to=2026-01-11&channel=web');
    const rows = await t.infra.db.auditLog.findMany({ where: { action: 'analytics.kpis.read', actor: `agent:${supervisorId}` }, orderBy: { id: 'desc' }, take: 1 });
    expect(rows[0]).toMatchObject({ subjectType: 'analytics', subjectId: 'kpis', detail: { from: '2026-01-05', to: '2026-01-11', channel: 'web' } });
  });
});

describe('CSV exports', () => {
  it('kpis.csv carries the same numbers and parses as RFC 4180', async () => {
    const res = await get('/api/analytics/kpis.csv?from=2026-01-05&to=2026-01-18');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="teller-kpis-2026-01-05-2026-01-18.csv"');
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual(['section', 'metric', 'key', 'value']);
    expect(rows.every((r) => r.length === 4)).toBe(true);
    const value = (section: string, metric: string, key = '') => rows.find((r) => r[0] === section && r[1] === metric && r[2] === key)?.[3];
    expect(value('conversations', 'count')).toBe('6');
    expect(value('rates', 'containment_rate')).toBe('0.3333');
    expect(value('first_response_seconds', 'p90')).toBe('7');
    expect(value('csat', 'distribution', '5')).toBe('1');
    expect(value('sla', 'compliance', 'acknowledge')).toBe('1');
    expect(value('volume', 'turns_by_intent', 'faq:en-card-activate')).toBe('1');
    expect(value('unanswered', 'question', rows.find((r) => r[0] === 'unanswered')?.[2])).toBe('2');
  });

  it('unanswered.csv lists the fallback questions with counts; a bad date is a 400', async () => {
    const res = await get('/api/analytics/unanswered.csv?from=2026-01-05&to=2026-01-18');
    expect(res.statusCode).toBe(200);
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual(['question', 'count']);
    expect(rows).toHaveLength(2);
    expect(rows[1][1]).toBe('2');
    expect((await get('/api/analytics/unanswered.csv?to=2026-13-01')).statusCode).toBe(400);
  });
});

describe('GET /api/analytics/conversations (drill-down)', () => {
  const drill = async (q: string) => {
    const res = await get(`/api/analytics/conversations?from=2026-01-05&to=2026-01-18&${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('lists the conversations behind a number, with masked previews', async () => {
    const contained = await drill('metric=containment');
    expect(contained.total).toBe(2);
    expect(contained.conversations.map((c: { id: string }) => c.id).sort()).toEqual([ids.a1, ids.b1].sort());
    const a1 = contained.conversations.find((c: { id: string }) => c.id === ids.a1);
    expect(a1).toMatchObject({ channel: 'web', locale: 'en', route: 'faq', resolvedBy: 'bot', handedOff: false, csat: 5, firstResponseSeconds: 1, preview: 'My card 6222********1234 — how do I activate it?' });

    const handoff = await drill('metric=handoff');
    expect(handoff.conversations.map((c: { id: string }) => c.id)).toEqual([ids.a2]);
    const sla = await drill('metric=complaint_resolution');
    expect(sla.conversations[0]).toMatchObject({ id: ids.b2, complaint: 'CMP-2026-000001' });
    const csat = await drill('metric=csat');
    expect(csat.conversations.map((c: { csat: number }) => c.csat)).toEqual([3, 4, 5]); // worst first
    const unanswered = await drill('metric=unanswered');
    expect(unanswered.conversations.map((c: { id: string }) => c.id).sort()).toEqual([ids.a3, ids.a4].sort());
  });

  it('paginates', async () => {
    const page1 = await drill('metric=conversations&limit=4');
    const page2 = await drill('metric=conversations&limit=4&offset=4');
    expect([page1.total, page1.conversations.length, page2.conversations.length]).toEqual([6, 4, 2]);
    const all = [...page1.conversations, ...page2.conversations].map((c: { id: string }) => c.id);
    expect(new Set(all).size).toBe(6);
    expect((await get('/api/analytics/conversations?metric=bogus')).statusCode).toBe(400);
    expect((await get('/api/analytics/conversations?limit=0')).statusCode).toBe(400);
  });
});

describe('operations endpoints', () => {
  it('/metrics serves Prometheus text with teller_ metrics', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^# TYPE teller_http_request_duration_seconds histogram$/m);
    expect(res.body).toMatch(/^# TYPE teller_handoffs_open gauge$/m);
  });

  it('/docs/json documents the analytics API', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/analytics/kpis', '/api/analytics/kpis.csv', '/api/analytics/conversations', '/api/analytics/unanswered.csv']) expect(paths).toContain(p);
    const kpiGet = res.json().paths['/api/analytics/kpis'].get;
    expect(kpiGet.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'channel', 'locale', 'segment', 'agentId']));
  });
});

describe('ratings', () => {
  it('a survey answer names the handoff it rates, crediting that handoff agent', async () => {
    const db = t.infra.db;
    const handoff = await db.handoff.findFirstOrThrow({ where: { conversationId: ids.a2 } });
    const saved = await t.app.services.ratings.rateConversation({ conversation: { id: ids.a2, channel: 'web', locale: 'zh-CN' }, kind: 'csat', score: 2, handoffId: handoff.id });
    const row = await db.satisfactionRating.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row).toMatchObject({ kind: 'csat', score: 2, handoffId: handoff.id, agentId: agentX, conversationId: ids.a2, locale: 'zh_CN' });
    // a complaint survey credits the complaint and its assigned agent
    const complaint = await db.complaint.findFirstOrThrow({ where: { conversationId: ids.b2 } });
    const k = await t.app.services.ratings.rateConversation({ conversation: { id: ids.b2, channel: 'web', locale: 'zh-CN' }, kind: 'csat', score: 4, complaintId: complaint.id });
    expect(await db.satisfactionRating.findUniqueOrThrow({ where: { id: k.id } })).toMatchObject({ complaintId: complaint.id, agentId: agentX, handoffId: null });
  });
});
