// Bull Board is served to supervisors only, through the cookie the console obtains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeller, type TellerUnderTest } from '../helpers/context.js';

let t: TellerUnderTest;
let adminToken: string;
beforeAll(async () => {
  t = await startTeller();
  adminToken = (await t.app.inject({ method: 'POST', url: '/api/agent/login', payload: { email: 'admin@bank.test', password: 'Adm1n-pass-2026!' } })).json().token;
});
afterAll(async () => t?.close());

describe('Bull Board', () => {
  it('refuses a browser without the session cookie', async () => {
    const res = await t.app.inject({ url: '/admin/queues/' });
    expect(res.statusCode).toBe(401);
  });

  it('refuses an agent below supervisor', async () => {
    await t.app.services.agentAccounts.create({ email: 'plain@bank.test', name: 'Plain', password: 'Plain-pass-2026!', role: 'agent' });
    const token = (await t.app.inject({ method: 'POST', url: '/api/agent/login', payload: { email: 'plain@bank.test', password: 'Plain-pass-2026!' } })).json().token;
    const res = await t.app.inject({ method: 'POST', url: '/api/ops/queue-board/session', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(403);
  });

  it('shows the queues to a supervisor through an httpOnly, SameSite=Strict cookie', async () => {
    const session = await t.app.inject({ method: 'POST', url: '/api/ops/queue-board/session', headers: { authorization: `Bearer ${adminToken}` } });
    expect(session.statusCode).toBe(200);
    const setCookie = String(session.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0];
    const page = await t.app.inject({ url: '/admin/queues/', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/html/);
    const api = await t.app.inject({ url: '/admin/queues/api/queues', headers: { cookie } });
    expect(api.statusCode).toBe(200);
    const names = (api.json().queues as Array<{ name: string }>).map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['complaint-triage']));
  });
});
