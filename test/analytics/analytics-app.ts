// The real Teller (buildApp over the real services) on an isolated database and Redis prefix, as in
// test/helpers/context.ts, with the analytics routes registered when src/app.ts does not register
// them itself yet (the lead wires `await app.register(analyticsRoutes)` into buildApp).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { analyticsRoutes } from '../../src/analytics/routes.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createInfrastructure, type Infrastructure } from '../../src/infra/infrastructure.js';
import { clearRedisPrefix, createTestDatabase, uniqueRedisPrefix, type TestDatabase } from '../helpers/context.js';
import { REDIS_URL } from '../helpers/urls.js';

export interface AnalyticsTeller {
  app: FastifyInstance;
  config: Config;
  infra: Infrastructure;
  db: TestDatabase;
  close(): Promise<void>;
}

export async function startAnalyticsTeller(env: Record<string, string> = {}): Promise<AnalyticsTeller> {
  const db = await createTestDatabase();
  const prefix = uniqueRedisPrefix();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    TELLER_ADMIN_EMAIL: 'admin@bank.test',
    TELLER_ADMIN_PASSWORD: 'Adm1n-pass-2026!',
    ...env,
  });
  const infra = createInfrastructure(config);
  const app = await buildApp({ config, ...infra });
  if (!app.hasRoute({ method: 'GET', url: '/api/analytics/kpis' })) await app.register(analyticsRoutes);
  await app.ready();
  return {
    app,
    config,
    infra,
    db,
    async close() {
      await app.close();
      await infra.close();
      await clearRedisPrefix(prefix);
      await db.drop();
    },
  };
}
