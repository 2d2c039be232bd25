// npm run bench:handoff [-- --n 200 --standalone]
//
// Two Teller instances in this process, on one fresh bench database and one Redis prefix, each on
// its own port (as behind a load balancer). Per round: a customer on instance A asks for a person;
// an agent console on instance B follows the agent feed; the agent claims through B and writes
// through B; the customer's SSE stream is held by A. Measured:
//   request → queue   from the customer's request until the agent feed on B announces it
//   request → listed  from the request until GET /api/agent/handoffs?status=waiting on B lists it
//   message → customer  from the agent's POST on B until the message arrives on A's SSE stream
// Rate limiting is lifted (a latency bench, not a load test). The real app is used (customer request = the real turn "转人工"); --standalone uses the handoff-only
// app of test/handoff/handoff-app.ts and asks through the handoff port instead.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createInfrastructure } from '../src/infra/infrastructure.js';
import { applyMigrations, ensureDatabase } from '../src/infra/migrate/migrate.js';
import { MIGRATIONS_DIR } from '../src/infra/paths.js';
import { ADMIN, buildHandoffApp, type HandoffServices } from '../test/handoff/handoff-app.js';
import { openSse } from '../test/handoff/sse-client.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const ROUNDS = Number(arg('n', '200'));
const WARMUP = 10;
const standalone = args.includes('--standalone');
const PG_BASE = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const dbUrl = (name: string) => Object.assign(new URL(PG_BASE), { pathname: `/${name}` }).toString();
const dbName = `teller_bench_handoff_${randomBytes(3).toString('hex')}`;
const prefix = `bench:handoff:${randomBytes(3).toString('hex')}`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50).toFixed(2), p99: percentile(s, 99).toFixed(2), max: s[s.length - 1].toFixed(2) };
};

async function startInstance() {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: dbUrl(dbName), REDIS_URL, REDIS_PREFIX: prefix, TELLER_ADMIN_EMAIL: ADMIN.email, TELLER_ADMIN_PASSWORD: ADMIN.password, TELLER_SKIP_MIGRATE: 'true', RATE_LIMIT_PER_MINUTE: '1000000' });
  const infra = createInfrastructure(config);
  const { app, wired } = await buildHandoffApp({ config, infra, standalone });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
  const services = (app as unknown as { services: HandoffServices }).services;
  return { app, infra, base, wired, services, close: async () => (await app.close(), await infra.close()) };
}

async function http<T = any>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: T }> {
  const res = await fetch(base + path, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

async function main() {
  await ensureDatabase(dbUrl(dbName));
  await applyMigrations({ databaseUrl: dbUrl(dbName), migrationsDir: MIGRATIONS_DIR });
  const a = await startInstance();
  const b = await startInstance();
  const must = <T extends { status: number }>(r: T, want: number, what: string) => {
    if (r.status !== want) throw new Error(`${what} gave ${r.status}: ${JSON.stringify((r as any).json).slice(0, 200)}`);
    return r;
  };
  let feed: Awaited<ReturnType<typeof openSse>> | undefined;
  try {
    const token = must(await http(b.base, 'POST', '/api/agent/login', ADMIN), 200, 'login').json.token as string;
    feed = await openSse(`${b.base}/api/agent/events?token=${token}`);
    await feed.waitFor((e) => e.event === 'held');
    const requestToFeed: number[] = [];
    const requestToListed: number[] = [];
    const messageToCustomer: number[] = [];

    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const conv = must(await http(a.base, 'POST', '/api/conversations', { locale: 'zh-CN', channel: 'web', customer: { segment: round % 5 ? 'ordinary' : 'vip' } }), 201, 'start').json as { id: string; token: string };
      const customer = await openSse(`${a.base}/api/conversations/${conv.id}/events?token=${conv.token}`);
      try {
        const announced = feed.waitFor((e) => e.event === 'feed' && JSON.parse(e.data).type === 'handoff.requested' && JSON.parse(e.data).conversationId === conv.id, 10_000);
        const t0 = performance.now();
        let handoffId: string;
        if (a.wired) {
          const r = must(await http(a.base, 'POST', `/api/conversations/${conv.id}/messages`, { text: '转人工' }, conv.token), 200, 'ask for a person');
          handoffId = r.json.handoff.id;
        } else {
          const view = await a.services.conversations.find(conv.id);
          handoffId = (await a.services.handoffs.port.request({ conversation: view!, reason: 'customer_request', urgent: false })).id;
        }
        let listed = false;
        while (!listed) listed = (await http(b.base, 'GET', '/api/agent/handoffs?status=waiting&locale=zh-CN', undefined, token)).json.handoffs.some((h: { id: string }) => h.id === handoffId);
        const t1 = performance.now();
        const seen = await announced;
        must(await http(b.base, 'POST', `/api/agent/handoffs/${handoffId}/claim`, {}, token), 200, 'claim');

        const t2 = performance.now();
        const sent = must(await http(b.base, 'POST', `/api/agent/conversations/${conv.id}/messages`, { text: `您好，人工客服为您服务（${round}）` }, token), 201, 'agent message');
        const got = await customer.waitFor((e) => e.event === 'message' && JSON.parse(e.data).id === sent.json.message.id, 10_000);
        must(await http(b.base, 'POST', `/api/agent/handoffs/${handoffId}/close`, { disposition: 'resolved' }, token), 200, 'close');

        if (round >= WARMUP) {
          requestToFeed.push(seen.at - t0);
          requestToListed.push(t1 - t0);
          messageToCustomer.push(got.at - t2);
        }
      } finally {
        customer.close();
      }
    }
    const q = fmt(requestToFeed), l = fmt(requestToListed), m = fmt(messageToCustomer);
    console.log(`app=${a.wired ? 'real' : 'standalone'} instances=2 rounds=${ROUNDS} (after ${WARMUP} warm-up)`);
    console.log(`request → agent feed on other instance:   p50=${q.p50} ms  p99=${q.p99} ms  max=${q.max} ms`);
    console.log(`request → listed by GET on other instance: p50=${l.p50} ms  p99=${l.p99} ms  max=${l.max} ms`);
    console.log(`agent message → customer SSE across:      p50=${m.p50} ms  p99=${m.p99} ms  max=${m.max} ms`);
    console.log(`handoff_request_to_queue_p50_ms=${q.p50} handoff_request_to_queue_p99_ms=${q.p99} agent_message_to_customer_p50_ms=${m.p50} agent_message_to_customer_p99_ms=${m.p99}`);
  } finally {
    feed?.close();
    await a.close();
    await b.close();
    const admin = new pg.Client({ connectionString: PG_BASE });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(dbName)} WITH (FORCE)`).finally(() => admin.end());
    const r = new Redis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.unlink(...keys);
    } while (cursor !== '0');
    r.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
