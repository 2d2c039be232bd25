// PostgreSQL goes away under a running Teller (a TCP proxy in front of the shared server is cut; the
// server itself is never stopped): requests that need it fail fast with 503 and the JSON error,
// liveness stays up, and when it comes back Teller serves again with no restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../helpers/services.js';
import { createTestDatabase, type TestDatabase } from '../security/isolation.js';
import { client, startTeller, timed, waitFor, type Teller } from './support.js';

const FAIL_FAST_MS = 2500;

let proxy: TcpProxy;
let database: TestDatabase;
let t: Teller;

beforeAll(async () => {
  proxy = await TcpProxy.start({ host: '127.0.0.1', port: 5432 });
  database = await createTestDatabase();
  const url = new URL(database.url);
  url.port = String(proxy.port);
  t = await startTeller({ database, env: { DATABASE_URL: url.toString() }, workers: true });
}, 120_000);
afterAll(async () => {
  await proxy?.restore();
  await t?.close();
  await proxy?.cut();
  await database?.drop();
});

describe('PostgreSQL cut', () => {
  it('fails fast with 503 while it is away and recovers without a restart', async () => {
    const c = client(t.app);
    const conv = await c.start('en');
    expect((await c.say(conv, 'How do I reset my online banking password?')).statusCode).toBe(200);
    const admin = await c.login();

    await proxy.cut();

    const requests = [
      { name: 'start a conversation', run: () => t.app.inject({ method: 'POST', url: '/api/conversations', payload: { locale: 'en' } }) },
      { name: 'send a message', run: () => c.say(conv, 'How do I reset my online banking password?') },
      { name: 'read the transcript', run: () => t.app.inject({ url: `/api/conversations/${conv.id}/messages`, headers: { authorization: `Bearer ${conv.token}` } }) },
      { name: 'agent login', run: () => t.app.inject({ method: 'POST', url: '/api/agent/login', payload: { email: 'admin@bank.test', password: 'Adm1n-pass-2026!' } }) },
      { name: 'agent queue', run: () => t.app.inject({ url: '/api/agent/handoffs?status=waiting', headers: { authorization: `Bearer ${admin}` } }) },
      { name: 'complaints list', run: () => t.app.inject({ url: '/api/complaints', headers: { authorization: `Bearer ${admin}` } }) },
    ];
    for (let round = 0; round < 2; round++) {
      for (const r of requests) {
        const { value: res, ms } = await timed(r.run);
        expect(res.statusCode, `${r.name}: ${res.body}`).toBe(503);
        expect(res.json()).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
        expect(ms, r.name).toBeLessThan(FAIL_FAST_MS);
      }
    }
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().failed).toEqual(['postgres']);

    await proxy.restore();

    // Serving again within a few seconds, same process, same pool.
    const back = await waitFor(async () => {
      const res = await c.say(conv, 'How do I reset my online banking password?');
      return res.statusCode === 200 ? res : null;
    }, 10_000, 200);
    expect(back.json().route).toBe('faq');
    for (const r of requests) expect((await r.run()).statusCode, r.name).toBeLessThan(300);
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    // Nothing half-written: the transcript holds whole turns only (before, after, and the re-run above).
    expect((await c.transcript(conv)).map((m) => m.author)).toEqual(['customer', 'bot', 'customer', 'bot', 'customer', 'bot']);
  }, 90_000);
});
