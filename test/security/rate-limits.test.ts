// Rate limits kept in Redis hold across instances: two Tellers on one database and one REDIS_PREFIX
// (as behind a load balancer) share the per-conversation and the per-IP budgets. A refused request
// gets 429 with the JSON error and stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTeller, type Teller } from './harness.js';
import { clearRedisPrefix, createTestDatabase, uniqueRedisPrefix, type TestDatabase } from './isolation.js';

const PER_CONVERSATION = 4;
const PER_IP = 12;

let database: TestDatabase;
let a: Teller;
let b: Teller;
const prefix = uniqueRedisPrefix();

beforeAll(async () => {
  database = await createTestDatabase();
  const env = { REDIS_PREFIX: prefix, CONVERSATION_RATE_LIMIT_PER_MINUTE: String(PER_CONVERSATION), RATE_LIMIT_PER_MINUTE: String(PER_IP), TRUST_PROXY: '127.0.0.1' }; // the load balancer is on loopback
  a = await startTeller({ database, env, keepRedis: true });
  b = await startTeller({ database, env, keepRedis: true });
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await clearRedisPrefix(prefix);
  await database?.drop();
});

/** Each test speaks from its own client address, so the per-IP budget of one does not spill into the next. */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('rate limits across two instances sharing Redis', () => {
  it('limits messages per conversation, whichever instance they reach', async () => {
    const start = await a.app.inject({ method: 'POST', url: '/api/conversations', payload: { locale: 'en' }, headers: from('198.51.100.1') });
    const conv = start.json() as { id: string; token: string };
    const say = (t: Teller, text: string, ip: string) =>
      t.app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text }, headers: { authorization: `Bearer ${conv.token}`, ...from(ip) } });

    // The budget is the conversation's, not the address's: different addresses share it.
    const statuses = [];
    for (let i = 0; i < PER_CONVERSATION; i++) statuses.push((await say(i % 2 ? b : a, `hello ${i}`, `198.51.100.${10 + i}`)).statusCode);
    expect(statuses).toEqual(Array(PER_CONVERSATION).fill(200));

    const stored = await a.infra.db.message.count({ where: { conversationId: conv.id } });
    for (const t of [a, b]) {
      const refused = await say(t, 'one more', '198.51.100.99');
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/too many requests/) } });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(await a.infra.db.message.count({ where: { conversationId: conv.id } })).toBe(stored);

    // Another conversation has its own budget.
    const other = client(b.app);
    const conv2 = await other.start('en');
    expect((await other.say(conv2, 'hello')).statusCode).toBe(200);
  });

  it('limits requests per client address, whichever instance they reach', async () => {
    const ip = '203.0.113.7';
    const codes: number[] = [];
    for (let i = 0; i < PER_IP + 2; i++) codes.push((await (i % 2 ? b : a).app.inject({ url: '/api/agent/me', headers: from(ip) })).statusCode);
    // Unauthenticated, so 401 until the shared budget is spent, then 429 on both instances.
    expect(codes.slice(0, PER_IP)).toEqual(Array(PER_IP).fill(401));
    expect(codes.slice(PER_IP)).toEqual([429, 429]);
    // Health probes are never limited.
    expect((await a.app.inject({ url: '/healthz', headers: from(ip) })).statusCode).toBe(200);
    // Another address is not affected.
    expect((await b.app.inject({ url: '/api/agent/me', headers: from('203.0.113.8') })).statusCode).toBe(401);
  });

  it('cannot be dodged by sending a different X-Forwarded-For with every request', async () => {
    // One client on one connection inventing a new address each time must still run out.
    const codes: number[] = [];
    for (let i = 0; i < PER_IP + 2; i++) codes.push((await a.app.inject({ url: '/api/agent/me', headers: from(`192.0.2.${i + 1}`), remoteAddress: '10.9.8.7' })).statusCode);
    expect(codes).toContain(429);
  });
});
