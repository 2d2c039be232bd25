// /readyz follows PostgreSQL and Redis going away and coming back, without a restart of Teller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startTeller, type TellerUnderTest, type TestDatabase } from '../helpers/context.js';
import { PrivateRedis, TcpProxy } from '../helpers/services.js';

let redis: PrivateRedis;
let pgProxy: TcpProxy;
let t: TellerUnderTest;
let database: TestDatabase;

async function readyz() {
  const started = Date.now();
  const res = await t.app.inject({ url: '/readyz' });
  return { status: res.statusCode, body: res.json(), ms: Date.now() - started };
}

async function eventually(expectStatus: number, withinMs: number) {
  const deadline = Date.now() + withinMs;
  let last = await readyz();
  while (last.status !== expectStatus && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = await readyz();
  }
  return last;
}

beforeAll(async () => {
  redis = await PrivateRedis.start();
  pgProxy = await TcpProxy.start({ host: '127.0.0.1', port: 5432 });
  database = await createTestDatabase();
  // Teller reaches PostgreSQL through the proxy and uses the private Redis.
  const dbUrl = new URL(database.url);
  dbUrl.port = String(pgProxy.port);
  t = await startTeller({ database, env: { DATABASE_URL: dbUrl.toString(), REDIS_URL: redis.url } });
});
afterAll(async () => {
  await t?.close().catch(() => {});
  await redis?.stop().catch(() => {});
  await pgProxy?.cut();
  await database?.drop();
});

describe('readiness', () => {
  it('is ready when both services answer', async () => {
    expect((await eventually(200, 3000)).status).toBe(200);
  });

  it('turns 503 within 2 s of Redis going away, naming it, and 200 again when it returns', async () => {
    const stoppedAt = Date.now();
    await redis.stop();
    const down = await eventually(503, 2000);
    expect(down.status).toBe(503);
    expect(Date.now() - stoppedAt).toBeLessThan(2000);
    expect(down.body.failed).toEqual(['redis']);
    expect(down.body.error.code).toBe('unavailable');
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);

    await redis.start();
    expect((await eventually(200, 5000)).status).toBe(200);
  });

  it('turns 503 within 2 s of PostgreSQL going away and 200 again when it returns', async () => {
    const cutAt = Date.now();
    await pgProxy.cut();
    const down = await eventually(503, 2000);
    expect(down.status).toBe(503);
    expect(Date.now() - cutAt).toBeLessThan(2000);
    expect(down.body.failed).toEqual(['postgres']);

    await pgProxy.restore();
    expect((await eventually(200, 5000)).status).toBe(200);
  });
});
