// The real Teller (src/app.ts) on an isolated database and Redis prefix, like test/helpers/context.ts,
// plus the data-protection routes when the composition root does not register them yet, and small
// HTTP helpers shared by the security and fault tests.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createInfrastructure, type Infrastructure } from '../../src/infra/infrastructure.js';
import { privacyRoutes } from '../../src/privacy/erasure/routes.js';
import { clearRedisPrefix, createTestDatabase, uniqueRedisPrefix, waitFor, type TestDatabase } from './isolation.js';

export { waitFor };
import { REDIS_URL } from '../helpers/urls.js';

export const ADMIN = { email: 'admin@bank.test', password: 'Adm1n-pass-2026!' };

export interface Teller {
  app: FastifyInstance;
  config: Config;
  infra: Infrastructure;
  db: TestDatabase;
  prefix: string;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startTeller(opts: { env?: Record<string, string>; listen?: boolean; workers?: boolean; database?: TestDatabase; keepRedis?: boolean } = {}): Promise<Teller> {
  const db = opts.database ?? (await createTestDatabase());
  const prefix = opts.env?.REDIS_PREFIX ?? uniqueRedisPrefix();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    TELLER_ADMIN_EMAIL: ADMIN.email,
    TELLER_ADMIN_PASSWORD: ADMIN.password,
    ...opts.env,
  });
  const infra = createInfrastructure(config);
  const app = await buildApp({ config, ...infra });
  if (!app.hasRoute({ method: 'POST', url: '/api/admin/customers/:externalId/erase' })) await app.register(privacyRoutes);
  let baseUrl = '';
  if (opts.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    baseUrl = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
  } else {
    await app.ready();
  }
  if (opts.workers) await app.startWorkers();
  return {
    app,
    config,
    infra,
    db,
    prefix,
    baseUrl,
    async close() {
      await app.close();
      await infra.close();
      if (!opts.keepRedis) await clearRedisPrefix(prefix, config.REDIS_URL).catch(() => {});
      if (!opts.database) await db.drop();
    },
  };
}

export interface Conv {
  id: string;
  token: string;
}

/** Small helpers over app.inject for one Teller. */
export function client(app: FastifyInstance) {
  const inject = (o: InjectOptions) => app.inject(o);
  return {
    inject,
    async start(locale: 'zh-CN' | 'en' = 'zh-CN', customer?: Record<string, string>): Promise<Conv> {
      const res = await inject({ method: 'POST', url: '/api/conversations', payload: { locale, channel: 'web', ...(customer ? { customer } : {}) } });
      if (res.statusCode !== 201) throw new Error(`start conversation: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    say(conv: Conv, text: string, extra: Record<string, unknown> = {}) {
      return inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text, ...extra }, headers: { authorization: `Bearer ${conv.token}` } });
    },
    async transcript(conv: Conv) {
      const res = await inject({ url: `/api/conversations/${conv.id}/messages`, headers: { authorization: `Bearer ${conv.token}` } });
      if (res.statusCode !== 200) throw new Error(`transcript: ${res.statusCode} ${res.body}`);
      return res.json().messages as Array<{ id: string; author: string; text: string }>;
    },
    async login(email = ADMIN.email, password = ADMIN.password): Promise<string> {
      const res = await inject({ method: 'POST', url: '/api/agent/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode} ${res.body}`);
      return res.json().token;
    },
  };
}

/** A local Bot Connector stand-in: Bot Framework replies go to its serviceUrl and are answered at once. */
export async function startConnector(): Promise<{ serviceUrl: string; calls: Array<{ path: string; body: string }>; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const calls: Array<{ path: string; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      calls.push({ path: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `srv-${calls.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { serviceUrl: `http://127.0.0.1:${port}`, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}
