// `npm run demo:seed` on a fresh database: a month that the KPIs can read, every complaint category,
// some missed clocks, agents who can log in, and a second run that replaces rather than doubles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/agents/passwords.js';
import { DEMO_AGENTS, DEMO_PASSWORD } from '../../src/analytics/demo-month.js';
import { seedDemo } from '../../src/analytics/demo-seed.js';
import { createKpiQueries } from '../../src/analytics/kpi-queries.js';
import { resolveRange } from '../../src/analytics/kpi-range.js';
import { computeKpis } from '../../src/analytics/kpis.js';
import { COMPLAINT_CATEGORIES } from '../../src/complaints/domain/extract-details.js';
import { createDatabase, type Database } from '../../src/infra/database.js';
import { createTestDatabase, type TestDatabase } from '../helpers/context.js';

let testDb: TestDatabase;
let db: Database;
const now = new Date('2026-11-20T04:00:00Z');
const opts = { now, conversations: 300, days: 30, seed: 42, timeZone: 'Asia/Shanghai', npsRate: 0.2 };

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createDatabase({ DATABASE_URL: testDb.url, DATABASE_POOL_SIZE: 4 });
});

afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

describe('demo seed', () => {
  it('creates a month the dashboard can show, and a second run replaces the first', async () => {
    const first = await seedDemo(db, opts);
    expect(first.created.conversations).toBe(300);
    expect(first.removed.conversations).toBe(0);

    const range = resolveRange({}, { timeZone: 'Asia/Shanghai', now });
    const k = computeKpis(await createKpiQueries(db).loadFacts({ start: range.start, end: range.end }), { range, now });
    expect(k.conversations).toBe(300);
    expect(k.containmentRate).toBeGreaterThan(0.2);
    expect(k.containmentRate).toBeLessThan(0.8);
    expect(k.handoffRate).toBeGreaterThan(0.05);
    expect(k.handlingSeconds.count).toBeGreaterThan(10);
    expect(k.agentFirstResponseSeconds.avg).toBeGreaterThan(0);
    expect(k.firstResponseSeconds.count).toBe(300);
    expect(Object.keys(k.volumes.byCategory).sort()).toEqual([...COMPLAINT_CATEGORIES].sort());
    for (const clock of ['acknowledge', 'investigation_report', 'final_resolution']) expect(k.slaCompliance[clock]).toBeGreaterThan(0.5);
    expect(Object.values(k.slaCounts).some((c) => c.met < c.due)).toBe(true); // some clocks were missed
    expect(await db.serviceClockBreach.count()).toBeGreaterThan(0);
    expect(k.csat.count).toBeGreaterThan(20);
    expect(k.nps.count).toBeGreaterThan(0);
    expect(k.topUnanswered.length).toBeGreaterThan(5);
    // every number lies inside the range asked for: nothing in the future
    const latest = await db.message.aggregate({ _max: { createdAt: true } });
    expect(latest._max.createdAt!.getTime()).toBeLessThanOrEqual(now.getTime());

    // complaints carry a status history and references from the app's own counter
    const complaint = await db.complaint.findFirstOrThrow({ where: { status: 'closed' }, include: { events: { orderBy: { at: 'asc' } } } });
    expect(complaint.reference).toMatch(/^CMP-2026-\d{6}$/);
    expect(complaint.events.map((e) => e.toStatus)).toEqual(['received', 'acknowledged', 'investigating', 'resolution_proposed', 'approved', 'resolved', 'follow_up', 'closed']);
    const counter = await db.referenceCounter.findUniqueOrThrow({ where: { scope: 'CMP-2026' } });
    expect(counter.value).toBe(first.created.complaints);

    const agent = await db.agent.findUniqueOrThrow({ where: { email: DEMO_AGENTS[0].email } });
    expect(await verifyPassword(DEMO_PASSWORD, agent.passwordHash)).toBe(true);

    const second = await seedDemo(db, { ...opts, seed: 43 });
    expect(second.removed.conversations).toBe(300);
    expect(await db.conversation.count()).toBe(300);
    expect(await db.customer.count({ where: { externalId: { startsWith: 'demo-' } } })).toBe(second.created.customers);
    expect(await db.agent.count()).toBe(DEMO_AGENTS.length);
    // new references continue the counter: no clash with the first run's (now deleted) or real ones
    expect((await db.referenceCounter.findUniqueOrThrow({ where: { scope: 'CMP-2026' } })).value).toBe(first.created.complaints + second.created.complaints);
  });

  it('leaves real (non-demo) rows alone', async () => {
    const real = await db.conversation.create({ data: { channel: 'web', tokenHash: 'real-token-hash' } });
    await seedDemo(db, opts);
    expect(await db.conversation.findUnique({ where: { id: real.id } })).not.toBeNull();
  });
});
